import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, NotFoundError } from '@serviceledger/platform/core';
import { EVERY_DEPARTMENT, scopedQuery } from '@serviceledger/platform/auth';
import { CLOCK, Commands, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { KNOWLEDGE_SETTINGS_ID, KnowledgeArticle, isStale, knowledgeSettingsRegistry, staleAfterDaysOf } from '@serviceledger/resource/domain';
import { ArticleListQuery } from './article.dto';
import { ARTICLES_PROJECTION, ArticleRow } from './articles.projection';
import { KnowledgeSearch } from './knowledge-search';

/** An article as its readers see it: the folded article, its counts, and whether it is stale. */
export type ArticleView = KnowledgeArticle & { helpfulCount: number; viewCount: number; stale: boolean };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The knowledge base: shared by every member of staff, whatever their department; customers see none of it. */
@Injectable()
export class ArticleQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly search: KnowledgeSearch,
    private readonly commands: Commands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The configured staleness, in days. */
  async staleAfterDays(): Promise<number> {
    return staleAfterDaysOf(await this.commands.state(knowledgeSettingsRegistry, KNOWLEDGE_SETTINGS_ID));
  }

  /** Published articles unless a status is asked for; by kind, tag, author, source and staleness; with `q`, best first. */
  async list(actor: Actor, query: ArticleListQuery): Promise<Page<ArticleView>> {
    await this.readModels.after(ARTICLES_PROJECTION, query);
    const staleAfterDays = await this.staleAfterDays();
    const now = this.clock.now().toISOString();
    const builder = this.scoped(actor);
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    else builder.andWhere('a.publishedVersion IS NOT NULL');
    if (query.kind) builder.andWhere('a.kind = :kind', { kind: query.kind });
    if (query.tag) builder.andWhere('a.tags LIKE :tag', { tag: `%${JSON.stringify(query.tag)}%` });
    if (query.author) builder.andWhere('a.authorId = :author', { author: query.author });
    if (query.sourceKind) builder.andWhere('a.sourceKind = :sourceKind', { sourceKind: query.sourceKind });
    if (query.sourceId) builder.andWhere('a.sourceId = :sourceId', { sourceId: query.sourceId });
    if (query.staleOnly) {
      const cutoff = new Date(Date.parse(now) - staleAfterDays * DAY_MS).toISOString();
      builder.andWhere('a.publishedVersion IS NOT NULL').andWhere('a.lastReviewedAt <= :cutoff', { cutoff });
    }
    const view = (row: ArticleRow) => this.view(row, now, staleAfterDays);
    const start = (query.page - 1) * query.pageSize;
    if (query.q) {
      const hits = await this.search.find('article', query.q);
      if (hits.length === 0) return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
      const rank = new Map(hits.map((id, index) => [id, index]));
      const rows = (await readRows(builder.andWhere('a.articleId IN (:...hits)', { hits }))).sort((a, b) => (rank.get(a.articleId) ?? 0) - (rank.get(b.articleId) ?? 0));
      return { items: rows.slice(start, start + query.pageSize).map(view), page: query.page, pageSize: query.pageSize, total: rows.length };
    }
    const [rows, total] = await builder.orderBy('a.helpfulCount', 'DESC').addOrderBy('a.updatedAt', 'DESC').addOrderBy('a.articleId', 'ASC').skip(start).take(query.pageSize).getManyAndCount();
    return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, articleId: string, after: ReadAfter | undefined): Promise<ArticleView> {
    await this.readModels.after(ARTICLES_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('a.articleId = :articleId', { articleId }).getOne();
    if (!row) throw new NotFoundError('Article', articleId);
    return this.view(row, this.clock.now().toISOString(), await this.staleAfterDays());
  }

  private view(row: ArticleRow, now: string, staleAfterDays: number): ArticleView {
    const article = JSON.parse(row.state) as KnowledgeArticle;
    return { ...article, helpfulCount: row.helpfulCount, viewCount: row.viewCount, stale: isStale(article, now, staleAfterDays) };
  }

  private scoped(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<ArticleRow>(ARTICLES_PROJECTION, 'article'), 'a', { departments: EVERY_DEPARTMENT });
  }
}
