import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { KnowledgeArticleEvent, KnowledgeArticleViewed, articleStream, articleViewStream } from '@serviceledger/resource/domain';
import { ArticleRow, articlesProjection } from './articles.projection';

describe('knowledge articles projection (R-1.2)', () => {
  const spec = projectionSpec(articlesProjection);

  it('keeps each article as the decider folds it, its latest title and tags, its votes, and counts each view once', async () => {
    const next = eventStream<KnowledgeArticleEvent>(articleStream('art-1'));
    const views = eventStream<KnowledgeArticleViewed>(articleViewStream('art-1'));
    const history = [
      next({ type: 'KnowledgeArticleDrafted', data: { articleId: 'art-1', kind: 'solution', title: '打印機脫機', body: '重啟服務', tags: ['打印'], source: { kind: 'demand', id: 'dem-1' }, version: 1, draftedAt: '2026-12-01T02:00:00.000Z', draftedBy: 'tech-li' } }),
      next({ type: 'KnowledgeArticleRevised', data: { articleId: 'art-1', version: 2, title: '打印機脫機的處理', body: '重啟服務並重裝驅動', tags: ['打印', '驅動'], changeNote: '補充', revisedAt: '2026-12-01T03:00:00.000Z', revisedBy: 'tech-li' } }),
      next({ type: 'KnowledgeArticleSubmitted', data: { articleId: 'art-1', version: 2, submittedAt: '2026-12-01T04:00:00.000Z', submittedBy: 'tech-li' } }),
      next({
        type: 'KnowledgeArticlePublished',
        data: { articleId: 'art-1', version: 2, comment: '', publishedAt: '2026-12-01T05:00:00.000Z', publishedBy: 'head-wang', published: { kind: 'solution', authorId: 'tech-li', title: '打印機脫機的處理', tags: ['打印', '驅動'] } },
      }),
      next({ type: 'KnowledgeArticleMarkedHelpful', data: { articleId: 'art-1', voterId: 'agent-chen', markedAt: '2026-12-01T06:00:00.000Z' } }),
      views({ type: 'KnowledgeArticleViewed', data: { articleId: 'art-1', viewerId: 'agent-chen', viewedAt: '2026-12-01T06:00:00.000Z' } }),
      views({ type: 'KnowledgeArticleViewed', data: { articleId: 'art-1', viewerId: 'head-wang', viewedAt: '2026-12-01T07:00:00.000Z' } }),
    ];
    await spec.apply(history);
    await spec.apply(history.slice(4));
    const [row] = await spec.rows<ArticleRow>('article');
    expect(row).toMatchObject({
      articleId: 'art-1',
      kind: 'solution',
      status: 'published',
      title: '打印機脫機的處理',
      tags: '["打印","驅動"]',
      authorId: 'tech-li',
      sourceKind: 'demand',
      sourceId: 'dem-1',
      publishedVersion: 2,
      lastReviewedAt: '2026-12-01T05:00:00.000Z',
      helpfulCount: 1,
      viewCount: 2,
    });
    expect(JSON.parse(row.state).versions).toHaveLength(2);
  });
});
