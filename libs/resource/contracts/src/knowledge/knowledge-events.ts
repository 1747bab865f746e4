import { contractDefiner } from '@serviceledger/platform/core';

/**
 * The public events of technical documents and the knowledge base (R-1.1, R-1.2, 五(一)): on
 * `serviceledger.resource.knowledge.v1`, keyed by the document or article id. They say what was released and
 * where to find it (ids, version, hash); a document's bytes and an article's body stay in the resource service,
 * whose routes answer them under its access control.
 */
export const KNOWLEDGE_TOPIC = 'serviceledger.resource.knowledge.v1';
export type KnowledgeTopic = typeof KNOWLEDGE_TOPIC;

/** Mirrored from the domain: contracts import no domain. */
export const KNOWLEDGE_DOCUMENT_KINDS = ['technical-plan', 'operating-manual', 'technical-report'] as const;
export const KNOWLEDGE_ARTICLE_KINDS = ['experience', 'solution', 'innovation'] as const;
export const KNOWLEDGE_LINK_KINDS = ['case', 'demand'] as const;

const defineKnowledgeContract = contractDefiner<'resource', KnowledgeTopic>('resource');

const idSchema = { type: 'string', minLength: 1 } as const;
const textSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;
const versionSchema = { type: 'integer', minimum: 1 } as const;
const tagsSchema = { type: 'array', items: textSchema } as const;
const linkSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id'],
  properties: { kind: { enum: [...KNOWLEDGE_LINK_KINDS] }, id: idSchema },
} as const;

// document.approved

export interface KnowledgeLinkV1 {
  kind: (typeof KNOWLEDGE_LINK_KINDS)[number];
  id: string;
}

export interface DocumentApprovedV1 {
  documentId: string;
  kind: (typeof KNOWLEDGE_DOCUMENT_KINDS)[number];
  title: string;
  /** The version now released: earlier ones stay readable in the resource service. */
  version: number;
  /** Hex SHA-256 of the released file: what a reader fetches it by and checks it against. */
  sha256: string;
  size: number;
  contentType: string;
  tags: string[];
  ownerId: string;
  departmentId: string;
  /** The delivery cases and demands the document serves. */
  links: KnowledgeLinkV1[];
  approvedBy: string;
  approvedAt: string;
  /** When its owner is reminded to review it again. */
  nextReviewDue: string;
  occurredAt: string;
}

export const DOCUMENT_APPROVED_V1 = defineKnowledgeContract({
  event: 'document.approved',
  version: 1,
  topic: KNOWLEDGE_TOPIC,
  description:
    'A version of a technical document (technical plan, operating manual or technical report) was reviewed and released ' +
    '(R-1.1): the document, its released version and the SHA-256 of its file, its owner and department and the cases and ' +
    'demands it serves. The file itself stays in the resource service.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['documentId', 'kind', 'title', 'version', 'sha256', 'size', 'contentType', 'tags', 'ownerId', 'departmentId', 'links', 'approvedBy', 'approvedAt', 'nextReviewDue', 'occurredAt'],
    properties: {
      documentId: idSchema,
      kind: { enum: [...KNOWLEDGE_DOCUMENT_KINDS] },
      title: textSchema,
      version: versionSchema,
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      size: { type: 'integer', minimum: 1 },
      contentType: textSchema,
      tags: tagsSchema,
      ownerId: idSchema,
      departmentId: idSchema,
      links: { type: 'array', items: linkSchema },
      approvedBy: idSchema,
      approvedAt: instantSchema,
      nextReviewDue: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

// article.published

export interface ArticlePublishedV1 {
  articleId: string;
  kind: (typeof KNOWLEDGE_ARTICLE_KINDS)[number];
  title: string;
  version: number;
  tags: string[];
  authorId: string;
  /** The author's department, when the article was written for one. */
  departmentId?: string;
  /** The resolved demand or accepted case it came from; absent: written from experience alone. */
  source?: KnowledgeLinkV1;
  publishedBy: string;
  publishedAt: string;
  occurredAt: string;
}

export const ARTICLE_PUBLISHED_V1 = defineKnowledgeContract({
  event: 'article.published',
  version: 1,
  topic: KNOWLEDGE_TOPIC,
  description:
    'A version of a knowledge-base article (experience, solution or innovation) was reviewed and published (R-1.2): its ' +
    'title, tags, author and the demand or case it came from. The body stays in the resource service.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['articleId', 'kind', 'title', 'version', 'tags', 'authorId', 'publishedBy', 'publishedAt', 'occurredAt'],
    properties: {
      articleId: idSchema,
      kind: { enum: [...KNOWLEDGE_ARTICLE_KINDS] },
      title: textSchema,
      version: versionSchema,
      tags: tagsSchema,
      authorId: idSchema,
      departmentId: idSchema,
      source: linkSchema,
      publishedBy: idSchema,
      publishedAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

/** Every public event of documents and the knowledge base. */
export const KNOWLEDGE_CONTRACTS = [DOCUMENT_APPROVED_V1, ARTICLE_PUBLISHED_V1] as const;
export type KnowledgeContractType = (typeof KNOWLEDGE_CONTRACTS)[number]['type'];

/** The payload of each contract, by its CloudEvents type. */
export interface KnowledgeContractData {
  [DOCUMENT_APPROVED_V1.type]: DocumentApprovedV1;
  [ARTICLE_PUBLISHED_V1.type]: ArticlePublishedV1;
}

/** The CloudEvents `source` of the resource service's events. */
export const KNOWLEDGE_SOURCE = '/serviceledger/resource';
