import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { articleViewLog, articleViewLogs } from './article-views';
import { KnowledgeArticleCommand, KnowledgeArticleEvent, isStale, knowledgeArticle, knowledgeArticles } from './knowledge-article';
import { DEFAULT_STALE_AFTER_DAYS, knowledgeSettings, staleAfterDaysOf } from './knowledge-settings';
import { knowledgeSource, knowledgeSources } from './knowledge-source';

const AT = '2026-12-01T02:00:00.000Z';
const author = actor('tech-li', ['technician'], ['tech-support']);
const reviewer = actor('head-wang', ['department-head'], ['tech-support']);
const reader = actor('agent-chen', ['agent'], []);
const command = commandsOf<KnowledgeArticleCommand, { articleId: string }>({ at: AT, actor: author, data: { articleId: 'art-1' } });
const { when, refusal, aggregateAfter } = deciderSpec(knowledgeArticle);

const source = { kind: 'demand' as const, id: 'dem-1', reference: 'SR-2026-000001', businessCategory: 'technical-support', departmentId: 'tech-support', concludedAt: '2026-11-30T00:00:00.000Z' };
const drafted = (): KnowledgeArticleEvent[] =>
  when([], command('DraftKnowledgeArticle', { kind: 'solution', title: ' 打印機脫機的處理 ', body: '重啟打印服務，再檢查驅動。', tags: ['打印', '網絡'], departmentId: 'tech-support', source }));
const published = (): KnowledgeArticleEvent[] => {
  const given = drafted();
  const submitted = [...given, ...when(given, command('SubmitKnowledgeArticle', {}))];
  return [...submitted, ...when(submitted, command('ReviewKnowledgeArticle', { approve: true, comment: '' }, { actor: reviewer }))];
};

describe('knowledge article (R-1.2)', () => {
  it('is drafted by a member of staff, with its kind, tags and the demand it came from', () => {
    expect(drafted()).toEqual([
      {
        type: 'KnowledgeArticleDrafted',
        data: { articleId: 'art-1', kind: 'solution', departmentId: 'tech-support', source, title: '打印機脫機的處理', body: '重啟打印服務，再檢查驅動。', tags: ['打印', '網絡'], version: 1, draftedAt: AT, draftedBy: 'tech-li' },
      },
    ]);
    expect(aggregateAfter(drafted())).toMatchObject({ status: 'draft', authorId: 'tech-li', versions: [{ version: 1, title: '打印機脫機的處理' }] });
    expect(refusal([], command('DraftKnowledgeArticle', { kind: 'experience', title: ' ', body: 'x', tags: [] }))).toMatchObject(refused('field-required'));
  });

  it('is published only after a review by someone other than the latest version’s author', () => {
    const given = drafted();
    expect(refusal(given, command('ReviewKnowledgeArticle', { approve: true, comment: '' }, { actor: reviewer }))).toMatchObject(refused('article-state'));
    const submitted = [...given, ...when(given, command('SubmitKnowledgeArticle', {}))];
    expect(refusal(submitted, command('ReviewKnowledgeArticle', { approve: true, comment: '' }))).toMatchObject(refused('reviewer-is-author'));
    expect(refusal(submitted, command('ReviseKnowledgeArticle', { title: 't', body: 'b', tags: [], changeNote: 'x' }))).toMatchObject(refused('article-in-review'));
    expect(when(submitted, command('ReviewKnowledgeArticle', { approve: true, comment: '' }, { actor: reviewer }))).toEqual([
      {
        type: 'KnowledgeArticlePublished',
        data: {
          articleId: 'art-1',
          version: 1,
          comment: '',
          publishedAt: AT,
          publishedBy: 'head-wang',
          published: { kind: 'solution', authorId: 'tech-li', departmentId: 'tech-support', source, title: '打印機脫機的處理', tags: ['打印', '網絡'] },
        },
      },
    ]);
    expect(aggregateAfter(published())).toMatchObject({ status: 'published', publishedVersion: 1, lastReviewedAt: AT });
  });

  it('is returned with a reason, revised as a new version, and keeps its published version while revised', () => {
    const given = drafted();
    const submitted = [...given, ...when(given, command('SubmitKnowledgeArticle', {}))];
    expect(refusal(submitted, command('ReviewKnowledgeArticle', { approve: false, comment: '' }, { actor: reviewer }))).toMatchObject(refused('field-required'));
    const returned = [...submitted, ...when(submitted, command('ReviewKnowledgeArticle', { approve: false, comment: '請補充截圖' }, { actor: reviewer }))];
    expect(aggregateAfter(returned).status).toBe('draft');
    const after = published();
    const revised = when(after, command('ReviseKnowledgeArticle', { title: '打印機脫機的處理', body: '先重啟打印服務。', tags: ['打印'], changeNote: '簡化步驟' }, { at: '2026-12-03T00:00:00.000Z' }));
    expect(revised).toEqual([
      { type: 'KnowledgeArticleRevised', data: { articleId: 'art-1', version: 2, title: '打印機脫機的處理', body: '先重啟打印服務。', tags: ['打印'], changeNote: '簡化步驟', revisedAt: '2026-12-03T00:00:00.000Z', revisedBy: 'tech-li' } },
    ]);
    expect(aggregateAfter([...after, ...revised])).toMatchObject({ status: 'draft', publishedVersion: 1, versions: [{ version: 1 }, { version: 2 }] });
  });

  it('is marked helpful once per person, and only once published', () => {
    expect(refusal(drafted(), command('MarkArticleHelpful', {}, { actor: reader }))).toMatchObject(refused('article-not-published'));
    const given = published();
    const vote = when(given, command('MarkArticleHelpful', {}, { actor: reader }));
    expect(vote).toEqual([{ type: 'KnowledgeArticleMarkedHelpful', data: { articleId: 'art-1', voterId: 'agent-chen', markedAt: AT } }]);
    expect(when([...given, ...vote], command('MarkArticleHelpful', {}, { actor: reader }))).toEqual([]);
    expect(aggregateAfter([...given, ...vote]).helpfulBy).toEqual(['agent-chen']);
  });

  it('goes stale when nobody has reviewed it for the configured time, until a review confirms it', () => {
    const given = published();
    const state = aggregateAfter(given);
    expect(isStale(state, '2027-05-29T02:00:00.000Z', 180)).toBe(false);
    expect(isStale(state, '2027-05-30T02:00:00.000Z', 180)).toBe(true);
    expect(isStale(aggregateAfter(drafted()), '2030-01-01T00:00:00.000Z', 1)).toBe(false);
    const confirmed = when(given, command('ConfirmKnowledgeArticle', { comment: '步驟仍然有效' }, { actor: reviewer, at: '2027-05-01T00:00:00.000Z' }));
    expect(isStale(aggregateAfter([...given, ...confirmed]), '2027-05-30T02:00:00.000Z', 180)).toBe(false);
    expect(refusal(drafted(), command('ConfirmKnowledgeArticle', { comment: 'x' }))).toMatchObject(refused('article-not-published'));
  });

  it('is shared knowledge: its own stream, no department scope', () => {
    expect(knowledgeArticles.streamPrefix).toBe('resource.article-');
    expect(knowledgeArticles.scope).toBeUndefined();
  });
});

