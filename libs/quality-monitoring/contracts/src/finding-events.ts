import { defineQualityContract } from './contract';
import { QUALITY_CHECK_TOPIC, QUALITY_FINDING_TOPIC } from './topics';

/**
 * Quality findings, their rectification deadlines and overdue state, and daily checks' results, published
 * for the risk service's indicators (K-3.2) and anyone following quality (Q-2.1, Q-3). Free text (a
 * finding's subject and requirements, measures, reports, notes) stays in quality monitoring. A rectification
 * running past its deadline is also a breach of its `rectification-deadline` clock (`clock.breached.v2`,
 * caseKind `rectification`, with the department and responsible person), at the moment it falls due.
 */

const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;
const roundSchema = { type: 'integer', minimum: 1 } as const;

// finding.raised

export interface FindingRaisedV1 {
  findingId: string;
  /** The responsible department and person the rectification is asked of. */
  departmentId: string;
  responsibleId: string;
  /** The case the finding came from, when there is one. */
  caseId?: string;
  /** The process stage it improves (P-6.3), when it answers after-sales findings. */
  processStage?: string;
  raisedBy: string;
  occurredAt: string;
}

export const FINDING_RAISED_V1 = defineQualityContract({
  event: 'finding.raised',
  version: 1,
  topic: QUALITY_FINDING_TOPIC,
  description: 'A quality monitor raised a finding against a department and a responsible person (Q-3.1): rectification is asked of them.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['findingId', 'departmentId', 'responsibleId', 'raisedBy', 'occurredAt'],
    properties: { findingId: idSchema, departmentId: idSchema, responsibleId: idSchema, caseId: idSchema, processStage: idSchema, raisedBy: idSchema, occurredAt: instantSchema },
  },
});

// finding.rectification-scheduled

export interface FindingRectificationScheduledV1 {
  findingId: string;
  /** 1 for the first rectification; each failed re-check opens the next. */
  round: number;
  /** The deadline the responsible party set for this round. */
  deadline: string;
  occurredAt: string;
}

export const FINDING_RECTIFICATION_SCHEDULED_V1 = defineQualityContract({
  event: 'finding.rectification-scheduled',
  version: 1,
  topic: QUALITY_FINDING_TOPIC,
  description: 'The responsible party submitted rectification measures with a deadline for a round of the finding (Q-3.2).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['findingId', 'round', 'deadline', 'occurredAt'],
    properties: { findingId: idSchema, round: roundSchema, deadline: instantSchema, occurredAt: instantSchema },
  },
});

// finding.rectification-reported

export interface FindingRectificationReportedV1 {
  findingId: string;
  round: number;
  /** Reported after the round's deadline. */
  overdue: boolean;
  occurredAt: string;
}

export const FINDING_RECTIFICATION_REPORTED_V1 = defineQualityContract({
  event: 'finding.rectification-reported',
  version: 1,
  topic: QUALITY_FINDING_TOPIC,
  description: 'The responsible party reported a round of rectification done (Q-3.2), overdue when after its deadline.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['findingId', 'round', 'overdue', 'occurredAt'],
    properties: { findingId: idSchema, round: roundSchema, overdue: { type: 'boolean' }, occurredAt: instantSchema },
  },
});

// finding.rechecked

export interface FindingRecheckedV1 {
  findingId: string;
  round: number;
  /** Passed closes the finding; failed opens the next round. */
  passed: boolean;
  checkedBy: string;
  occurredAt: string;
}

export const FINDING_RECHECKED_V1 = defineQualityContract({
  event: 'finding.rechecked',
  version: 1,
  topic: QUALITY_FINDING_TOPIC,
  description: 'A quality monitor re-checked a round of rectification (Q-3.3): passed closes the finding, failed reopens it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['findingId', 'round', 'passed', 'checkedBy', 'occurredAt'],
    properties: { findingId: idSchema, round: roundSchema, passed: { type: 'boolean' }, checkedBy: idSchema, occurredAt: instantSchema },
  },
});

// check.recorded

export const DAILY_CHECK_KINDS = ['record-review', 'spot-check', 'revisit'] as const;

export interface DailyCheckRecordedV1 {
  checkId: string;
  caseId: string;
  departmentId: string;
  /** The person whose work was checked, when one was named. */
  personId?: string;
  kind: (typeof DAILY_CHECK_KINDS)[number];
  /** Record reviews: the record met the rules. */
  compliant?: boolean;
  /** Spot checks: 0–100. */
  score?: number;
  /** Revisits: the customer was satisfied, and their score 1–5 when given. */
  satisfied?: boolean;
  customerScore?: number;
  checkedBy: string;
  occurredAt: string;
}

export const DAILY_CHECK_RECORDED_V1 = defineQualityContract({
  event: 'check.recorded',
  version: 1,
  topic: QUALITY_CHECK_TOPIC,
  description:
    'A daily check was recorded (Q-2.1): a record review (compliant or not), a spot check (score 0–100) or a revisit ' +
    '(satisfied, and the customer’s score 1–5 when given), of a case of a department.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['checkId', 'caseId', 'departmentId', 'kind', 'checkedBy', 'occurredAt'],
    properties: {
      checkId: idSchema,
      caseId: idSchema,
      departmentId: idSchema,
      personId: idSchema,
      kind: { type: 'string', enum: DAILY_CHECK_KINDS },
      compliant: { type: 'boolean' },
      score: { type: 'number', minimum: 0, maximum: 100 },
      satisfied: { type: 'boolean' },
      customerScore: { type: 'integer', minimum: 1, maximum: 5 },
      checkedBy: idSchema,
      occurredAt: instantSchema,
    },
  },
});

export const QUALITY_FINDING_CONTRACTS = [FINDING_RAISED_V1, FINDING_RECTIFICATION_SCHEDULED_V1, FINDING_RECTIFICATION_REPORTED_V1, FINDING_RECHECKED_V1] as const;
export const QUALITY_CHECK_CONTRACTS = [DAILY_CHECK_RECORDED_V1] as const;

export interface QualityFindingContractData {
  [FINDING_RAISED_V1.type]: FindingRaisedV1;
  [FINDING_RECTIFICATION_SCHEDULED_V1.type]: FindingRectificationScheduledV1;
  [FINDING_RECTIFICATION_REPORTED_V1.type]: FindingRectificationReportedV1;
  [FINDING_RECHECKED_V1.type]: FindingRecheckedV1;
  [DAILY_CHECK_RECORDED_V1.type]: DailyCheckRecordedV1;
}
