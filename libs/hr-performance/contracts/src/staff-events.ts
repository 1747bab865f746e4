import { defineHrContract } from './contract';
import { HR_STAFF_TOPIC } from './topics';

/**
 * The public events of staff records and training (H-1.1, H-1.2, H-1.3), on
 * `serviceledger.hr-performance.staff.v1`, keyed by the employee id. They carry identifiers, dates, kinds
 * and scores only: no name, no free text about the person.
 */

/** Kinds of training, mirrored from the domain (contracts import no domain): onboarding and the three regular kinds. */
export const TRAINING_KINDS = ['onboarding', 'professional-skills', 'industry-knowledge', 'service-awareness'] as const;
export type TrainingKindV1 = (typeof TRAINING_KINDS)[number];

/** The topics every onboarding programme covers (H-1.2), mirrored from the domain. */
export const ONBOARDING_TOPICS = ['company', 'culture', 'service-process', 'business-knowledge', 'communication-skills'] as const;
export type OnboardingTopicV1 = (typeof ONBOARDING_TOPICS)[number];

/** Why an employee left, mirrored from the domain. */
export const LEAVING_REASONS = ['resigned', 'contract-ended', 'dismissed', 'retired', 'other'] as const;
export type LeavingReasonV1 = (typeof LEAVING_REASONS)[number];

export interface TrainingCompletedV1 {
  employeeId: string;
  /** The employee's department when they completed it. */
  departmentId: string;
  sessionId: string;
  kind: TrainingKindV1;
  /** For onboarding, the programme topic; for regular training, the session's subject. */
  topic: string;
  /** The item of the department's yearly training plan the session delivered, when it delivered one. */
  planItem?: { departmentId: string; year: number; itemId: string };
  completedOn: string;
  /** The assessment score, 0–100; null when the session was not assessed by a score. */
  score: number | null;
  occurredAt: string;
}

export interface OnboardingOverdueV1 {
  employeeId: string;
  departmentId: string;
  postId: string;
  dueOn: string;
  /** The programme topics not completed by the due date. */
  missingTopics: OnboardingTopicV1[];
  occurredAt: string;
}

export interface EmployeeLeftV1 {
  employeeId: string;
  departmentId: string;
  postId: string;
  leftOn: string;
  reason: LeavingReasonV1;
  occurredAt: string;
}

const idSchema = { type: 'string', minLength: 1 } as const;
const dateSchema = { type: 'string', format: 'date' } as const;
const instantSchema = { type: 'string', format: 'date-time' } as const;

export const TRAINING_COMPLETED_V1 = defineHrContract({
  event: 'training.completed',
  version: 1,
  topic: HR_STAFF_TOPIC,
  description:
    'An employee completed a training session and passed its assessment (H-1.2 onboarding, H-1.3 regular ' +
    'training): the kind, the topic, the plan item it delivered and the score.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['employeeId', 'departmentId', 'sessionId', 'kind', 'topic', 'completedOn', 'score', 'occurredAt'],
    properties: {
      employeeId: idSchema,
      departmentId: idSchema,
      sessionId: idSchema,
      kind: { type: 'string', enum: TRAINING_KINDS },
      topic: idSchema,
      planItem: {
        type: 'object',
        additionalProperties: false,
        required: ['departmentId', 'year', 'itemId'],
        properties: { departmentId: idSchema, year: { type: 'integer', minimum: 2000, maximum: 2999 }, itemId: idSchema },
      },
      completedOn: dateSchema,
      score: { type: ['number', 'null'], minimum: 0, maximum: 100 },
      occurredAt: instantSchema,
    },
  },
});

export const ONBOARDING_OVERDUE_V1 = defineHrContract({
  event: 'onboarding.overdue',
  version: 1,
  topic: HR_STAFF_TOPIC,
  description:
    'A new employee’s onboarding training (H-1.2) was not completed by its due date: the topics still ' +
    'missing, for HR and the department head.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['employeeId', 'departmentId', 'postId', 'dueOn', 'missingTopics', 'occurredAt'],
    properties: {
      employeeId: idSchema,
      departmentId: idSchema,
      postId: idSchema,
      dueOn: dateSchema,
      missingTopics: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: ONBOARDING_TOPICS } },
      occurredAt: instantSchema,
    },
  },
});

export const EMPLOYEE_LEFT_V1 = defineHrContract({
  event: 'employee.left',
  version: 1,
  topic: HR_STAFF_TOPIC,
  description: 'An employee left the company: their last department and post, the date and the kind of leaving.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['employeeId', 'departmentId', 'postId', 'leftOn', 'reason', 'occurredAt'],
    properties: {
      employeeId: idSchema,
      departmentId: idSchema,
      postId: idSchema,
      leftOn: dateSchema,
      reason: { type: 'string', enum: LEAVING_REASONS },
      occurredAt: instantSchema,
    },
  },
});

/** The staff-record and training events, in a person's order: training, overdue onboarding, leaving. */
export const HR_STAFF_CONTRACTS = [TRAINING_COMPLETED_V1, ONBOARDING_OVERDUE_V1, EMPLOYEE_LEFT_V1] as const;

export interface HrStaffContractData {
  [TRAINING_COMPLETED_V1.type]: TrainingCompletedV1;
  [ONBOARDING_OVERDUE_V1.type]: OnboardingOverdueV1;
  [EMPLOYEE_LEFT_V1.type]: EmployeeLeftV1;
}
