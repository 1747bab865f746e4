import { defineServiceDeliveryContract } from './contract';
import { SERVICE_DELIVERY_MEETING_TOPIC as topic } from './topics';
import { idSchema, instantSchema, positiveSchema } from './vocabulary';

/**
 * The public events of internal meetings (C-1.1), on `serviceledger.service-delivery.meeting.v1`: a
 * regular meeting missed, a department expected at one that did not report, an action left open past
 * its due date. Keyed by the meeting kind (a kind's periods arrive in order) or, for an action, by its
 * meeting. They carry ids, kinds and dates only: the minutes stay in service-delivery.
 */

export const CADENCE_MEETING_KINDS = ['weekly', 'monthly', 'quarterly'] as const;
export type CadenceMeetingKind = (typeof CADENCE_MEETING_KINDS)[number];

const kindSchema = { type: 'string', enum: CADENCE_MEETING_KINDS } as const;
const dateSchema = { type: 'string', format: 'date' } as const;
const departmentsSchema = { type: 'array', minItems: 1, uniqueItems: true, items: idSchema } as const;

// meeting.missed

export interface MeetingMissedV1 {
  kind: CadenceMeetingKind;
  /** `2026-W49`, `2026-12` or `2026-Q4`. */
  periodKey: string;
  /** The period's first and last local dates (Asia/Shanghai). */
  from: string;
  to: string;
  cadenceVersion: number;
  expectedDepartments: string[];
  endedAt: string;
  occurredAt: string;
}

export const MEETING_MISSED_V1 = defineServiceDeliveryContract({
  event: 'meeting.missed',
  version: 1,
  topic,
  description: 'A weekly, monthly or quarterly meeting period ended without a meeting of its kind (C-1.1).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'periodKey', 'from', 'to', 'cadenceVersion', 'expectedDepartments', 'endedAt', 'occurredAt'],
    properties: {
      kind: kindSchema,
      periodKey: idSchema,
      from: dateSchema,
      to: dateSchema,
      cadenceVersion: positiveSchema,
      expectedDepartments: departmentsSchema,
      endedAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

// meeting.departments-not-reporting

export interface MeetingDepartmentsNotReportingV1 {
  kind: CadenceMeetingKind;
  periodKey: string;
  meetingId: string;
  heldAt: string;
  cadenceVersion: number;
  /** The departments the cadence expected that made no report at the meeting. */
  departmentIds: string[];
  occurredAt: string;
}

export const MEETING_DEPARTMENTS_NOT_REPORTING_V1 = defineServiceDeliveryContract({
  event: 'meeting.departments-not-reporting',
  version: 1,
  topic,
  description: 'A regular meeting was held without a report from departments its cadence expects (C-1.1).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'periodKey', 'meetingId', 'heldAt', 'cadenceVersion', 'departmentIds', 'occurredAt'],
    properties: {
      kind: kindSchema,
      periodKey: idSchema,
      meetingId: idSchema,
      heldAt: instantSchema,
      cadenceVersion: positiveSchema,
      departmentIds: departmentsSchema,
      occurredAt: instantSchema,
    },
  },
});

// meeting.action-overdue

export interface MeetingActionOverdueV1 {
  meetingId: string;
  actionNumber: number;
  ownerId: string;
  /** Absent for actions recorded before they named their department. */
  departmentId?: string;
  dueAt: string;
  occurredAt: string;
}

export const MEETING_ACTION_OVERDUE_V1 = defineServiceDeliveryContract({
  event: 'meeting.action-overdue',
  version: 1,
  topic,
  description: 'An action agreed at an internal meeting was still open when its due date passed (C-1.1).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['meetingId', 'actionNumber', 'ownerId', 'dueAt', 'occurredAt'],
    properties: {
      meetingId: idSchema,
      actionNumber: positiveSchema,
      ownerId: idSchema,
      departmentId: idSchema,
      dueAt: instantSchema,
      occurredAt: instantSchema,
    },
  },
});

/** Every public event about internal meetings. */
export const SERVICE_DELIVERY_MEETING_CONTRACTS = [MEETING_MISSED_V1, MEETING_DEPARTMENTS_NOT_REPORTING_V1, MEETING_ACTION_OVERDUE_V1] as const;

/** The payload of each meeting contract, by its CloudEvents type. */
export interface ServiceDeliveryMeetingData {
  [MEETING_MISSED_V1.type]: MeetingMissedV1;
  [MEETING_DEPARTMENTS_NOT_REPORTING_V1.type]: MeetingDepartmentsNotReportingV1;
  [MEETING_ACTION_OVERDUE_V1.type]: MeetingActionOverdueV1;
}
