import { Aggregate, Command, Decider, DomainEvent, streamOf } from '@serviceledger/platform/core';

export type RecordArticleView = Command<'RecordArticleView', { articleId: string }>;
export type KnowledgeArticleViewed = DomainEvent<'KnowledgeArticleViewed', { articleId: string; viewerId: string; viewedAt: string }>;

/** Who read an article when (R-1.2, its use): a log no rule refuses, so it only records. */
export const articleViewLog: Decider<RecordArticleView, KnowledgeArticleViewed, null> = {
  initialState: () => null,
  evolve: (state) => state,
  appendOnly: true,
  decide: ({ data, metadata }) => [{ type: 'KnowledgeArticleViewed', data: { articleId: data.articleId, viewerId: metadata.actor.userId, viewedAt: metadata.at } }],
};

/** Grows with reading, so append-only: handle() reads none of `resource.knowledge-views-<articleId>`. The read it records was allowed. */
export const articleViewLogs: Aggregate<RecordArticleView, KnowledgeArticleViewed, null> = {
  name: 'Article view log',
  streamPrefix: 'resource.knowledge-views-',
  decider: articleViewLog,
  idOf: (command) => command.data.articleId,
  creates: 'any',
};

export const articleViewStream = (articleId: string): string => streamOf(articleViewLogs, articleId);
