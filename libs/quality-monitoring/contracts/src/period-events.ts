import { defineQualityContract } from './contract';
import { QUALITY_PERIOD_TOPIC } from './topics';

/**
 * The public events of period evaluation (Q-2.2, for appraisal, H-2), on
 * `serviceledger.quality-monitoring.period.v1`, keyed by the period (`YYYY-MM` or `YYYY-Qn`).
 * `period.closed` carries every frozen figure and the scoring scheme version; a later correction is a
 * `period.scorecard-adjusted`, never a new `period.closed`.
 */

/**
 * The indicators, mirrored from the domain (contracts import no domain), customer satisfaction first: it is
 * the core measure of quality (G-1). Each is present in every message.
 */
export const PERIOD_INDICATORS = [
  'satisfaction',
  'satisfiedShare',
  'nps',
  'responseCompliance',
  'resolutionRate',
  'resolutionRateByDueDate',
  'frtAverage',
  'frtP90',
  'ttrAverage',
  'ttrP90',
  'rectificationRate',
  'complaintRate',
  'promisedTimeCompliance',
  'spotCheckScore',
] as const;
/**
 * Indicators added within v1 (ADR 0012), so absent from messages published before them. Absent: the period
 * was closed before it was counted; null: nothing to count.
 * - promisedResultCompliance (C-2.3): complaints resolved with the promised result delivered ÷ those whose
 *   closing said whether it was.
 * - recordAccuracy (G-1, accuracy): record reviews found compliant ÷ record reviews, in the period.
 * - firstTimeRight (G-1, accuracy): cases whose first acceptance round, decided in the period, passed ÷
 *   cases whose first acceptance round was decided in the period.
 */
export const OPTIONAL_PERIOD_INDICATORS = ['promisedResultCompliance', 'recordAccuracy', 'firstTimeRight'] as const;
export type PeriodIndicator = (typeof PERIOD_INDICATORS)[number] | (typeof OPTIONAL_PERIOD_INDICATORS)[number];

/** Shares are 0…1 (a resolution rate may exceed 1), times are business minutes, NPS is points, scores 0…100; null: nothing to count. */
export type PeriodIndicatorValues = Record<(typeof PERIOD_INDICATORS)[number], number | null> &
  Partial<Record<(typeof OPTIONAL_PERIOD_INDICATORS)[number], number | null>>;

export interface PeriodScorecardV1 {
  departmentId: string;
  indicators: PeriodIndicatorValues;
  /** What the indicators were counted from (met, breached, received, resolved, …). */
  counts: Record<string, number>;
  score: number | null;
  rank: number | null;
}

export interface PeriodClosedV1 {
  period: string;
  kind: 'month' | 'quarter';
  /** First and last local dates (Asia/Shanghai), inclusive. */
  from: string;
  to: string;
  scheme: { schemeId: string; version: number; weights: Partial<Record<PeriodIndicator, number>>; referenceMinutes: Record<string, number> };
  scorecards: PeriodScorecardV1[];
  /** Per-person indicators, for appraisal. */
  persons: Array<{ personId: string; indicators: PeriodIndicatorValues; counts: Record<string, number> }>;
  closedAt: string;
  closedBy: string;
  occurredAt: string;
}

export interface PeriodScorecardAdjustedV1 {
  period: string;
  adjustment: number;
  departmentId: string;
  indicatorsBefore: Partial<PeriodIndicatorValues>;
  indicatorsAfter: Partial<PeriodIndicatorValues>;
  scoreBefore: number | null;
  scoreAfter: number | null;
  reason: string;
  adjustedAt: string;
  adjustedBy: string;
  occurredAt: string;
}

const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;
const periodSchema = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$' } as const;
const dateSchema = { type: 'string', format: 'date' } as const;
const figureSchema = { type: ['number', 'null'] } as const;
const indicatorsSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...PERIOD_INDICATORS],
  properties: Object.fromEntries([...PERIOD_INDICATORS, ...OPTIONAL_PERIOD_INDICATORS].map((i) => [i, figureSchema])),
} as const;
const partialIndicatorsSchema = { ...indicatorsSchema, required: [] } as const;
const countsSchema = { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } } as const;

