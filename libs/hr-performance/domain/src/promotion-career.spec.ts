import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { CareerCommand, CareerEvent, career, careerAsOf } from './promotion-career';
import { PromotionTrackVersion, SetPromotionTrack, TrackLevel, monthsBetween, promotionTrack } from './promotion-track';

const meta = (at: string, userId = 'hr-wu'): CommandMetadata => ({ commandId: `${userId}-${at}`, at, actor: { userId, roles: [], departments: [] }, correlationId: 'c' });

const levels: TrackLevel[] = [
  { level: 'P1', name: '助理工程師', criteria: { requiredTraining: [], minMonthsInLevel: 0 } },
  { level: 'P2', name: '工程師', criteria: { minAppraisals: { cycle: 'monthly', count: 2, minScore: 75 }, requiredTraining: ['network-cert'], minMonthsInLevel: 12 } },
  { level: 'P3', name: '高級工程師', criteria: { requiredTraining: [], minMonthsInLevel: 24 } },
];
const track: PromotionTrackVersion = { trackId: 'professional', version: 1, name: '專業技術通道', levels, definedAt: '2025-01-01T00:00:00.000Z', definedBy: 'hr-wu' };

describe('promotion tracks (H-3.2)', () => {
  const { when, refusal } = deciderSpec(promotionTrack);
  const set = (data: Partial<SetPromotionTrack['data']>): SetPromotionTrack => ({ type: 'SetPromotionTrack', data: { trackId: 'professional', name: '專業技術通道', levels, ...data }, metadata: meta('2025-01-01T00:00:00.000Z') });

  it('versions the management and the professional track, each a ladder of levels with criteria', () => {
    expect(when([], set({}))[0].data).toMatchObject({ trackId: 'professional', version: 1, levels });
    expect(when([], set({ trackId: 'management', name: '管理通道' }))[0].data).toMatchObject({ trackId: 'management', version: 1 });
    expect(refusal([], set({ trackId: 'sales' as never }))).toMatchObject(refused('unknown-track'));
    expect(refusal([], set({ levels: [levels[0]] }))).toMatchObject(refused('too-few-levels'));
    expect(refusal([], set({ levels: [levels[0], levels[0]] }))).toMatchObject(refused('duplicate-level'));
  });

  it('counts whole months in a level', () => {
    expect(monthsBetween('2025-12-01', '2026-12-01')).toBe(12);
    expect(monthsBetween('2025-12-02', '2026-12-01')).toBe(11);
  });
});

