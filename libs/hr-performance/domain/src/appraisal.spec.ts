import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { AppraisalSchemeVersion } from './appraisal-scheme';
import { AppraisalCommand, PublishedFacts, appraisal, rescore } from './appraisal';
import { maySeeAppraisal } from './appraisal-access';

const meta = (at: string, userId: string): CommandMetadata => ({ commandId: `${userId}-${at}`, at, actor: { userId, roles: [], departments: [] }, correlationId: 'c' });
const { when, aggregateAfter, refusal } = deciderSpec(appraisal);

/** Satisfaction 4 of 10 (40 %), resolution 2, response compliance 2, average FRT 1 (0 at 400 minutes), a duty 1. */
const scheme: AppraisalSchemeVersion = {
  postId: 'support-engineer',
  version: 1,
  name: '支持工程師月度考核',
  lines: [
    { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 4 },
    { indicatorId: 'resolved', source: 'quality', indicator: 'resolutionRate', weight: 2 },
    { indicatorId: 'response', source: 'quality', indicator: 'responseCompliance', weight: 2 },
    { indicatorId: 'frt', source: 'quality', indicator: 'frtAverage', weight: 1 },
    { indicatorId: 'onsite', source: 'duty', duty: '現場服務規範', weight: 1 },
  ],
  referenceMinutes: { frtAverage: 400 },
  definedAt: '2026-10-01T00:00:00.000Z',
  definedBy: 'hr-wu',
};
const facts: PublishedFacts = {
  period: '2026-11',
  messageId: 'msg-close-2026-11',
  indicators: { satisfaction: 4, resolutionRate: 1, responseCompliance: 0.5, frtAverage: 170, nps: 100, complaintRate: 0 },
};
const draft: AppraisalCommand = {
  type: 'DraftMonthlyAppraisal',
  data: { appraisalId: 'ts-lead.2026-11', employeeId: 'ts-lead', departmentId: 'tech-support', postId: 'support-engineer', scheme, facts },
  metadata: meta('2026-12-01T01:00:00.000Z', 'hr-performance'),
};
const drafted = when([], draft);
const assess = (ratings: Record<string, number>, assessment = '主動跟進客戶,現場規範良好。'): AppraisalCommand => ({
  type: 'AssessAppraisal',
  data: { appraisalId: 'ts-lead.2026-11', assessment, ratings },
  metadata: meta('2026-12-02T01:00:00.000Z', 'ts-head'),
});
const finalise: AppraisalCommand = { type: 'FinaliseAppraisal', data: { appraisalId: 'ts-lead.2026-11' }, metadata: meta('2026-12-03T01:00:00.000Z', 'hr-wu') };

