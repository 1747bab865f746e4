import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent, namedIn } from '@serviceledger/platform/read-models';
import { KnowledgeArticle, KnowledgeArticleState, articleViewLog, articleViewLogs, knowledgeArticle, knowledgeArticles } from '@serviceledger/resource/domain';

export const ARTICLES_PROJECTION = 'resource.knowledge-articles';

export interface ArticleRow {
  articleId: string;
  kind: string;
  status: string;
  /** The latest version's title and tags (JSON array). */
  title: string;
  tags: string;
  authorId: string;
  departmentId: string | null;
  sourceKind: string | null;
  sourceId: string | null;
  publishedVersion: number | null;
  lastReviewedAt: string | null;
  helpfulCount: number;
  /** Counted from the article's view log: the one column not drawn from the article's own state. */
  viewCount: number;
  draftedAt: string;
  updatedAt: string;
  /** The folded article (JSON): versions, reviews, who marked it helpful. */
  state: string;
}

const nullableString = { type: String, nullable: true } as const;

/** Knowledge-base articles by kind, status, source and staleness, with their helpful votes and views. */
export const articlesProjection: ProjectionDefinition = {
  name: ARTICLES_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [knowledgeArticles.streamPrefix, articleViewLogs.streamPrefix] },
  tables: {
    article: {
      columns: {
        articleId: { type: String, primary: true, name: 'article_id' },
        kind: { type: String },
        status: { type: String },
        title: { type: 'text' },
        tags: { type: 'text' },
        authorId: { type: String, name: 'author_id' },
        departmentId: { ...nullableString, name: 'department_id' },
        sourceKind: { ...nullableString, name: 'source_kind' },
        sourceId: { ...nullableString, name: 'source_id' },
        publishedVersion: { type: Number, nullable: true, name: 'published_version' },
        lastReviewedAt: { ...nullableString, name: 'last_reviewed_at' },
        helpfulCount: { type: Number, name: 'helpful_count' },
        viewCount: { type: Number, name: 'view_count' },
        draftedAt: { type: String, name: 'drafted_at' },
        updatedAt: { type: String, name: 'updated_at' },
        state: { type: 'text' },
      },
      indices: [{ columns: ['status'] }, { columns: ['sourceKind', 'sourceId'] }, { columns: ['lastReviewedAt'] }],
    } satisfies TableSpec<ArticleRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    const rows = tables.table<ArticleRow>('article');
    await rows.load(namedIn(events, 'articleId'));
    for (const event of events) {
      if (event.stream.startsWith(articleViewLogs.streamPrefix)) {
        if (!(await foldEvent(tables, event, articleViewLog))) continue;
        const { articleId } = event.data as { articleId: string };
        const viewed = await rows.get({ articleId });
        if (viewed) rows.upsert({ ...viewed, viewCount: viewed.viewCount + 1 });
        continue;
      }
      const folded = await foldEvent<never, KnowledgeArticleState>(tables, event, knowledgeArticle);
      if (!folded?.after) continue;
      const existing = await rows.get({ articleId: folded.after.articleId });
      rows.upsert(articleRow(folded.after, existing?.viewCount ?? 0));
    }
  },
};

/** The row is the article as the decider keeps it, with query columns drawn from it, and its view count. */
export function articleRow(article: KnowledgeArticle, viewCount: number): ArticleRow {
  const latest = article.versions[article.versions.length - 1];
  return {
    articleId: article.articleId,
    kind: article.kind,
    status: article.status,
    title: latest.title,
    tags: JSON.stringify(latest.tags),
    authorId: article.authorId,
    departmentId: article.departmentId ?? null,
    sourceKind: article.source?.kind ?? null,
    sourceId: article.source?.id ?? null,
    publishedVersion: article.publishedVersion ?? null,
    lastReviewedAt: article.lastReviewedAt ?? null,
    helpfulCount: article.helpfulBy.length,
    viewCount,
    draftedAt: article.draftedAt,
    updatedAt: article.updatedAt,
    state: JSON.stringify(article),
  };
}
