import { QualityContract, defineQualityContract } from './contract';
import { QUALITY_CLOCK_TOPIC } from './topics';

/**
 * The public events of SLA clocks (sla-and-metrics.md, "Clocks", C-2.3), on
 * `serviceledger.quality-monitoring.clock.v1`, keyed by the case id. A clock measures one metric of one
 * case (a demand, a complaint) in one cycle; times are business minutes on the clock's calendar.
 */

/** The measured metrics, mirrored from the domain: contracts import no domain. */
export const CLOCK_METRICS = [
  'time-to-own',
  'first-response',
  'next-update',
  'resolution',
  'promised-handling',
  'rectification-deadline',
  'recording-delay',
  'third-party-wait',
] as const;
export type ClockMetric = (typeof CLOCK_METRICS)[number];

export const CASE_KINDS = ['demand', 'complaint', 'after-sales', 'rectification'] as const;
export type ClockCaseKind = (typeof CASE_KINDS)[number];

/** Which clock an event is about. */
export interface ClockIdentity {
  clockId: string;
  /** The case measured: for intake's demands and complaints, the demand id. */
  caseId: string;
  metric: ClockMetric;
  /** 1 for the first cycle; a reopened case or each next-update cycle counts on. */
  cycle: string;
}

const idSchema = { type: 'string', minLength: 1 } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;
const minutesSchema = { type: 'integer', minimum: 1 } as const;
const identityProperties = {
  clockId: idSchema,
  caseId: idSchema,
  metric: { type: 'string', enum: CLOCK_METRICS },
  cycle: idSchema,
  occurredAt: instantSchema,
} as const;
const identityRequired = ['clockId', 'caseId', 'metric', 'cycle', 'occurredAt'] as const;

// clock.warning-reached

export interface ClockWarningReachedV1 extends ClockIdentity {
  /** The business instant from which the warning threshold was exceeded. */
  dueAt: string;
  thresholdMinutes: number;
  targetMinutes: number;
  occurredAt: string;
}

export const CLOCK_WARNING_REACHED_V1 = defineQualityContract({
  event: 'clock.warning-reached',
  version: 1,
  topic: QUALITY_CLOCK_TOPIC,
  description:
    'A clock used its warning share of the target (by default 75 %): the case is at risk of breaching its ' +
    'service level. Raised once per target.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...identityRequired, 'dueAt', 'thresholdMinutes', 'targetMinutes'],
    properties: {
      ...identityProperties,
      dueAt: instantSchema,
      thresholdMinutes: { type: 'number', exclusiveMinimum: 0 },
      targetMinutes: minutesSchema,
    },
  },
});

// clock.breached

export interface ClockBreachedV1 extends ClockIdentity {
  /** The business instant from which the target was exceeded. */
  dueAt: string;
  targetMinutes: number;
  occurredAt: string;
}

export const CLOCK_BREACHED_V1 = defineQualityContract({
  event: 'clock.breached',
  version: 1,
  topic: QUALITY_CLOCK_TOPIC,
  description:
    'A clock used more than its target: the service level was breached (a risk signal, K-3.2). Raised once ' +
    'per target; the clock runs on until its stop condition.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...identityRequired, 'dueAt', 'targetMinutes'],
    properties: { ...identityProperties, dueAt: instantSchema, targetMinutes: minutesSchema },
  },
});

// Version 2 of warnings and breaches: the kind of case and who answers for it (K-3.2)

/**
 * What version 2 of `clock.warning-reached` and `clock.breached` adds: the kind of case, and the department
 * and responsible person answering for it when the threshold fell due (the case's assigned department and
 * owner; a finding's department and responsible person for a rectification deadline). `null`: not known
 * then (a case not yet assigned, or a threshold caught up by another fact rather than fired on time).
 * Published beside version 1 (ADR 0012), under its own message id; a consumer reads one version, never both.
 */
export interface ClockAnswerableV2 {
  caseKind: ClockCaseKind;
  departmentId: string | null;
  responsibleId: string | null;
}

const answerableProperties = {
  caseKind: { type: 'string', enum: CASE_KINDS },
  departmentId: { anyOf: [idSchema, { type: 'null' }] },
  responsibleId: { anyOf: [idSchema, { type: 'null' }] },
} as const;
const answerableRequired = ['caseKind', 'departmentId', 'responsibleId'] as const;

export interface ClockWarningReachedV2 extends ClockWarningReachedV1, ClockAnswerableV2 {}

export const CLOCK_WARNING_REACHED_V2 = defineQualityContract({
  event: 'clock.warning-reached',
  version: 2,
  topic: QUALITY_CLOCK_TOPIC,
  description:
    'Version 1 with the kind of case and the department and responsible person answering for it when the ' +
    'warning fell due (K-3.2 early warning; null: not known then). Published beside clock.warning-reached.v1.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...identityRequired, 'dueAt', 'thresholdMinutes', 'targetMinutes', ...answerableRequired],
    properties: {
      ...identityProperties,
      dueAt: instantSchema,
      thresholdMinutes: { type: 'number', exclusiveMinimum: 0 },
      targetMinutes: minutesSchema,
      ...answerableProperties,
    },
  },
});

export interface ClockBreachedV2 extends ClockBreachedV1, ClockAnswerableV2 {}

export const CLOCK_BREACHED_V2 = defineQualityContract({
  event: 'clock.breached',
  version: 2,
  topic: QUALITY_CLOCK_TOPIC,
  description:
    'Version 1 with the kind of case and the department and responsible person answering for it when the ' +
    'breach fell due (K-3.2: SLA breaches per department; overdue rectifications, caseKind rectification; ' +
    'null: not known then). Published beside clock.breached.v1.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...identityRequired, 'dueAt', 'targetMinutes', ...answerableRequired],
    properties: { ...identityProperties, dueAt: instantSchema, targetMinutes: minutesSchema, ...answerableProperties },
  },
});

