import { Inject, Injectable } from '@nestjs/common';
import { accessScope, canSee } from '@serviceledger/platform/auth';
import { Actor, Clock, CommandMetadata, NotFoundError, RuleViolation, commandIdFrom, newId } from '@serviceledger/platform/core';
import { CLOCK, CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { ArticleKind, KnowledgeArticle, KnowledgeArticleCommand, KnowledgeSourceKind, articleViewLogs, knowledgeArticles, knowledgeSourceKey, knowledgeSources } from '@serviceledger/resource/domain';
import { KnowledgeSearch } from './knowledge-search';

/** The knowledge base's commands; after each, the search index takes the article's latest version. */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly commands: Commands,
    private readonly search: KnowledgeSearch,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async act(command: KnowledgeArticleCommand): Promise<CommandAccepted> {
    const { id, checkpoint, state } = await this.commands.decide(knowledgeArticles, command);
    if (state) await this.index(state);
    return { id, checkpoint };
  }

  /** Puts the article's latest title, tags and body in the search index. */
  async index(article: KnowledgeArticle): Promise<void> {
    const latest = article.versions[article.versions.length - 1];
    await this.search.put({ kind: 'article', id: article.articleId, revision: article.updatedAt, title: latest.title, tags: latest.tags, text: latest.body });
  }

  /**
   * A resolved demand or an accepted case turned into a draft article in one call: the source as this service
   * knows it from intake's and service delivery's events (404 when it knows nothing of it, 409 while it is not
   * concluded), the content from the request.
   */
  async draftFrom(
    kind: KnowledgeSourceKind,
    id: string,
    content: { kind: ArticleKind; title: string; body: string; tags: string[] },
    metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    const source = await this.commands.state(knowledgeSources, knowledgeSourceKey(kind, id));
    // A source in a department the author may not see is not found, as intake and service delivery answer for it.
    const visible = source && canSee(accessScope(metadata.actor), { departments: source.departmentId ? [source.departmentId] : [] });
    if (!visible) throw new NotFoundError(kind === 'demand' ? 'Demand' : 'Case', id);
    if (!source.concludedAt) {
      throw new RuleViolation('source-not-concluded', kind === 'demand' ? `Demand ${id} is not resolved yet` : `Case ${id} has not passed acceptance yet`);
    }
    const articleId = commandIdFrom('resource-article', metadata.commandId);
    return this.act({ type: 'DraftKnowledgeArticle', data: { articleId, ...content, ...(source.departmentId ? { departmentId: source.departmentId } : {}), source }, metadata });
  }

  /** A read of the article, in its view log: what its view count is counted from. */
  async viewed(actor: Actor, articleId: string): Promise<void> {
    const commandId = newId();
    await this.commands.execute(articleViewLogs, {
      type: 'RecordArticleView',
      data: { articleId },
      metadata: { commandId, at: this.clock.now().toISOString(), actor, correlationId: commandId },
    });
  }
}