describe('promotion decisions and the career as of a date (H-3.2, H-2.3)', () => {
  const { when, refusal, aggregateAfter } = deciderSpec(career);
  const noHistory: CareerEvent[] = [];
  const current = { departmentId: 'tech-support', trackId: 'professional' as const, level: 'P1', levelSince: '2025-12-01' };
  const good = [
    { appraisalId: 'ts-lead.2026-10', kind: 'monthly' as const, period: '2026-10', score: 80 },
    { appraisalId: 'ts-lead.2026-11', kind: 'monthly' as const, period: '2026-11', score: 76.75 },
  ];
  const decide = (data: Partial<Extract<CareerCommand, { type: 'DecidePromotion' }>['data']>): CareerCommand => ({
    type: 'DecidePromotion',
    data: { employeeId: 'ts-lead', current, track, toLevel: 'P2', effectiveOn: '2026-12-01', evidence: { appraisals: good, trainingsCompleted: ['network-cert'] }, ...data },
    metadata: meta('2026-12-05T01:00:00.000Z'),
  });

  it('decides a promotion when every criterion of the next level holds', () => {
    const [decided] = when(noHistory, decide({}));
    expect(decided).toMatchObject({ type: 'PromotionDecided', data: { trackId: 'professional', trackVersion: 1, fromLevel: 'P1', toLevel: 'P2', effectiveOn: '2026-12-01', unmet: [], decidedBy: 'hr-wu' } });
    expect(aggregateAfter([decided]).history).toEqual([expect.objectContaining({ kind: 'promotion', fromLevel: 'P1', toLevel: 'P2', effectiveOn: '2026-12-01' })]);
    expect(when([decided], decide({}))).toEqual([]);
  });

  it('refuses with 409 naming each criterion that fails', () => {
    const low = [good[0], { ...good[1], score: 60 }];
    expect(refusal(noHistory, decide({ evidence: { appraisals: low, trainingsCompleted: [] }, effectiveOn: '2026-06-01' }))).toMatchObject({
      ...refused('promotion-criteria-not-met'),
      message: expect.stringMatching(/min-appraisal-results.*2026-11 60.*required-training: not completed network-cert.*time-in-level: 6 months/),
    });
    expect(refusal(noHistory, decide({ evidence: { appraisals: [good[1]], trainingsCompleted: ['network-cert'] } }))).toMatchObject({ message: expect.stringContaining('min-appraisal-results') });
  });

  it('does not count an appraisal that needs review (quality lines without a value, a corrected scorecard) toward the criteria', () => {
    const unreviewed = [good[0], { ...good[1], score: 90, needsReview: true }];
    expect(refusal(noHistory, decide({ evidence: { appraisals: unreviewed, trainingsCompleted: ['network-cert'] } }))).toMatchObject({
      ...refused('promotion-criteria-not-met'),
      message: expect.stringContaining('2026-11 90 (needs review)'),
    });
  });

  it('decides against the criteria only as an explicit exception with its reason, keeping what failed', () => {
    const exception = decide({ evidence: { appraisals: good, trainingsCompleted: [] }, exception: { reason: '關鍵項目急需,認證於三個月內補考' } });
    expect(when(noHistory, exception)[0].data).toMatchObject({ unmet: [{ criterion: 'required-training' }], exception: { reason: '關鍵項目急需,認證於三個月內補考' } });
    expect(refusal(noHistory, decide({ evidence: { appraisals: good, trainingsCompleted: [] }, exception: { reason: ' ' } }))).toMatchObject(refused('reason-required'));
  });

  it('promotes one level at a time on the track of the employee’s post, after they reached their level', () => {
    expect(refusal(noHistory, decide({ toLevel: 'P3' }))).toMatchObject(refused('not-next-level'));
    expect(refusal(noHistory, decide({ track: { ...track, trackId: 'management' } }))).toMatchObject(refused('other-track'));
    expect(refusal(noHistory, decide({ current: { ...current, level: 'M9' } }))).toMatchObject(refused('unknown-level'));
    expect(refusal(noHistory, decide({ effectiveOn: '2025-12-01' }))).toMatchObject(refused('before-current-level'));
  });

  it('reads promotions and pay adjustments as they stood on any date', () => {
    const promoted = [...noHistory, ...when(noHistory, decide({}))];
    const raise = when(promoted, {
      type: 'RecordPayAdjustment',
      data: {
        employeeId: 'ts-lead',
        departmentId: 'tech-support',
        outcomeId: 'ts-lead.2026.r0.raise',
        percent: 5,
        effectiveOn: '2027-01-01',
        appraisal: { appraisalId: 'ts-lead.2026', revision: 0, kind: 'annual', period: '2026', score: 88 },
        rule: { ruleBookId: 'standard', version: 1, ruleId: 'raise' },
      },
      metadata: meta('2026-12-20T01:00:00.000Z'),
    });
    const state = aggregateAfter([...promoted, ...raise]);
    expect(careerAsOf(state, '2026-11-30')).toEqual({ history: [], payAdjustmentPercent: 0 });
    expect(careerAsOf(state, '2026-12-31')).toMatchObject({ history: [{ kind: 'promotion', toLevel: 'P2' }], payAdjustmentPercent: 0 });
    expect(careerAsOf(state, '2027-01-01')).toMatchObject({
      history: [{ kind: 'promotion' }, { kind: 'pay-adjustment', percent: 5, rule: { ruleBookId: 'standard', version: 1, ruleId: 'raise' } }],
      payAdjustmentPercent: 5,
    });
  });
});