// clock.stopped

export interface ClockStoppedV1 extends ClockIdentity {
  stoppedAt: string;
  outcome: 'met' | 'breached';
  targetMinutes: number;
  /** Business minutes used, a started minute counting whole. */
  usedMinutes: number;
  /** Business minutes paused (waiting on the customer), whole minutes. */
  pausedMinutes: number;
  /** target − used: negative when breached. */
  diffMinutes: number;
  /** The policy the target came from, when one did. */
  policy?: { policyId: string; version: number; kind: 'SLA' | 'OLA' | 'UC' };
  /** The business calendar the minutes counted on; absent for a 24×7 clock. */
  calendar?: { calendarId: string; version: number };
  occurredAt: string;
}

export const CLOCK_STOPPED_V1 = defineQualityContract({
  event: 'clock.stopped',
  version: 1,
  topic: QUALITY_CLOCK_TOPIC,
  description:
    'A clock’s stop condition happened (the owner took the case, the first reply, the resolution): met or ' +
    'breached, with the business minutes used and target − used. What periodic indicators are computed from.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...identityRequired, 'stoppedAt', 'outcome', 'targetMinutes', 'usedMinutes', 'pausedMinutes', 'diffMinutes'],
    properties: {
      ...identityProperties,
      stoppedAt: instantSchema,
      outcome: { type: 'string', enum: ['met', 'breached'] },
      targetMinutes: minutesSchema,
      usedMinutes: { type: 'integer', minimum: 0 },
      pausedMinutes: { type: 'integer', minimum: 0 },
      diffMinutes: { type: 'integer' },
      policy: {
        type: 'object',
        additionalProperties: false,
        required: ['policyId', 'version', 'kind'],
        properties: { policyId: idSchema, version: { type: 'integer', minimum: 1 }, kind: { type: 'string', enum: ['SLA', 'OLA', 'UC'] } },
      },
      calendar: {
        type: 'object',
        additionalProperties: false,
        required: ['calendarId', 'version'],
        properties: { calendarId: idSchema, version: { type: 'integer', minimum: 1 } },
      },
    },
    // Met exactly when the target was not exceeded.
    if: { properties: { outcome: { const: 'met' } } },
    then: { properties: { diffMinutes: { type: 'integer', minimum: 0 } } },
    else: { properties: { diffMinutes: { type: 'integer', exclusiveMaximum: 0 } } },
  },
});

// clock.escalated

/** The escalation actions, mirrored from the domain's policies. */
export const CLOCK_ESCALATION_ACTIONS = ['notify-department-head', 'add-observer', 'raise-priority'] as const;
export type ClockEscalationAction = (typeof CLOCK_ESCALATION_ACTIONS)[number];

export interface ClockEscalatedV1 extends ClockIdentity {
  /** The policy's escalation step that fell due. */
  step: {
    /** Business minutes relative to the deadline: −30 before it, 0 at it, 60 after it. */
    offsetMinutes: number;
    action: ClockEscalationAction;
    /** For add-observer: the user to add. */
    observerId?: string;
    /** For raise-priority: steps towards P1. */
    levels?: number;
  };
  /** The business instant from which the used minutes exceeded target + offset. */
  dueAt: string;
  /** max(0, target + offset): the used minutes that, once exceeded, made the step due. */
  thresholdMinutes: number;
  targetMinutes: number;
  occurredAt: string;
}

export const CLOCK_ESCALATED_V1 = defineQualityContract({
  event: 'clock.escalated',
  version: 1,
  topic: QUALITY_CLOCK_TOPIC,
  description:
    'An escalation step of the clock’s policy fell due at its offset around the deadline: notify the ' +
    'department head, add an observer or raise the priority. Raised once per step and target.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...identityRequired, 'step', 'dueAt', 'thresholdMinutes', 'targetMinutes'],
    properties: {
      ...identityProperties,
      step: {
        type: 'object',
        additionalProperties: false,
        required: ['offsetMinutes', 'action'],
        properties: {
          offsetMinutes: { type: 'integer' },
          action: { type: 'string', enum: CLOCK_ESCALATION_ACTIONS },
          observerId: idSchema,
          levels: { type: 'integer', minimum: 1 },
        },
      },
      dueAt: instantSchema,
      thresholdMinutes: { type: 'integer', minimum: 0 },
      targetMinutes: minutesSchema,
    },
  },
});

/** Every public event quality-monitoring publishes. */
export const QUALITY_MONITORING_CONTRACTS = [
  CLOCK_WARNING_REACHED_V1,
  CLOCK_WARNING_REACHED_V2,
  CLOCK_BREACHED_V1,
  CLOCK_BREACHED_V2,
  CLOCK_ESCALATED_V1,
  CLOCK_STOPPED_V1,
] as const satisfies readonly QualityContract[];

export type QualityContractType = (typeof QUALITY_MONITORING_CONTRACTS)[number]['type'];

export interface QualityContractData {
  [CLOCK_WARNING_REACHED_V1.type]: ClockWarningReachedV1;
  [CLOCK_WARNING_REACHED_V2.type]: ClockWarningReachedV2;
  [CLOCK_BREACHED_V1.type]: ClockBreachedV1;
  [CLOCK_BREACHED_V2.type]: ClockBreachedV2;
  [CLOCK_ESCALATED_V1.type]: ClockEscalatedV1;
  [CLOCK_STOPPED_V1.type]: ClockStoppedV1;
}

export function findQualityContract(type: string): (typeof QUALITY_MONITORING_CONTRACTS)[number] | undefined {
  return QUALITY_MONITORING_CONTRACTS.find((contract) => contract.type === type);
}
