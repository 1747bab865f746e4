import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, KeyParam, Page, UuidParam } from '@serviceledger/platform/nest';
import { knowledgeSettingsRegistry } from '@serviceledger/resource/domain';
import { ArticleQueries, ArticleView } from './article-queries';
import { ArticleListQuery, ConfirmArticleDto, DraftArticleDto, DraftFromSourceDto, KnowledgeSettingsDto, ReviewArticleDto, ReviseArticleDto } from './article.dto';
import { ArticlesService } from './articles.service';
import { SearchReindex } from './search-reindex';

/** The knowledge base: staff write, reviewers publish, everyone reads, searches and marks what helped. */
@Controller('resource/knowledge')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly queries: ArticleQueries,
    private readonly commands: Commands,
    private readonly reindex: SearchReindex,
  ) {}

  @ApiOperation({ summary: 'Draft a knowledge-base article' })
  @Post('articles')
  @RequirePermission('knowledge:share')
  draft(@Body() dto: DraftArticleDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    // The article's id derives from the command id, so a retried request drafts one article.
    const articleId = commandIdFrom('resource-article', metadata.commandId);
    return this.articles.act({ type: 'DraftKnowledgeArticle', data: { ...dto, articleId, tags: dto.tags ?? [] }, metadata });
  }

  @ApiOperation({ summary: 'Draft an article from a resolved demand' })
  @Post('articles/from-demand/:demandId')
  @RequirePermission('knowledge:share')
  fromDemand(@KeyParam('demandId') demandId: string, @Body() dto: DraftFromSourceDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.articles.draftFrom('demand', demandId, { ...dto, tags: dto.tags ?? [] }, metadata);
  }

  @ApiOperation({ summary: 'Draft an article from a closed case' })
  @Post('articles/from-case/:caseId')
  @RequirePermission('knowledge:share')
  fromCase(@KeyParam('caseId') caseId: string, @Body() dto: DraftFromSourceDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.articles.draftFrom('case', caseId, { ...dto, tags: dto.tags ?? [] }, metadata);
  }

  @ApiOperation({ summary: 'Revise an article' })
  @Post('articles/:articleId/revisions')
  @RequirePermission('knowledge:share')
  revise(@UuidParam('articleId') articleId: string, @Body() dto: ReviseArticleDto, @CommandContext() metadata: CommandMetadata) {
    return this.articles.act({ type: 'ReviseKnowledgeArticle', data: { ...dto, articleId, tags: dto.tags ?? [] }, metadata });
  }

  @ApiOperation({ summary: 'Submit an article for review' })
  @Post('articles/:articleId/submission')
  @HttpCode(200)
  @RequirePermission('knowledge:share')
  submit(@UuidParam('articleId') articleId: string, @CommandContext() metadata: CommandMetadata) {
    return this.articles.act({ type: 'SubmitKnowledgeArticle', data: { articleId }, metadata });
  }

  @ApiOperation({ summary: 'Review an article' })
  @Post('articles/:articleId/review')
  @HttpCode(200)
  @RequirePermission('document:manage')
  review(@UuidParam('articleId') articleId: string, @Body() dto: ReviewArticleDto, @CommandContext() metadata: CommandMetadata) {
    return this.articles.act({ type: 'ReviewKnowledgeArticle', data: { articleId, approve: dto.approve, comment: dto.comment ?? '' }, metadata });
  }

  @ApiOperation({ summary: "Confirm an article's periodic review" })
  @Post('articles/:articleId/periodic-review')
  @HttpCode(200)
  @RequirePermission('document:manage')
  confirm(@UuidParam('articleId') articleId: string, @Body() dto: ConfirmArticleDto, @CommandContext() metadata: CommandMetadata) {
    return this.articles.act({ type: 'ConfirmKnowledgeArticle', data: { articleId, comment: dto.comment }, metadata });
  }

  @ApiOperation({ summary: 'Mark an article helpful' })
  @Post('articles/:articleId/helpful')
  @HttpCode(200)
  @RequirePermission('knowledge:share')
  helpful(@UuidParam('articleId') articleId: string, @CommandContext() metadata: CommandMetadata) {
    return this.articles.act({ type: 'MarkArticleHelpful', data: { articleId }, metadata });
  }

  @ApiOperation({ summary: 'List or search knowledge-base articles' })
  @Get('articles')
  @RequirePermission('document:read')
  list(@CurrentActor() actor: Actor, @Query() query: ArticleListQuery): Promise<Page<ArticleView>> {
    return this.queries.list(actor, query);
  }

  /** The article; the read is counted in its view log. */
  @ApiOperation({ summary: 'Read an article' })
  @Get('articles/:articleId')
  @RequirePermission('document:read')
  async detail(@CurrentActor() actor: Actor, @UuidParam('articleId') articleId: string, @Query() query: ConsistentQuery): Promise<ArticleView> {
    const article = await this.queries.detail(actor, articleId, query);
    await this.articles.viewed(actor, articleId);
    return article;
  }

  /** Every document and article put in the search index again (docs/adr/0017-blob-store-and-search.md). */
  @ApiOperation({ summary: 'Rebuild the knowledge-base search index' })
  @ApiOkResponse({ description: 'How many documents and articles the index holds again' })
  @Post('search-index/rebuild')
  @HttpCode(200)
  @RequirePermission('operations:manage')
  rebuildSearchIndex(): Promise<{ documents: number; articles: number }> {
    return this.reindex.rebuild();
  }

  @ApiOperation({ summary: 'Read the knowledge-base settings' })
  @Get('settings')
  @RequirePermission('document:read')
  async settings(): Promise<{ staleAfterDays: number }> {
    return { staleAfterDays: await this.queries.staleAfterDays() };
  }

  @ApiOperation({ summary: 'Configure the knowledge base' })
  @Put('settings')
  @RequirePermission('document:manage')
  configure(@Body() dto: KnowledgeSettingsDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(knowledgeSettingsRegistry, { type: 'SetKnowledgeStaleness', data: { staleAfterDays: dto.staleAfterDays }, metadata });
  }
}
