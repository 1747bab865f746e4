import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { Indicator, IndicatorCounts, IndicatorValues, INDICATORS, PeriodKind, periodHasEnded, periodOf } from './period-evaluation';
import { ScoringSchemeVersion, ensureSatisfactionIsCore, rank, weightedScore } from './scoring-scheme';

/**
 * Closing a period (Q-2.2, "Closing a period"): `PeriodClosed` freezes each department's scorecard —
 * every indicator, what it was counted from, the score and the rank — with the scoring scheme version
 * it was scored under, and the persons' indicators for appraisal (H-2). A later correction is a
 * `ScorecardAdjusted` event with its reason; nothing is ever recomputed silently.
 */
const SHARE = { min: 0, max: 1 };
/** Ratios to the demands received pass 1 when earlier months' demands are resolved or complained about in this one. */
const RATIO_TO_RECEIVED = { min: 0, max: 1_000 };
/** Business minutes: a demand open for ten years. */
const MINUTES = { min: 0, max: 10 * 365 * 24 * 60 };

/** What a corrected indicator can be, as period-evaluation.ts computes it. */
export const INDICATOR_RANGES: Readonly<Record<Indicator, { min: number; max: number }>> = {
  responseCompliance: SHARE,
  resolutionRate: RATIO_TO_RECEIVED,
  resolutionRateByDueDate: RATIO_TO_RECEIVED,
  frtAverage: MINUTES,
  frtP90: MINUTES,
  ttrAverage: MINUTES,
  ttrP90: MINUTES,
  rectificationRate: SHARE,
  satisfaction: { min: 0, max: 5 },
  satisfiedShare: SHARE,
  nps: { min: -100, max: 100 },
  complaintRate: RATIO_TO_RECEIVED,
  promisedTimeCompliance: SHARE,
  promisedResultCompliance: SHARE,
  spotCheckScore: { min: 0, max: 100 },
  recordAccuracy: SHARE,
  firstTimeRight: SHARE,
};

/** A score, and so a corrected one, is 0…100. */
export const SCORE_RANGE = { min: 0, max: 100 } as const;

export interface Scorecard {
  departmentId: string;
  indicators: IndicatorValues;
  counts: IndicatorCounts;
  score: number | null;
  rank: number | null;
}

export interface PersonIndicators {
  personId: string;
  indicators: IndicatorValues;
  counts: IndicatorCounts;
}

export type SchemeUsed = Pick<ScoringSchemeVersion, 'schemeId' | 'version' | 'weights' | 'referenceMinutes'>;

export interface PeriodClosedData {
  period: string;
  kind: PeriodKind;
  from: string;
  to: string;
  scheme: SchemeUsed;
  scorecards: Scorecard[];
  persons: PersonIndicators[];
  closedAt: string;
  closedBy: string;
}

export interface ScorecardAdjustedData {
  period: string;
  /** 1 for the period's first adjustment, and so on. */
  adjustment: number;
  departmentId: string;
  /** The corrected indicators, as they were and as they are now. */
  indicatorsBefore: Partial<IndicatorValues>;
  indicatorsAfter: Partial<IndicatorValues>;
  scoreBefore: number | null;
  scoreAfter: number | null;
  reason: string;
  adjustedAt: string;
  adjustedBy: string;
}

export type PeriodClosed = { type: 'PeriodClosed'; data: PeriodClosedData };
export type ScorecardAdjusted = { type: 'ScorecardAdjusted'; data: ScorecardAdjustedData };
export type PeriodEvent = PeriodClosed | ScorecardAdjusted;

export type ClosePeriod = Command<
  'ClosePeriod',
  {
    period: string;
    scheme: SchemeUsed;
    scorecards: Array<Omit<Scorecard, 'rank'>>;
    persons?: PersonIndicators[];
    /**
     * The installation's floor of customer satisfaction's weight (G-1): the official figures are scored only under
     * a scheme version that meets it, not under one defined before the rule (recomputations may still use it).
     */
    satisfactionFloorPercent: number;
  }
>;
export type AdjustScorecard = Command<
  'AdjustScorecard',
  {
    period: string;
    departmentId: string;
    /** Corrected indicator values; the score is then re-scored under the closed scheme version. */
    indicators?: Partial<IndicatorValues>;
    /** A corrected score, when the correction is of the score itself. */
    score?: number;
    reason: string;
  }
>;
export type PeriodCommand = ClosePeriod | AdjustScorecard;

export interface ClosedPeriod {
  closed: PeriodClosedData;
  adjustments: ScorecardAdjustedData[];
}
export type ClosedPeriodState = ClosedPeriod | null;