describe('article views and knowledge settings (R-1.2)', () => {
  it('records every view in an append-only log of its own', () => {
    const views = deciderSpec(articleViewLog);
    expect(views.when([], { type: 'RecordArticleView', data: { articleId: 'art-1' }, metadata: { commandId: 'v', at: AT, actor: reader, correlationId: 'v' } })).toEqual([
      { type: 'KnowledgeArticleViewed', data: { articleId: 'art-1', viewerId: 'agent-chen', viewedAt: AT } },
    ]);
    expect(articleViewLog.appendOnly).toBe(true);
    expect(articleViewLogs.streamPrefix).toBe('resource.knowledge-views-');
  });

  it('keeps the staleness period, 180 days until configured, within bounds', () => {
    const settings = deciderSpec(knowledgeSettings);
    const set = (staleAfterDays: number) => ({ type: 'SetKnowledgeStaleness' as const, data: { staleAfterDays }, metadata: { commandId: 's', at: AT, actor: reviewer, correlationId: 's' } });
    expect(staleAfterDaysOf(null)).toBe(DEFAULT_STALE_AFTER_DAYS);
    const changed = settings.when([], set(90));
    expect(staleAfterDaysOf(settings.stateAfter(changed))).toBe(90);
    expect(settings.when(changed, set(90))).toEqual([]);
    expect(settings.refusal([], set(0))).toMatchObject(refused('stale-after-invalid'));
  });
});

describe('knowledge sources (R-1.2)', () => {
  const sources = deciderSpec(knowledgeSource);
  const note = (facts: object, at = AT) => ({ type: 'NoteKnowledgeSource' as const, data: { kind: 'demand' as const, id: 'dem-1', facts }, metadata: { commandId: `n-${at}`, at, actor: reader, correlationId: 'n' } });

  it('keeps what the other services said of a demand, each fact once, and knows when it was concluded', () => {
    const registered = sources.when([], note({ reference: 'SR-2026-000001', businessCategory: 'technical-support' }));
    const assigned = sources.when(registered, note({ departmentId: 'tech-support', businessCategory: 'technical-support' }));
    expect(assigned).toEqual([{ type: 'KnowledgeSourceNoted', data: { kind: 'demand', id: 'dem-1', facts: { departmentId: 'tech-support' }, notedAt: AT } }]);
    expect(sources.when([...registered, ...assigned], note({ departmentId: 'tech-support' }))).toEqual([]);
    const resolved = sources.when([...registered, ...assigned], note({ concludedAt: '2026-11-30T00:00:00.000Z' }));
    expect(sources.aggregateAfter([...registered, ...assigned, ...resolved])).toEqual({
      kind: 'demand',
      id: 'dem-1',
      reference: 'SR-2026-000001',
      businessCategory: 'technical-support',
      departmentId: 'tech-support',
      concludedAt: '2026-11-30T00:00:00.000Z',
    });
    expect(knowledgeSources.idOf(note({}))).toBe('demand-dem-1');
  });
});