describe('monthly appraisal (H-2.1, H-2.2)', () => {
  it('drafts the post’s weights applied to the person’s published indicators, each line naming its fact', () => {
    const [event] = drafted;
    expect(event.type).toBe('MonthlyAppraisalDrafted');
    // normalised: 4 ÷ 5 = 0.8; 1; 0.5; 1 − 170 ÷ 400 = 0.575; the duty not yet rated.
    // (4 × 0.8 + 2 × 1 + 2 × 0.5 + 1 × 0.575) ÷ 9 × 100 = 6.775 ÷ 9 × 100 = 75.2778
    expect(event.data).toMatchObject({ period: '2026-11', scheme: { postId: 'support-engineer', version: 1 }, score: 75.2778 });
    expect(event.type === 'MonthlyAppraisalDrafted' && event.data.lines).toEqual([
      { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 4, value: 4, normalised: 0.8, from: { period: '2026-11', indicator: 'satisfaction', value: 4, messageId: 'msg-close-2026-11' } },
      { indicatorId: 'resolved', source: 'quality', indicator: 'resolutionRate', weight: 2, value: 1, normalised: 1, from: { period: '2026-11', indicator: 'resolutionRate', value: 1, messageId: 'msg-close-2026-11' } },
      { indicatorId: 'response', source: 'quality', indicator: 'responseCompliance', weight: 2, value: 0.5, normalised: 0.5, from: { period: '2026-11', indicator: 'responseCompliance', value: 0.5, messageId: 'msg-close-2026-11' } },
      { indicatorId: 'frt', source: 'quality', indicator: 'frtAverage', weight: 1, value: 170, normalised: 0.575, from: { period: '2026-11', indicator: 'frtAverage', value: 170, messageId: 'msg-close-2026-11' } },
      { indicatorId: 'onsite', source: 'duty', duty: '現場服務規範', weight: 1, value: null, normalised: null },
    ]);
  });

  it('weighs the accuracy quality monitoring publishes (G-1): record reviews found compliant, cases accepted at the first round', () => {
    const accuracy: AppraisalSchemeVersion = {
      ...scheme,
      version: 2,
      lines: [
        { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 2 },
        { indicatorId: 'records', source: 'quality', indicator: 'recordAccuracy', weight: 1 },
        { indicatorId: 'first-time', source: 'quality', indicator: 'firstTimeRight', weight: 1 },
      ],
    };
    const [event] = when([], { ...draft, data: { ...draft.data, scheme: accuracy, facts: { ...facts, indicators: { satisfaction: 4, recordAccuracy: 0.75, firstTimeRight: 0.5 } } } } as AppraisalCommand);
    // (2 × 0.8 + 1 × 0.75 + 1 × 0.5) ÷ 4 × 100 = 71.25
    expect(event.data).toMatchObject({ score: 71.25 });
  });

  it('drafts once: the month closing again (a redelivery) appends nothing', () => {
    expect(when(drafted, draft)).toEqual([]);
  });

  it('takes the head’s ratings of every duty with the assessment, then HR’s finalisation', () => {
    const [assessed] = when(drafted, assess({ onsite: 90 }));
    // (6.775 + 1 × 0.9) ÷ 10 × 100 = 76.75
    expect(assessed.data).toMatchObject({ assessment: '主動跟進客戶,現場規範良好。', score: 76.75, assessedBy: 'ts-head' });
    const [finalised] = when([...drafted, assessed], finalise);
    expect(finalised).toEqual({
      type: 'AppraisalFinalised',
      data: {
        appraisalId: 'ts-lead.2026-11',
        employeeId: 'ts-lead',
        departmentId: 'tech-support',
        postId: 'support-engineer',
        kind: 'monthly',
        period: '2026-11',
        scheme: { postId: 'support-engineer', version: 1 },
        score: 76.75,
        finalisedBy: 'hr-wu',
        finalisedAt: '2026-12-03T01:00:00.000Z',
      },
    });
  });

  it('refuses a finalisation before the assessment, an unrated or unknown duty, and any change once finalised', () => {
    expect(refusal(drafted, finalise)).toMatchObject(refused('not-assessed'));
    expect(refusal(drafted, assess({}))).toMatchObject(refused('duty-not-rated'));
    expect(refusal(drafted, assess({ onsite: 90, coffee: 10 }))).toMatchObject(refused('unknown-duty'));
    expect(refusal(drafted, assess({ onsite: 101 }))).toMatchObject(refused('invalid-rating'));
    expect(refusal(drafted, assess({ onsite: 90 }, '  '))).toMatchObject(refused('text-required'));
    const done = [...drafted, ...when(drafted, assess({ onsite: 90 }))];
    const closed = [...done, ...when(done, finalise)];
    expect(refusal(closed, assess({ onsite: 50 }))).toMatchObject(refused('appraisal-finalised'));
    expect(refusal(closed, finalise)).toMatchObject(refused('appraisal-finalised'));
  });

  it('flags a finalised appraisal for review when the month’s scorecard is adjusted, once per adjustment, changing no figure', () => {
    const done = [...drafted, ...when(drafted, assess({ onsite: 90 }))];
    const closed = [...done, ...when(done, finalise)];
    const flag: AppraisalCommand = {
      type: 'FlagAppraisalForReview',
      data: { appraisalId: 'ts-lead.2026-11', departmentId: 'tech-support', adjustment: 1, reason: '漏計一次回訪', messageId: 'msg-adjust-1' },
      metadata: meta('2026-12-05T01:00:00.000Z', 'hr-performance'),
    };
    const flagged = when(closed, flag);
    expect(flagged).toEqual([
      {
        type: 'AppraisalFlaggedForReview',
        data: { appraisalId: 'ts-lead.2026-11', employeeId: 'ts-lead', departmentId: 'tech-support', adjustment: 1, reason: '漏計一次回訪', messageId: 'msg-adjust-1', flaggedAt: '2026-12-05T01:00:00.000Z' },
      },
    ]);
    expect(when([...closed, ...flagged], flag)).toEqual([]);
    expect(aggregateAfter([...closed, ...flagged])).toMatchObject({ status: 'finalised', score: 76.75, needsReview: true, revision: 0 });
  });

  it('is revised only as an event of its own with its reason, which clears the review', () => {
    const done = [...drafted, ...when(drafted, assess({ onsite: 90 }))];
    const closed = [...done, ...when(done, finalise)];
    const revise = (reason: string): AppraisalCommand => ({ type: 'ReviseAppraisal', data: { appraisalId: 'ts-lead.2026-11', reason, ratings: { onsite: 100 } }, metadata: meta('2026-12-06T01:00:00.000Z', 'hr-wu') });
    expect(refusal(drafted, revise('x'))).toMatchObject(refused('not-finalised'));
    expect(refusal(closed, revise(' '))).toMatchObject(refused('text-required'));
    const [revised] = when(closed, revise('回訪補錄後重評'));
    // (6.775 + 1 × 1) ÷ 10 × 100 = 77.75
    expect(revised.data).toMatchObject({ revision: 1, reason: '回訪補錄後重評', scoreBefore: 76.75, score: 77.75, revisedBy: 'hr-wu' });
    expect(aggregateAfter([...closed, revised])).toMatchObject({ score: 77.75, revision: 1, needsReview: false, revisions: [{ revision: 1, scoreBefore: 76.75, score: 77.75 }] });
  });

  it('re-scores a closed cycle under another scheme version side by side, from the same facts and the head’s duty ratings', () => {
    const done = [...drafted, ...when(drafted, assess({ onsite: 90 }))];
    const state = aggregateAfter([...done, ...when(done, finalise)]);
    const v2: AppraisalSchemeVersion = {
      ...scheme,
      version: 2,
      lines: [
        { indicatorId: 'nps', source: 'quality', indicator: 'nps', weight: 1 },
        { indicatorId: 'complaints', source: 'quality', indicator: 'complaintRate', weight: 1 },
        { indicatorId: 'onsite-v2', source: 'duty', duty: '現場服務規範', weight: 2 },
      ],
      referenceMinutes: {},
    };
    // (1 × (100 + 100) ÷ 200 + 1 × (1 − 0) + 2 × 0.9) ÷ 4 × 100 = 3.8 ÷ 4 × 100 = 95
    expect(rescore(state, v2)).toMatchObject({ scheme: { postId: 'support-engineer', version: 2 }, score: 95 });
    expect(state.score).toBe(76.75);
  });

  it('refuses anyone assessing, finalising or revising their own appraisal, a department head included (409 own-appraisal)', () => {
    const byHimself = { ...assess({ onsite: 90 }, '表現良好'), metadata: meta('2026-12-02T01:00:00.000Z', 'ts-lead') } as AppraisalCommand;
    expect(refusal(drafted, byHimself)).toMatchObject(refused('own-appraisal'));
    const done = [...drafted, ...when(drafted, assess({ onsite: 90 }))];
    expect(refusal(done, { ...finalise, metadata: meta('2026-12-03T01:00:00.000Z', 'ts-lead') })).toMatchObject(refused('own-appraisal'));
    const closed = [...done, ...when(done, finalise)];
    const revise: AppraisalCommand = { type: 'ReviseAppraisal', data: { appraisalId: 'ts-lead.2026-11', reason: '自評', ratings: { onsite: 100 } }, metadata: meta('2026-12-06T01:00:00.000Z', 'ts-lead') };
    expect(refusal(closed, revise)).toMatchObject(refused('own-appraisal'));
  });

  it('needs review when quality lines have no published value, instead of moving their weight onto the head’s ratings unnoticed (H-2.1, H-2.3)', () => {
    const none: AppraisalCommand = { ...draft, data: { ...draft.data, facts: { ...facts, indicators: {} } } } as AppraisalCommand;
    const empty = when([], none);
    expect(aggregateAfter(empty)).toMatchObject({ score: null, needsReview: true, missingIndicators: ['csat', 'resolved', 'response', 'frt'] });
    // The head's 90 alone would be the score: it is shown, and the appraisal stays flagged through the assessment and the finalisation.
    const assessed = [...empty, ...when(empty, assess({ onsite: 90 }))];
    expect(aggregateAfter(assessed)).toMatchObject({ score: 90, needsReview: true });
    const closed = [...assessed, ...when(assessed, finalise)];
    expect(aggregateAfter(closed)).toMatchObject({ status: 'finalised', score: 90, needsReview: true });
    // HR's revision, with its reason, is the review: it clears the flag and still names what was missing.
    const revise: AppraisalCommand = { type: 'ReviseAppraisal', data: { appraisalId: 'ts-lead.2026-11', reason: '本月無服務記錄，按職責評分' }, metadata: meta('2026-12-06T01:00:00.000Z', 'hr-wu') };
    expect(aggregateAfter([...closed, ...when(closed, revise)])).toMatchObject({ score: 90, needsReview: false, missingIndicators: ['csat', 'resolved', 'response', 'frt'] });
    // Satisfaction alone missing: flagged too.
    const noSurvey = when([], { ...draft, data: { ...draft.data, facts: { ...facts, indicators: { ...facts.indicators, satisfaction: null } } } } as AppraisalCommand);
    expect(aggregateAfter(noSurvey)).toMatchObject({ needsReview: true, missingIndicators: ['csat'] });
    // Every line with a value: nothing to review.
    expect(aggregateAfter(drafted)).toMatchObject({ needsReview: false, missingIndicators: [] });
  });
});