export const closedPeriod: Decider<PeriodCommand, PeriodEvent, ClosedPeriodState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'PeriodClosed') return { closed: event.data, adjustments: [] };
    return state && { ...state, adjustments: [...state.adjustments, event.data] };
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'ClosePeriod') {
      const period = periodOf(command.data.period);
      if (state) throw new RuleViolation('period-closed', `Period ${period.key} is closed; correct it with an adjustment`);
      if (!periodHasEnded(period, at)) throw new RuleViolation('period-not-ended', `Period ${period.key} ends on ${period.to}`);
      ensureSatisfactionIsCore(command.data.scheme.weights, command.data.satisfactionFloorPercent);
      const ranking = rank(command.data.scorecards);
      const scorecards = ranking.map((entry) => {
        const card = command.data.scorecards.find((c) => c.departmentId === entry.departmentId) as Omit<Scorecard, 'rank'>;
        return { ...card, rank: entry.rank };
      });
      return [
        {
          type: 'PeriodClosed',
          data: {
            period: period.key,
            kind: period.kind,
            from: period.from,
            to: period.to,
            scheme: command.data.scheme,
            scorecards,
            persons: [...(command.data.persons ?? [])].sort((a, b) => a.personId.localeCompare(b.personId)),
            closedAt: at,
            closedBy: actor.userId,
          },
        },
      ];
    }
    const { period, departmentId, indicators, score, reason } = command.data;
    if (!state) throw new NotFoundError('Closed period', period);
    if (!reason?.trim()) throw new RuleViolation('reason-required', 'An adjustment states its reason');
    const current = adjustedScorecards(state).find((c) => c.departmentId === departmentId);
    if (!current) throw new NotFoundError('Scorecard', `${period}/${departmentId}`);
    if (score !== undefined && !(score >= SCORE_RANGE.min && score <= SCORE_RANGE.max)) {
      throw new RuleViolation('invalid-score', `A score is ${SCORE_RANGE.min} … ${SCORE_RANGE.max}, not ${score}`);
    }
    const changed = Object.entries(indicators ?? {}).filter(([indicator, value]) => {
      if (!(INDICATORS as readonly string[]).includes(indicator)) throw new RuleViolation('unknown-indicator', `${indicator} is not an indicator`);
      const { min, max } = INDICATOR_RANGES[indicator as Indicator];
      if (value !== null && !(value >= min && value <= max)) {
        throw new RuleViolation('invalid-indicator-value', `${indicator} is ${min} … ${max} or null, not ${value}`);
      }
      return current.indicators[indicator as Indicator] !== value;
    }) as Array<[Indicator, number | null]>;
    const after = { ...current.indicators, ...Object.fromEntries(changed) } as IndicatorValues;
    const scoreAfter = score ?? (changed.length ? weightedScore(after, state.closed.scheme) : current.score);
    if (changed.length === 0 && scoreAfter === current.score) return [];
    return [
      {
        type: 'ScorecardAdjusted',
        data: {
          period,
          adjustment: state.adjustments.length + 1,
          departmentId,
          indicatorsBefore: Object.fromEntries(changed.map(([indicator]) => [indicator, current.indicators[indicator]])),
          indicatorsAfter: Object.fromEntries(changed),
          scoreBefore: current.score,
          scoreAfter,
          reason: reason.trim(),
          adjustedAt: at,
          adjustedBy: actor.userId,
        },
      },
    ];
  },
};

/** A period's stream is `quality-monitoring.period-<key>`: `2026-03`, `2026-Q1`. */
export const closedPeriods: Aggregate<PeriodCommand, PeriodEvent, ClosedPeriodState> = {
  name: 'Closed period',
  streamPrefix: 'quality-monitoring.period-',
  decider: closedPeriod,
  idOf: (command) => command.data.period,
  creates: ['ClosePeriod'],
};

export const periodStream = (periodKey: string): string => streamOf(closedPeriods, periodKey);

/** The scorecards with every adjustment applied, ranked again by the adjusted scores. */
export function adjustedScorecards(state: ClosedPeriod): Scorecard[] {
  const cards = new Map(state.closed.scorecards.map((c) => [c.departmentId, { ...c, indicators: { ...c.indicators } }]));
  for (const adjustment of state.adjustments) {
    const card = cards.get(adjustment.departmentId);
    if (!card) continue;
    Object.assign(card.indicators, adjustment.indicatorsAfter);
    card.score = adjustment.scoreAfter;
  }
  const ranking = rank([...cards.values()]);
  return ranking.map((entry) => ({ ...(cards.get(entry.departmentId) as Scorecard), rank: entry.rank }));
}
