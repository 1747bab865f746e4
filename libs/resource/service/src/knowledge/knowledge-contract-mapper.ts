import { ContractMapper, contractMessage } from '@serviceledger/platform/messaging';
import { ARTICLE_PUBLISHED_V1, ArticlePublishedV1, DOCUMENT_APPROVED_V1, DocumentApprovedV1, KNOWLEDGE_CONTRACTS, KNOWLEDGE_SOURCE } from '@serviceledger/resource/contracts';
import { KnowledgeArticleEvent, TechnicalDocumentEvent, knowledgeArticles, technicalDocuments } from '@serviceledger/resource/domain';
import { ResourceRelayPart } from '../resource-relay';

/**
 * Documents' and articles' domain events → public events: an approved document version →
 * `document.approved`, keyed by the document; a published article version → `article.published`, keyed by the
 * article. Field by field, so nothing else (an article's body, review comments) leaves the service. Every other
 * event stays inside.
 */
export const mapKnowledgeEvent: ContractMapper = (envelope) => {
  const occurredAt = envelope.occurredAt;
  if (envelope.stream.startsWith(technicalDocuments.streamPrefix)) {
    const event = { type: envelope.type, data: envelope.data } as TechnicalDocumentEvent;
    if (event.type !== 'DocumentApproved') return undefined;
    const { documentId, version, approvedAt, approvedBy, nextReviewDue, approved } = event.data;
    const data: DocumentApprovedV1 = {
      documentId,
      kind: approved.kind,
      title: approved.title,
      version,
      sha256: approved.file.sha256,
      size: approved.file.size,
      contentType: approved.file.contentType,
      tags: [...approved.tags],
      ownerId: approved.ownerId,
      departmentId: approved.departmentId,
      links: approved.links.map((link) => ({ kind: link.kind, id: link.id })),
      approvedBy,
      approvedAt,
      nextReviewDue,
      occurredAt,
    };
    return contractMessage(envelope, DOCUMENT_APPROVED_V1, { source: KNOWLEDGE_SOURCE, key: documentId }, data);
  }
  if (envelope.stream.startsWith(knowledgeArticles.streamPrefix)) {
    const event = { type: envelope.type, data: envelope.data } as KnowledgeArticleEvent;
    if (event.type !== 'KnowledgeArticlePublished') return undefined;
    const { articleId, version, publishedAt, publishedBy, published } = event.data;
    const data: ArticlePublishedV1 = {
      articleId,
      kind: published.kind,
      title: published.title,
      version,
      tags: [...published.tags],
      authorId: published.authorId,
      ...(published.departmentId ? { departmentId: published.departmentId } : {}),
      ...(published.source ? { source: { kind: published.source.kind, id: published.source.id } } : {}),
      publishedBy,
      publishedAt,
      occurredAt,
    };
    return contractMessage(envelope, ARTICLE_PUBLISHED_V1, { source: KNOWLEDGE_SOURCE, key: articleId }, data);
  }
  return undefined;
};

/** Documents' and articles' share of the resource relay. */
export const knowledgeRelayPart: ResourceRelayPart = {
  filter: { streamPrefixes: [technicalDocuments.streamPrefix, knowledgeArticles.streamPrefix] },
  map: mapKnowledgeEvent,
  contracts: KNOWLEDGE_CONTRACTS,
};
