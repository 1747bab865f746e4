import { JSON_SCHEMA_DIALECT } from '@serviceledger/platform/core';
import { createJsonSchemaValidator } from '@serviceledger/platform/testing';
import { ARTICLE_PUBLISHED_V1, DOCUMENT_APPROVED_V1, KNOWLEDGE_CONTRACTS, KNOWLEDGE_TOPIC, KnowledgeContractData, KnowledgeContractType } from './knowledge-events';

const AT = '2026-12-01T02:00:00.000Z';

/** One complete payload per contract, optional fields included. */
const EXAMPLES: { [Type in KnowledgeContractType]: KnowledgeContractData[Type] } = {
  [DOCUMENT_APPROVED_V1.type]: {
    documentId: 'doc-1',
    kind: 'operating-manual',
    title: '服務器備份操作手冊',
    version: 3,
    sha256: 'a'.repeat(64),
    size: 2048,
    contentType: 'text/markdown',
    tags: ['備份'],
    ownerId: 'tech-li',
    departmentId: 'tech-support',
    links: [{ kind: 'case', id: 'case-1' }],
    approvedBy: 'head-wang',
    approvedAt: AT,
    nextReviewDue: '2027-03-01T02:00:00.000Z',
    occurredAt: AT,
  },
  [ARTICLE_PUBLISHED_V1.type]: {
    articleId: 'art-1',
    kind: 'solution',
    title: '打印機脫機的處理',
    version: 1,
    tags: ['打印'],
    authorId: 'tech-li',
    departmentId: 'tech-support',
    source: { kind: 'demand', id: 'dem-1' },
    publishedBy: 'head-wang',
    publishedAt: AT,
    occurredAt: AT,
  },
};

describe('resource knowledge contracts (R-1.1, R-1.2)', () => {
  const validate = (schema: object, data: unknown) => createJsonSchemaValidator().compile(schema)(data);

  it('publishes document.approved and article.published v1 on the knowledge topic', () => {
    expect(KNOWLEDGE_CONTRACTS.map((c) => c.type)).toEqual(['serviceledger.resource.document.approved.v1', 'serviceledger.resource.article.published.v1']);
    expect(new Set(KNOWLEDGE_CONTRACTS.map((c) => c.topic))).toEqual(new Set([KNOWLEDGE_TOPIC]));
    expect(KNOWLEDGE_TOPIC).toBe('serviceledger.resource.knowledge.v1');
  });

  it.each(KNOWLEDGE_CONTRACTS.map((c) => [c.type, c] as const))('%s: closed draft 2020-12 schema that its complete example passes', (type, contract) => {
    expect(contract.schema.$schema).toBe(JSON_SCHEMA_DIALECT);
    expect(contract.schema.additionalProperties).toBe(false);
    const example = EXAMPLES[type];
    expect(validate(contract.schema, example)).toBe(true);
    expect(Object.keys(example).sort()).toEqual(Object.keys(contract.schema.properties as object).sort());
    expect(validate(contract.schema, { ...example, body: 'the text itself' })).toBe(false);
  });

  it('never carries a document’s bytes: a file is named by its SHA-256 only', () => {
    const example = EXAMPLES[DOCUMENT_APPROVED_V1.type];
    expect(validate(DOCUMENT_APPROVED_V1.schema, { ...example, sha256: 'not-a-hash' })).toBe(false);
    expect(validate(DOCUMENT_APPROVED_V1.schema, { ...example, content: 'aGVsbG8=' })).toBe(false);
  });

  it('publishes an article without a source or department: written from experience, for everyone', () => {
    const { source: _source, departmentId: _department, ...plain } = EXAMPLES[ARTICLE_PUBLISHED_V1.type];
    expect(validate(ARTICLE_PUBLISHED_V1.schema, plain)).toBe(true);
  });
});