describe('annual appraisal (H-2.2)', () => {
  const year: AppraisalCommand = {
    type: 'DraftAnnualAppraisal',
    data: {
      appraisalId: 'ts-lead.2026',
      employeeId: 'ts-lead',
      departmentId: 'tech-support',
      postId: 'support-engineer',
      year: '2026',
      months: [
        { period: '2026-11', appraisalId: 'ts-lead.2026-11', score: 76.75 },
        { period: '2026-12', appraisalId: 'ts-lead.2026-12', score: 83.25 },
      ],
    },
    metadata: meta('2027-01-05T01:00:00.000Z', 'hr-wu'),
  };
  const review: AppraisalCommand = {
    type: 'RecordAnnualReview',
    data: { appraisalId: 'ts-lead.2026', goalsMet: '全年目標達成', strengths: '客戶溝通', developmentNeeds: '網絡認證' },
    metadata: meta('2027-01-06T01:00:00.000Z', 'ts-head'),
  };

  it('scores the mean of the year’s months that exist, takes the head’s review, and is finalised by HR', () => {
    const drafted = when([], year);
    expect(drafted[0].data).toMatchObject({ period: '2026', score: 80 });
    const reviewed = when(drafted, review);
    expect(reviewed[0].data).toMatchObject({ goalsMet: '全年目標達成', strengths: '客戶溝通', developmentNeeds: '網絡認證', reviewedBy: 'ts-head' });
    const history = [...drafted, ...reviewed];
    expect(when(history, { type: 'FinaliseAppraisal', data: { appraisalId: 'ts-lead.2026' }, metadata: meta('2027-01-07T01:00:00.000Z', 'hr-wu') })[0].data).toMatchObject({ kind: 'annual', period: '2026', score: 80 });
  });

  it('refuses a month of another year, a review of a month, and finalising before the review', () => {
    expect(refusal([], { ...year, data: { ...year.data, months: [{ period: '2025-12', appraisalId: 'x', score: 1 }] } } as AppraisalCommand)).toMatchObject(refused('month-outside-year'));
    expect(refusal(drafted, { ...review, data: { ...review.data, appraisalId: 'ts-lead.2026-11' } } as AppraisalCommand)).toMatchObject(refused('not-annual'));
    expect(refusal(when([], year), { type: 'FinaliseAppraisal', data: { appraisalId: 'ts-lead.2026' }, metadata: meta('2027-01-07T01:00:00.000Z', 'hr-wu') })).toMatchObject(refused('not-assessed'));
  });
});

describe('who sees an appraisal (personal data)', () => {
  const record = { employeeId: 'ts-lead', departmentId: 'tech-support' };
  it.each([
    ['the employee sees their own', { userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] }, true],
    ['their department head sees it', { userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] }, true],
    ['HR sees it', { userId: 'hr-wu', roles: ['hr'], departments: [] }, true],
    ['a colleague does not', { userId: 'ts-other', roles: ['department-member'], departments: ['tech-support'] }, false],
    ['another department’s head does not', { userId: 'sd-head', roles: ['department-head'], departments: ['software-development'] }, false],
    ['an analyst does not (aggregates only)', { userId: 'analyst-1', roles: ['analyst'], departments: [] }, false],
    ['an administrator does not', { userId: 'admin', roles: ['administrator'], departments: [] }, false],
  ])('%s', (_, actor, sees) => {
    expect(maySeeAppraisal(actor, record)).toBe(sees);
  });
});

