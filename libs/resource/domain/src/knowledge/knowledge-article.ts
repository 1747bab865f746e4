import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { normaliseTags } from './tags';

/**
 * An article of the knowledge base (R-1.2; 五(一)2: 經驗總結, 解決方案, 創新成果), written by staff and reviewed
 * before anyone relies on it:
 *
 *   draft ──submit──▶ in-review ──approve──▶ published ──revise──▶ draft (the published version stays readable)
 *     ▲                  │
 *     └─────return───────┘
 *
 * Every revision is a version; the version last approved is the published one. A published article is
 * reviewed again from time to time (`ConfirmKnowledgeArticle`); one nobody has reviewed for the configured time is
 * stale (knowledge-settings.ts). Staff mark an article helpful once each. It may come from a resolved demand or an
 * accepted delivery case (`source`), with what this service knows of it.
 */
export const ARTICLE_KINDS = ['experience', 'solution', 'innovation'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export const ARTICLE_STATUSES = ['draft', 'in-review', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const SOURCE_KINDS = ['demand', 'case'] as const;
export type KnowledgeSourceKind = (typeof SOURCE_KINDS)[number];

/** The demand or case an article came from, with what was known of it when the article was drafted. */
export interface ArticleSource {
  kind: KnowledgeSourceKind;
  id: string;
  /** A demand's reference (`SR-2026-000123`), when known. */
  reference?: string;
  businessCategory?: string;
  departmentId?: string;
  /** When the demand was resolved or the case accepted. */
  concludedAt?: string;
}

export interface ArticleVersion {
  version: number;
  title: string;
  body: string;
  tags: string[];
  changeNote: string;
  revisedAt: string;
  revisedBy: string;
}

export interface ArticleReview {
  version: number;
  outcome: 'published' | 'returned' | 'confirmed';
  comment: string;
  at: string;
  by: string;
}

export interface KnowledgeArticle {
  articleId: string;
  kind: ArticleKind;
  authorId: string;
  departmentId?: string;
  source?: ArticleSource;
  status: ArticleStatus;
  versions: ArticleVersion[];
  publishedVersion?: number;
  /** The last time a reviewer approved or confirmed it: what staleness is measured from. */
  lastReviewedAt?: string;
  reviews: ArticleReview[];
  /** Who marked it helpful, once each: bounded by the staff. */
  helpfulBy: string[];
  draftedAt: string;
  updatedAt: string;
}

export type KnowledgeArticleState = KnowledgeArticle | null;

type ArticleContent = { title: string; body: string; tags: string[] };
export const MAX_ARTICLE_BODY = 100_000;

export type DraftKnowledgeArticle = Command<
  'DraftKnowledgeArticle',
  ArticleContent & { articleId: string; kind: ArticleKind; departmentId?: string; source?: ArticleSource }
>;
export type ReviseKnowledgeArticle = Command<'ReviseKnowledgeArticle', ArticleContent & { articleId: string; changeNote: string }>;
export type SubmitKnowledgeArticle = Command<'SubmitKnowledgeArticle', { articleId: string }>;
export type ReviewKnowledgeArticle = Command<'ReviewKnowledgeArticle', { articleId: string; approve: boolean; comment: string }>;
export type ConfirmKnowledgeArticle = Command<'ConfirmKnowledgeArticle', { articleId: string; comment: string }>;
export type MarkArticleHelpful = Command<'MarkArticleHelpful', { articleId: string }>;
export type KnowledgeArticleCommand =
  | DraftKnowledgeArticle
  | ReviseKnowledgeArticle
  | SubmitKnowledgeArticle
  | ReviewKnowledgeArticle
  | ConfirmKnowledgeArticle
  | MarkArticleHelpful;

export type KnowledgeArticleDrafted = {
  type: 'KnowledgeArticleDrafted';
  data: ArticleContent & { articleId: string; kind: ArticleKind; departmentId?: string; source?: ArticleSource; version: 1; draftedAt: string; draftedBy: string };
};
export type KnowledgeArticleRevised = { type: 'KnowledgeArticleRevised'; data: ArticleVersion & { articleId: string } };
export type KnowledgeArticleSubmitted = { type: 'KnowledgeArticleSubmitted'; data: { articleId: string; version: number; submittedAt: string; submittedBy: string } };
/** Carries what was published (the version's title and tags, the article's kind, author, department and source) for the public `article.published`. */
export type KnowledgeArticlePublished = {
  type: 'KnowledgeArticlePublished';
  data: {
    articleId: string;
    version: number;
    comment: string;
    publishedAt: string;
    publishedBy: string;
    published: Pick<KnowledgeArticle, 'kind' | 'authorId' | 'departmentId' | 'source'> & Pick<ArticleVersion, 'title' | 'tags'>;
  };
};
export type KnowledgeArticleReturned = { type: 'KnowledgeArticleReturned'; data: { articleId: string; version: number; comment: string; returnedAt: string; returnedBy: string } };
export type KnowledgeArticleReviewConfirmed = {
  type: 'KnowledgeArticleReviewConfirmed';
  data: { articleId: string; version: number; comment: string; confirmedAt: string; confirmedBy: string };
};
export type KnowledgeArticleMarkedHelpful = { type: 'KnowledgeArticleMarkedHelpful'; data: { articleId: string; voterId: string; markedAt: string } };
export type KnowledgeArticleEvent =
  | KnowledgeArticleDrafted
  | KnowledgeArticleRevised
  | KnowledgeArticleSubmitted
  | KnowledgeArticlePublished
  | KnowledgeArticleReturned
  | KnowledgeArticleReviewConfirmed
  | KnowledgeArticleMarkedHelpful;

export const knowledgeArticle: Decider<KnowledgeArticleCommand, KnowledgeArticleEvent, KnowledgeArticleState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'KnowledgeArticleDrafted') {
      const { articleId, kind, departmentId, source, title, body, tags, draftedAt, draftedBy } = event.data;
      return {
        articleId,
        kind,
        authorId: draftedBy,
        ...(departmentId ? { departmentId } : {}),
        ...(source ? { source } : {}),
        status: 'draft',
        versions: [{ version: 1, title, body, tags, changeNote: 'First draft', revisedAt: draftedAt, revisedBy: draftedBy }],
        reviews: [],
        helpfulBy: [],
        draftedAt,
        updatedAt: draftedAt,
      };
    }
    if (!state) return state;
    switch (event.type) {
      case 'KnowledgeArticleRevised': {
        const { articleId: _id, ...version } = event.data;
        return { ...state, status: 'draft', versions: [...state.versions, version], updatedAt: version.revisedAt };
      }
      case 'KnowledgeArticleSubmitted':
        return { ...state, status: 'in-review', updatedAt: event.data.submittedAt };
      case 'KnowledgeArticlePublished': {
        const { version, comment, publishedAt, publishedBy } = event.data;
        const reviews = [...state.reviews, { version, outcome: 'published' as const, comment, at: publishedAt, by: publishedBy }];
        return { ...state, status: 'published', publishedVersion: version, lastReviewedAt: publishedAt, reviews, updatedAt: publishedAt };
      }
      case 'KnowledgeArticleReturned': {
        const { version, comment, returnedAt, returnedBy } = event.data;
        const reviews = [...state.reviews, { version, outcome: 'returned' as const, comment, at: returnedAt, by: returnedBy }];
        return { ...state, status: 'draft', reviews, updatedAt: returnedAt };
      }
      case 'KnowledgeArticleReviewConfirmed': {
        const { version, comment, confirmedAt, confirmedBy } = event.data;
        const reviews = [...state.reviews, { version, outcome: 'confirmed' as const, comment, at: confirmedAt, by: confirmedBy }];
        return { ...state, lastReviewedAt: confirmedAt, reviews, updatedAt: confirmedAt };
      }
      case 'KnowledgeArticleMarkedHelpful':
        return { ...state, helpfulBy: [...state.helpfulBy, event.data.voterId] };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    const by = actor.userId;
    if (command.type === 'DraftKnowledgeArticle') {
      if (state) throw new RuleViolation('article-exists', `Article ${command.data.articleId} was already drafted`);
      const { articleId, kind, departmentId, source } = command.data;
      return [
        {
          type: 'KnowledgeArticleDrafted',
          data: { articleId, kind, ...(departmentId ? { departmentId } : {}), ...(source ? { source } : {}), ...ensureContent(command.data), version: 1, draftedAt: at, draftedBy: by },
        },
      ];
    }
    if (!state) throw new NotFoundError('Article', command.data.articleId);
    const { articleId } = state;
    const latest = state.versions[state.versions.length - 1];
    switch (command.type) {
      case 'ReviseKnowledgeArticle': {
        if (state.status === 'in-review') throw new RuleViolation('article-in-review', `Article ${articleId} is in review: its reviewer decides on version ${latest.version} first`);
        const content = ensureContent(command.data);
        const changeNote = command.data.changeNote.trim();
        if (!changeNote) throw new RuleViolation('field-required', 'A revision says what changed');
        return [{ type: 'KnowledgeArticleRevised', data: { articleId, version: latest.version + 1, ...content, changeNote, revisedAt: at, revisedBy: by } }];
      }
      case 'SubmitKnowledgeArticle':
        if (state.status !== 'draft') throw new RuleViolation('article-state', `A draft is submitted for review; article ${articleId} is ${state.status}`);
        return [{ type: 'KnowledgeArticleSubmitted', data: { articleId, version: latest.version, submittedAt: at, submittedBy: by } }];
      case 'ReviewKnowledgeArticle': {
        if (state.status !== 'in-review') throw new RuleViolation('article-state', `An article in review is published or returned; article ${articleId} is ${state.status}`);
        if (latest.revisedBy === by) throw new RuleViolation('reviewer-is-author', `Version ${latest.version} of article ${articleId} is reviewed by someone other than its author`);
        const comment = command.data.comment.trim();
        if (command.data.approve) {
          const { kind, authorId, departmentId, source } = state;
          const published = { kind, authorId, ...(departmentId ? { departmentId } : {}), ...(source ? { source } : {}), title: latest.title, tags: latest.tags };
          return [{ type: 'KnowledgeArticlePublished', data: { articleId, version: latest.version, comment, publishedAt: at, publishedBy: by, published } }];
        }
        if (!comment) throw new RuleViolation('field-required', 'A returned article says why');
        return [{ type: 'KnowledgeArticleReturned', data: { articleId, version: latest.version, comment, returnedAt: at, returnedBy: by } }];
      }
      case 'ConfirmKnowledgeArticle': {
        if (state.publishedVersion === undefined) throw new RuleViolation('article-not-published', `Article ${articleId} has no published version to review again`);
        const comment = command.data.comment.trim();
        if (!comment) throw new RuleViolation('field-required', 'A review says what was checked');
        return [{ type: 'KnowledgeArticleReviewConfirmed', data: { articleId, version: state.publishedVersion, comment, confirmedAt: at, confirmedBy: by } }];
      }
      case 'MarkArticleHelpful':
        if (state.publishedVersion === undefined) throw new RuleViolation('article-not-published', `Article ${articleId} is not published yet`);
        if (state.helpfulBy.includes(by)) return [];
        return [{ type: 'KnowledgeArticleMarkedHelpful', data: { articleId, voterId: by, markedAt: at } }];
    }
  },
};

