import { contractMapperSpec, eventStream } from '@serviceledger/platform/testing';
import { ARTICLE_PUBLISHED_V1, DOCUMENT_APPROVED_V1, KNOWLEDGE_TOPIC } from '@serviceledger/resource/contracts';
import { KnowledgeArticleEvent, TechnicalDocumentEvent, articleStream, articleViewStream, documentStream } from '@serviceledger/resource/domain';
import { knowledgeRelayPart, mapKnowledgeEvent } from './knowledge-contract-mapper';

const file = { sha256: 'b'.repeat(64), size: 2048, contentType: 'text/markdown' as const, fileName: '手冊.md' };

function documentLife() {
  const next = eventStream<TechnicalDocumentEvent>(documentStream('doc-1'));
  return [
    next({ type: 'TechnicalDocumentRegistered', data: { documentId: 'doc-1', kind: 'operating-manual', title: '手冊', tags: ['備份'], ownerId: 'tech-li', departmentId: 'tech-support', reviewIntervalDays: 30, links: [], registeredAt: 'x', registeredBy: 'tech-li' } }),
    next({ type: 'DocumentVersionUploaded', data: { documentId: 'doc-1', version: 1, ...file, changeNote: 'First version', uploadedAt: 'x', uploadedBy: 'tech-li' } }),
    next({ type: 'DocumentSubmittedForReview', data: { documentId: 'doc-1', version: 1, submittedAt: 'x', submittedBy: 'tech-li' } }),
    next({
      type: 'DocumentApproved',
      data: {
        documentId: 'doc-1',
        version: 1,
        comment: '內部審核意見',
        approvedAt: '2026-12-01T02:00:00.000Z',
        approvedBy: 'head-wang',
        nextReviewDue: '2026-12-31T02:00:00.000Z',
        approved: { kind: 'operating-manual', title: '手冊', tags: ['備份'], ownerId: 'tech-li', departmentId: 'tech-support', links: [{ kind: 'demand', id: 'dem-1' }], file },
      },
    }),
    next({ type: 'DocumentReviewReminded', data: { documentId: 'doc-1', ownerId: 'tech-li', version: 1, dueAt: 'x', remindedAt: 'x' } }),
    next({ type: 'DocumentArchived', data: { documentId: 'doc-1', reason: 'r', archivedAt: 'x', archivedBy: 'h' } }),
  ];
}

function articleLife() {
  const next = eventStream<KnowledgeArticleEvent>(articleStream('art-1'));
  return [
    next({ type: 'KnowledgeArticleDrafted', data: { articleId: 'art-1', kind: 'solution', title: '打印機脫機', body: '正文不外傳', tags: ['打印'], version: 1, draftedAt: 'x', draftedBy: 'tech-li' } }),
    next({ type: 'KnowledgeArticleSubmitted', data: { articleId: 'art-1', version: 1, submittedAt: 'x', submittedBy: 'tech-li' } }),
    next({
      type: 'KnowledgeArticlePublished',
      data: { articleId: 'art-1', version: 1, comment: '好', publishedAt: '2026-12-02T02:00:00.000Z', publishedBy: 'head-wang', published: { kind: 'solution', authorId: 'tech-li', source: { kind: 'case', id: 'case-9', reference: 'SR-1' }, title: '打印機脫機', tags: ['打印'] } },
    }),
    next({ type: 'KnowledgeArticleMarkedHelpful', data: { articleId: 'art-1', voterId: 'agent-chen', markedAt: 'x' } }),
  ];
}

describe('knowledge contract events (R-1.1, R-1.2)', () => {
  const { schemaErrors, publishedTypes, internalTypes, contractTypes } = contractMapperSpec(knowledgeRelayPart);

  it('publishes an approved document version with its file’s hash, keyed by the document, without the review comment', () => {
    const message = mapKnowledgeEvent(documentLife()[3]);
    expect(message).toMatchObject({ type: DOCUMENT_APPROVED_V1.type, topic: KNOWLEDGE_TOPIC, key: 'doc-1', source: '/serviceledger/resource' });
    const data = (message as { data: unknown }).data;
    expect(data).toEqual({
      documentId: 'doc-1',
      kind: 'operating-manual',
      title: '手冊',
      version: 1,
      sha256: file.sha256,
      size: 2048,
      contentType: 'text/markdown',
      tags: ['備份'],
      ownerId: 'tech-li',
      departmentId: 'tech-support',
      links: [{ kind: 'demand', id: 'dem-1' }],
      approvedBy: 'head-wang',
      approvedAt: '2026-12-01T02:00:00.000Z',
      nextReviewDue: '2026-12-31T02:00:00.000Z',
      occurredAt: documentLife()[3].occurredAt,
    });
    expect(schemaErrors({ type: DOCUMENT_APPROVED_V1.type, data })).toEqual([]);
  });

  it('publishes a published article with where it came from, keyed by the article, without its body', () => {
    const message = mapKnowledgeEvent(articleLife()[2]);
    expect(message).toMatchObject({ type: ARTICLE_PUBLISHED_V1.type, topic: KNOWLEDGE_TOPIC, key: 'art-1' });
    const data = (message as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({ articleId: 'art-1', kind: 'solution', title: '打印機脫機', version: 1, tags: ['打印'], authorId: 'tech-li', source: { kind: 'case', id: 'case-9' }, publishedBy: 'head-wang' });
    expect(JSON.stringify(data)).not.toContain('正文不外傳');
    expect(schemaErrors({ type: ARTICLE_PUBLISHED_V1.type, data })).toEqual([]);
  });

  it('publishes every contract of its catalogue, keeps the rest inside, and maps no other stream', () => {
    const events = [...documentLife(), ...articleLife()];
    expect(publishedTypes(events)).toEqual(contractTypes);
    expect(internalTypes(events)).toEqual(
      [
        'DocumentArchived',
        'DocumentReviewReminded',
        'DocumentSubmittedForReview',
        'DocumentVersionUploaded',
        'KnowledgeArticleDrafted',
        'KnowledgeArticleMarkedHelpful',
        'KnowledgeArticleSubmitted',
        'TechnicalDocumentRegistered',
      ].sort(),
    );
    const view = eventStream<{ type: 'KnowledgeArticleViewed'; data: { articleId: string; viewerId: string; viewedAt: string } }>(articleViewStream('art-1'));
    expect(mapKnowledgeEvent(view({ type: 'KnowledgeArticleViewed', data: { articleId: 'art-1', viewerId: 'x', viewedAt: 'x' } }))).toBeUndefined();
    expect(knowledgeRelayPart.filter.streamPrefixes).toEqual(['resource.document-', 'resource.article-']);
  });
});
