import { CommandMetadata, NotFoundError } from '@serviceledger/platform/core';
import { deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import { ClosePeriod, INDICATOR_RANGES, SchemeUsed, adjustedScorecards, closedPeriod } from './period-close';
import { INDICATORS, IndicatorCounts, IndicatorValues } from './period-evaluation';

const meta = (at: string): CommandMetadata => ({ commandId: 'c', at, actor: { userId: 'qm-zhao', roles: [], departments: [] }, correlationId: 'c' });
const none = Object.fromEntries(INDICATORS.map((i) => [i, null])) as IndicatorValues;
const counts = {} as IndicatorCounts;
/** Customer satisfaction a third of the weight (G-1); no scorecard below has a satisfaction figure, so it moves no score. */
const scheme: SchemeUsed = { schemeId: 'standard', version: 1, weights: { satisfaction: 1, responseCompliance: 1, spotCheckScore: 1 }, referenceMinutes: {} };

const close = (at = '2026-12-01T01:00:00Z'): ClosePeriod => ({
  type: 'ClosePeriod',
  data: {
    period: '2026-11',
    scheme,
    scorecards: [
      { departmentId: 'tech-support', indicators: { ...none, responseCompliance: 0.5, spotCheckScore: 80 }, counts, score: 65 },
      { departmentId: 'software-development', indicators: { ...none, responseCompliance: 1, spotCheckScore: 60 }, counts, score: 80 },
    ],
    persons: [{ personId: 'ts-li', indicators: { ...none, responseCompliance: 0.5 }, counts }],
    satisfactionFloorPercent: 30,
  },
  metadata: meta(at),
});

const { stateAfter } = deciderSpec(closedPeriod);

describe('closing a period (Q-2.2)', () => {
  it('freezes every scorecard, ranked, with the scheme version, once the period has ended', () => {
    expect(() => closedPeriod.decide(close('2026-11-30T15:59:00Z'), null)).toThrow(expect.objectContaining({ code: 'period-not-ended' }));
    const events = closedPeriod.decide(close(), null);
    expect(events).toEqual([
      {
        type: 'PeriodClosed',
        data: {
          period: '2026-11',
          kind: 'month',
          from: '2026-11-01',
          to: '2026-11-30',
          scheme,
          scorecards: [
            expect.objectContaining({ departmentId: 'software-development', score: 80, rank: 1 }),
            expect.objectContaining({ departmentId: 'tech-support', score: 65, rank: 2 }),
          ],
          persons: [expect.objectContaining({ personId: 'ts-li' })],
          closedAt: '2026-12-01T01:00:00Z',
          closedBy: 'qm-zhao',
        },
      },
    ]);
    expect(() => closedPeriod.decide(close(), stateAfter(events))).toThrow(expect.objectContaining({ code: 'period-closed' }));
  });

  it('refuses to close under a scheme version in which customer satisfaction weighs less than the floor, as one defined before G-1 (以客戶滿意度為衡量服務質量的核心標準)', () => {
    const beforeTheRule = { ...scheme, version: 2, weights: { satisfaction: 1, responseCompliance: 2, spotCheckScore: 2 } };
    expect(() => closedPeriod.decide({ ...close(), data: { ...close().data, scheme: beforeTheRule } }, null)).toThrow(
      expect.objectContaining({ code: 'satisfaction-below-floor', message: expect.stringContaining('G-1') }),
    );
    expect(closedPeriod.decide({ ...close(), data: { ...close().data, scheme: beforeTheRule, satisfactionFloorPercent: 20 } }, null)).toHaveLength(1);
  });

  it('closes a quarter from the day after its last month, independently of its months', () => {
    const quarter = (at: string): ClosePeriod => ({ ...close(at), data: { ...close(at).data, period: '2026-Q4' } });
    expect(() => closedPeriod.decide(quarter('2026-12-01T01:00:00Z'), null)).toThrow(expect.objectContaining({ code: 'period-not-ended' }));
    const [closedQuarter] = closedPeriod.decide(quarter('2026-12-31T16:00:00Z'), null);
    expect(closedQuarter.data).toMatchObject({ period: '2026-Q4', kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(() => closedPeriod.decide({ ...close(), data: { ...close().data, period: '2026-W48' } }, null)).toThrow(expect.objectContaining({ code: 'invalid-period' }));
  });

  it('refuses a corrected score or indicator beyond what it can be', () => {
    const closed = stateAfter(closedPeriod.decide(close(), null));
    const adjust = (data: object) =>
      ({ type: 'AdjustScorecard', data: { period: '2026-11', departmentId: 'tech-support', reason: 'Appeal', ...data }, metadata: meta('2026-12-05T02:00:00Z') }) as const;
    for (const score of [-1, 100.5, 1e308, Infinity, NaN]) {
      expect(() => closedPeriod.decide(adjust({ score }), closed)).toThrow(expect.objectContaining({ code: 'invalid-score' }));
    }
    for (const indicators of [{ responseCompliance: 1.5 }, { nps: -101 }, { satisfaction: 6 }, { ttrP90: INDICATOR_RANGES.ttrP90.max + 1 }, { complaintRate: Infinity }, { spotCheckScore: NaN }]) {
      expect(() => closedPeriod.decide(adjust({ indicators }), closed)).toThrow(expect.objectContaining({ code: 'invalid-indicator-value' }));
    }
    expect(closedPeriod.decide(adjust({ score: 100, indicators: { nps: -100, resolutionRate: 1.2, spotCheckScore: null } }), closed)).toHaveLength(1);
  });

  it('corrects a closed scorecard only by an adjustment with its reason, re-scored under the closed scheme', () => {
    const closed = stateAfter(closedPeriod.decide(close(), null));
    const adjust = (data: object) =>
      ({ type: 'AdjustScorecard', data: { period: '2026-11', departmentId: 'tech-support', reason: '', ...data }, metadata: meta('2026-12-05T02:00:00Z') }) as const;
    expect(() => closedPeriod.decide(adjust({ score: 70 }), closed)).toThrow(expect.objectContaining({ code: 'reason-required' }));
    expect(() => closedPeriod.decide(adjust({ score: 70, reason: 'x' }), null)).toThrow(NotFoundError);
    expect(() => closedPeriod.decide(adjust({ departmentId: 'nowhere', score: 70, reason: 'x' }), closed)).toThrow(NotFoundError);

    // A spot check was recorded against the wrong department: 80 → 100, so (0.5 + 1) ÷ 2 = 75.
    const [adjusted] = closedPeriod.decide(adjust({ indicators: { spotCheckScore: 100 }, reason: 'Spot check k7 belonged to tech-support' }), closed);
    expect(adjusted).toEqual({
      type: 'ScorecardAdjusted',
      data: {
        period: '2026-11',
        adjustment: 1,
        departmentId: 'tech-support',
        indicatorsBefore: { spotCheckScore: 80 },
        indicatorsAfter: { spotCheckScore: 100 },
        scoreBefore: 65,
        scoreAfter: 75,
        reason: 'Spot check k7 belonged to tech-support',
        adjustedAt: '2026-12-05T02:00:00Z',
        adjustedBy: 'qm-zhao',
      },
    });
    const after = closedPeriod.evolve(closed, adjusted);
    expect(closedPeriod.decide(adjust({ indicators: { spotCheckScore: 100 }, reason: 'again' }), after)).toEqual([]);
    const [second] = closedPeriod.decide(adjust({ score: 85, reason: 'Appeal upheld' }), after);
    expect(second.data).toMatchObject({ adjustment: 2, scoreBefore: 75, scoreAfter: 85, indicatorsAfter: {} });
    const twice = closedPeriod.evolve(after, second);

    // As it stood when closed, unchanged; with adjustments, ranked again.
    expect(twice?.closed.scorecards.map((c) => [c.departmentId, c.score, c.rank])).toEqual([
      ['software-development', 80, 1],
      ['tech-support', 65, 2],
    ]);
    expect(adjustedScorecards(twice!).map((c) => [c.departmentId, c.score, c.rank, c.indicators.spotCheckScore])).toEqual([
      ['tech-support', 85, 1, 100],
      ['software-development', 80, 2, 60],
    ]);
  });
});