/** An article's stream is `resource.article-<id>`: its versions, reviews and one vote per member of staff. Shared knowledge: no department scope. */
export const knowledgeArticles: Aggregate<KnowledgeArticleCommand, KnowledgeArticleEvent, KnowledgeArticleState> = {
  name: 'Article',
  streamPrefix: 'resource.article-',
  decider: knowledgeArticle,
  idOf: (command) => command.data.articleId,
  creates: ['DraftKnowledgeArticle'],
};

export const articleStream = (articleId: string): string => streamOf(knowledgeArticles, articleId);

/** Whether an article nobody has reviewed since `staleAfterDays` before `now` is stale; drafts never are. */
export function isStale(article: Pick<KnowledgeArticle, 'publishedVersion' | 'lastReviewedAt'>, now: string, staleAfterDays: number): boolean {
  if (article.publishedVersion === undefined || !article.lastReviewedAt) return false;
  return Date.parse(now) - Date.parse(article.lastReviewedAt) >= staleAfterDays * 24 * 60 * 60 * 1000;
}

function ensureContent(content: ArticleContent): ArticleContent {
  const title = content.title.trim();
  const body = content.body.trim();
  if (!title) throw new RuleViolation('field-required', 'An article needs a title');
  if (!body) throw new RuleViolation('field-required', 'An article needs a body');
  if (body.length > MAX_ARTICLE_BODY) throw new RuleViolation('article-too-long', `An article's body has at most ${MAX_ARTICLE_BODY} characters`);
  return { title, body, tags: normaliseTags(content.tags) };
}