export const PERIOD_CLOSED_V1 = defineQualityContract({
  event: 'period.closed',
  version: 1,
  topic: QUALITY_PERIOD_TOPIC,
  description:
    'A month or quarter was closed (Q-2.2): every department’s frozen indicators, score and rank under the ' +
    'named scoring scheme version, and each person’s indicators, for appraisal (H-2).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['period', 'kind', 'from', 'to', 'scheme', 'scorecards', 'persons', 'closedAt', 'closedBy', 'occurredAt'],
    properties: {
      period: periodSchema,
      kind: { type: 'string', enum: ['month', 'quarter'] },
      from: dateSchema,
      to: dateSchema,
      scheme: {
        type: 'object',
        additionalProperties: false,
        required: ['schemeId', 'version', 'weights', 'referenceMinutes'],
        properties: {
          schemeId: idSchema,
          version: { type: 'integer', minimum: 1 },
          weights: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries([...PERIOD_INDICATORS, ...OPTIONAL_PERIOD_INDICATORS].map((i) => [i, { type: 'number', minimum: 0 }])),
          },
          referenceMinutes: { type: 'object', additionalProperties: { type: 'number', exclusiveMinimum: 0 } },
        },
      },
      scorecards: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['departmentId', 'indicators', 'counts', 'score', 'rank'],
          properties: {
            departmentId: idSchema,
            indicators: indicatorsSchema,
            counts: countsSchema,
            score: figureSchema,
            rank: { type: ['integer', 'null'], minimum: 1 },
          },
        },
      },
      persons: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['personId', 'indicators', 'counts'],
          properties: { personId: idSchema, indicators: indicatorsSchema, counts: countsSchema },
        },
      },
      closedAt: instantSchema,
      closedBy: idSchema,
      occurredAt: instantSchema,
    },
  },
});

export const PERIOD_SCORECARD_ADJUSTED_V1 = defineQualityContract({
  event: 'period.scorecard-adjusted',
  version: 1,
  topic: QUALITY_PERIOD_TOPIC,
  description:
    'A closed period’s scorecard was corrected (Q-2.2): the indicators and score before and after, and the ' +
    'reason. The period.closed figures stand; this adjustment is applied on top of them.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['period', 'adjustment', 'departmentId', 'indicatorsBefore', 'indicatorsAfter', 'scoreBefore', 'scoreAfter', 'reason', 'adjustedAt', 'adjustedBy', 'occurredAt'],
    properties: {
      period: periodSchema,
      adjustment: { type: 'integer', minimum: 1 },
      departmentId: idSchema,
      indicatorsBefore: partialIndicatorsSchema,
      indicatorsAfter: partialIndicatorsSchema,
      scoreBefore: figureSchema,
      scoreAfter: figureSchema,
      reason: { type: 'string', minLength: 1 },
      adjustedAt: instantSchema,
      adjustedBy: idSchema,
      occurredAt: instantSchema,
    },
  },
});

/**
 * The period events' catalogue. Kept beside the clocks' `QUALITY_MONITORING_CONTRACTS` rather than in it:
 * those are keyed by a case id (and typed so), these by a period.
 */
export const QUALITY_PERIOD_CONTRACTS = [PERIOD_CLOSED_V1, PERIOD_SCORECARD_ADJUSTED_V1] as const;

export type QualityPeriodContractType = (typeof QUALITY_PERIOD_CONTRACTS)[number]['type'];

export interface QualityPeriodContractData {
  [PERIOD_CLOSED_V1.type]: PeriodClosedV1;
  [PERIOD_SCORECARD_ADJUSTED_V1.type]: PeriodScorecardAdjustedV1;
}

export function findQualityPeriodContract(type: string): (typeof QUALITY_PERIOD_CONTRACTS)[number] | undefined {
  return QUALITY_PERIOD_CONTRACTS.find((contract) => contract.type === type);
}
