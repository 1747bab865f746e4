import { defineServiceDeliveryContract } from './contract';
import { SERVICE_DELIVERY_CASE_TOPIC as topic } from './topics';
import {
  AcceptanceReportForm,
  CancellableCaseStatus,
  CaseComplexity,
  FollowUpChannel,
  ProblemComplexity,
  ProblemNature,
  ProblemSource,
  ProcessStage,
  cancellableStatusSchema,
  caseIdAndTime,
  complexitySchema,
  countSchema,
  followUpChannelSchema,
  idSchema,
  instantSchema,
  positiveSchema,
  problemComplexitySchema,
  problemNatureSchema,
  problemSourceSchema,
  processStageSchema,
  referenceSchema,
  reportFormSchema,
} from './vocabulary';

/**
 * The public events of a service case (P-3 … P-6), on `serviceledger.service-delivery.case.v1`, keyed
 * by the case id. Each carries the case id and `occurredAt`, the instant service-delivery decided it.
 *
 * What stays inside service-delivery: personal data (the customer's signatory on an acceptance
 * report) and every free text — the plan's content, evidence notes, report bodies, comments,
 * rectification items' and problems' descriptions, resolutions, reasons. Consumers (quality
 * monitoring, HR, risk) get ids, counts, dates, flags, scores and process stages; for more they ask
 * service-delivery with the caller's own rights.
 */

const object = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: [...required, 'caseId', 'occurredAt'],
  properties: { ...caseIdAndTime, ...properties },
});

// case.opened

export interface CaseOpenedV1 {
  caseId: string;
  /** The intake demand the case delivers. */
  demandId: string;
  reference: string;
  customerId: string;
  /** The department that plans and delivers: the lead of a coordinated demand, else the receiving one. */
  responsibleDepartmentId: string;
  departments: string[];
  complexity: CaseComplexity;
  /** When the first plan version must be with its reviewers (P-3.1). */
  planDueAt: string;
  occurredAt: string;
}

export const CASE_OPENED_V1 = defineServiceDeliveryContract({
  event: 'case.opened',
  version: 1,
  topic,
  description:
    'A service case was opened from intake’s demand.released-to-delivery: ties the case id to the demand, ' +
    'names the departments and when the plan is due (P-3.1).',
  schema: object(['demandId', 'reference', 'customerId', 'responsibleDepartmentId', 'departments', 'complexity', 'planDueAt'], {
    demandId: idSchema,
    reference: referenceSchema,
    customerId: idSchema,
    responsibleDepartmentId: idSchema,
    departments: { type: 'array', minItems: 1, items: idSchema, uniqueItems: true },
    complexity: complexitySchema,
    planDueAt: instantSchema,
  }),
});

// case.plan-approved

export interface CasePlanApprovedV1 {
  caseId: string;
  version: number;
  /** The approved version this one replaces, for a change of plan (C-2.2). */
  supersedesVersion?: number;
  milestoneCount: number;
  approvedBy: string;
  approvedAt: string;
  occurredAt: string;
}

export const CASE_PLAN_APPROVED_V1 = defineServiceDeliveryContract({
  event: 'case.plan-approved',
  version: 1,
  topic,
  description: 'The department head approved a version of the service plan (P-3.2), or a changed plan (C-2.2).',
  schema: object(['version', 'milestoneCount', 'approvedBy', 'approvedAt'], {
    version: positiveSchema,
    supersedesVersion: positiveSchema,
    milestoneCount: countSchema,
    approvedBy: idSchema,
    approvedAt: instantSchema,
  }),
});

// case.delivery-started

export interface CaseDeliveryStartedV1 {
  caseId: string;
  planVersion: number;
  projectManagerId: string;
  startedAt: string;
  /** When the first progress report to the customer is due (P-4.3). */
  nextReportDueAt: string;
  occurredAt: string;
}

export const CASE_DELIVERY_STARTED_V1 = defineServiceDeliveryContract({
  event: 'case.delivery-started',
  version: 1,
  topic,
  description: 'Delivery started on an approved plan with a complete project team (P-3.2, P-4.1).',
  schema: object(['planVersion', 'projectManagerId', 'startedAt', 'nextReportDueAt'], {
    planVersion: positiveSchema,
    projectManagerId: idSchema,
    startedAt: instantSchema,
    nextReportDueAt: instantSchema,
  }),
});

// case.milestone-completed

export interface CaseMilestoneCompletedV1 {
  caseId: string;
  milestoneId: string;
  planVersion: number;
  dueAt: string;
  completedAt: string;
  /** Completed after its planned date: a deviation (P-4.2). */
  late: boolean;
  occurredAt: string;
}

export const CASE_MILESTONE_COMPLETED_V1 = defineServiceDeliveryContract({
  event: 'case.milestone-completed',
  version: 1,
  topic,
  description: 'A milestone of the approved plan was reached, on time or late (P-4.2).',
  schema: object(['milestoneId', 'planVersion', 'dueAt', 'completedAt', 'late'], {
    milestoneId: idSchema,
    planVersion: positiveSchema,
    dueAt: instantSchema,
    completedAt: instantSchema,
    late: { type: 'boolean' },
  }),
});

// case.progress-report-sent

export interface CaseProgressReportSentV1 {
  caseId: string;
  reportNumber: number;
  /** The due time the report answered, and whether it came by then. */
  dueAt: string;
  onTime: boolean;
  problemCount: number;
  sentAt: string;
  nextReportDueAt: string;
  occurredAt: string;
}

export const CASE_PROGRESS_REPORT_SENT_V1 = defineServiceDeliveryContract({
  event: 'case.progress-report-sent',
  version: 1,
  topic,
  description: 'A progress report went to the customer (P-4.3); its text stays in service-delivery.',
  schema: object(['reportNumber', 'dueAt', 'onTime', 'problemCount', 'sentAt', 'nextReportDueAt'], {
    reportNumber: positiveSchema,
    dueAt: instantSchema,
    onTime: { type: 'boolean' },
    problemCount: countSchema,
    sentAt: instantSchema,
    nextReportDueAt: instantSchema,
  }),
});

// case.progress-report-missed

export interface CaseProgressReportMissedV1 {
  caseId: string;
  dueAt: string;
  nextReportDueAt: string;
  occurredAt: string;
}

export const CASE_PROGRESS_REPORT_MISSED_V1 = defineServiceDeliveryContract({
  event: 'case.progress-report-missed',
  version: 1,
  topic,
  description: 'A progress report was not sent by its due time: a "next update" quality signal (P-4.3).',
  schema: object(['dueAt', 'nextReportDueAt'], { dueAt: instantSchema, nextReportDueAt: instantSchema }),
});

// case.acceptance-organised

export interface CaseAcceptanceOrganisedV1 {
  caseId: string;
  round: number;
  planVersion: number;
  criteriaCount: number;
  /** The version of the contract's acceptance criteria the round is held to; absent: the plan's criteria, before they came from the contract. */
  criteriaVersion?: number;
  organisedAt: string;
  occurredAt: string;
}

export const CASE_ACCEPTANCE_ORGANISED_V1 = defineServiceDeliveryContract({
  event: 'case.acceptance-organised',
  version: 1,
  topic,
  description:
    'A round of acceptance was put to the customer (P-5.1): the customer has the work in hand, and no progress ' +
    'report is owed until the round is decided (P-4.3).',
  schema: object(['round', 'planVersion', 'criteriaCount', 'organisedAt'], {
    round: positiveSchema,
    planVersion: positiveSchema,
    criteriaCount: positiveSchema,
    criteriaVersion: positiveSchema,
    organisedAt: instantSchema,
  }),
});

// case.acceptance-rejected

/**
 * A rectification item the customer raised (P-5.2), without its description (free text): its number, by which
 * case.rectification-item-fixed names it, and the fix date agreed with the customer, when one was.
 */
export interface RectificationItemRefV1 {
  /** `<round>.<n>`. */
  itemId: string;
  /** Absent: no fix date was agreed for it. */
  dueAt?: string;
}

const rectificationItemsSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['itemId'],
    properties: { itemId: idSchema, dueAt: instantSchema },
  },
} as const;

export interface CaseAcceptanceRejectedV1 {
  caseId: string;
  round: number;
  criteriaCount: number;
  criteriaMet: number;
  rectificationItemCount: number;
  /**
   * The rectification items, each with its agreed fix date when it has one (P-5.2, measured by quality monitoring's
   * rectification-deadline clocks). Absent: published before the items were listed; only their count is known.
   */
  rectificationItems?: RectificationItemRefV1[];
  /** Absent: recorded by staff before the customer filled reports in. */
  reportForm?: AcceptanceReportForm;
  rejectedAt: string;
  occurredAt: string;
}

export const CASE_ACCEPTANCE_REJECTED_V1 = defineServiceDeliveryContract({
  event: 'case.acceptance-rejected',
  version: 1,
  topic,
  description: 'The customer rejected a round of acceptance with rectification items (P-5.2).',
  schema: object(['round', 'criteriaCount', 'criteriaMet', 'rectificationItemCount', 'rejectedAt'], {
    round: positiveSchema,
    criteriaCount: countSchema,
    criteriaMet: countSchema,
    rectificationItemCount: positiveSchema,
    rectificationItems: rectificationItemsSchema,
    reportForm: reportFormSchema,
    rejectedAt: instantSchema,
  }),
});

// case.acceptance-passed

export interface CaseAcceptancePassedV1 {
  caseId: string;
  round: number;
  criteriaCount: number;
  criteriaMet: number;
  /** Items the customer accepted subject to; 0 for an outright acceptance. */
  conditionCount: number;
  /**
   * The conditions, rectification items fixed like a rejection's, each with its agreed fix date when it has one.
   * Absent: published before the conditions were listed; only their count is known.
   */
  conditions?: RectificationItemRefV1[];
  /** Absent: recorded by staff before the customer filled reports in. */
  reportForm?: AcceptanceReportForm;
  acceptedAt: string;
  /** When the follow-up visits fall due (P-6.1). */
  followUpVisitsDueAt: string[];
  occurredAt: string;
}

export const CASE_ACCEPTANCE_PASSED_V1 = defineServiceDeliveryContract({
  event: 'case.acceptance-passed',
  version: 1,
  topic,
  description: 'The customer accepted the service, outright or with conditions (P-5.1); follow-up visits are scheduled.',
  schema: object(['round', 'criteriaCount', 'criteriaMet', 'conditionCount', 'acceptedAt', 'followUpVisitsDueAt'], {
    round: positiveSchema,
    criteriaCount: countSchema,
    criteriaMet: countSchema,
    conditionCount: countSchema,
    conditions: rectificationItemsSchema,
    reportForm: reportFormSchema,
    acceptedAt: instantSchema,
    followUpVisitsDueAt: { type: 'array', items: instantSchema },
  }),
});

// case.rectification-item-fixed

export interface CaseRectificationItemFixedV1 {
  caseId: string;
  itemId: string;
  round: number;
  fixedAt: string;
  occurredAt: string;
}

export const CASE_RECTIFICATION_ITEM_FIXED_V1 = defineServiceDeliveryContract({
  event: 'case.rectification-item-fixed',
  version: 1,
  topic,
  description: 'The team fixed a rectification item the customer raised at acceptance (P-5.2).',
  schema: object(['itemId', 'round', 'fixedAt'], { itemId: idSchema, round: positiveSchema, fixedAt: instantSchema }),
});

// case.follow-up-visit-completed

/** A survey's whole score: satisfaction scales and the recommendation question lie within 0–10. */
const scoreSchema = { type: 'integer', minimum: 0, maximum: 10 } as const;

export interface CaseFollowUpVisitCompletedV1 {
  caseId: string;
  visitId: string;
  visitNumber: number;
  channel: FollowUpChannel;
  /**
   * The survey version the visit answered and the scale of its satisfaction. Added to v1: absent on
   * visits recorded before surveys were versioned, which were scored 1–5.
   */
  survey?: { surveyId: string; version: number; scale: { lowest: number; highest: number } };
  /** From very dissatisfied to very satisfied: on the survey's scale (within 0–10), else 1–5. */
  satisfaction: number;
  /** 0 to 10: how likely the customer is to recommend the service, where the survey asks it. */
  recommendation?: number;
  /** The process stage each finding points back to (P-6.3), one entry per finding. */
  findingStages: ProcessStage[];
  dueAt: string;
  visitedAt: string;
  occurredAt: string;
}

export const CASE_FOLLOW_UP_VISIT_COMPLETED_V1 = defineServiceDeliveryContract({
  event: 'case.follow-up-visit-completed',
  version: 1,
  topic,
  description:
    'A follow-up visit after acceptance was made, with the customer’s scores on the survey version it answered and the stages of its findings (P-6.1, P-6.3).',
  schema: {
    ...object(['visitId', 'visitNumber', 'channel', 'satisfaction', 'findingStages', 'dueAt', 'visitedAt'], {
      visitId: idSchema,
      visitNumber: positiveSchema,
      channel: followUpChannelSchema,
      survey: {
        type: 'object',
        additionalProperties: false,
        required: ['surveyId', 'version', 'scale'],
        properties: {
          surveyId: idSchema,
          version: positiveSchema,
          scale: {
            type: 'object',
            additionalProperties: false,
            required: ['lowest', 'highest'],
            properties: { lowest: scoreSchema, highest: scoreSchema },
          },
        },
      },
      satisfaction: scoreSchema,
      recommendation: scoreSchema,
      findingStages: { type: 'array', items: processStageSchema },
      dueAt: instantSchema,
      visitedAt: instantSchema,
    }),
    // Without a survey, the score is on the 1–5 scale v1 always had.
    if: { not: { required: ['survey'] } },
    then: { properties: { satisfaction: { type: 'integer', minimum: 1, maximum: 5 } } },
  },
});

// case.after-sales-problem-opened

export interface CaseAfterSalesProblemOpenedV1 {
  caseId: string;
  problemId: string;
  customerId: string;
  departmentId: string;
  source: ProblemSource;
  /** The visit that found it, when it came from a follow-up visit. */
  visitId?: string;
  raisedAt: string;
  occurredAt: string;
}

export const CASE_AFTER_SALES_PROBLEM_OPENED_V1 = defineServiceDeliveryContract({
  event: 'case.after-sales-problem-opened',
  version: 1,
  topic,
  description: 'A problem after delivery was raised by the customer or found on a visit (P-6.2).',
  schema: {
    ...object(['problemId', 'customerId', 'departmentId', 'source', 'raisedAt'], {
      problemId: idSchema,
      customerId: idSchema,
      departmentId: idSchema,
      source: problemSourceSchema,
      visitId: idSchema,
      raisedAt: instantSchema,
    }),
    if: { properties: { source: { const: 'follow-up-visit' } } },
    then: { required: ['visitId'] },
    else: { not: { required: ['visitId'] } },
  },
});

// case.after-sales-problem-handler-assigned

export interface CaseAfterSalesProblemHandlerAssignedV1 {
  caseId: string;
  problemId: string;
  /** The named handler (P-6.2); a later one takes the problem over. */
  handlerId: string;
  assignedAt: string;
  occurredAt: string;
}

export const CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1 = defineServiceDeliveryContract({
  event: 'case.after-sales-problem-handler-assigned',
  version: 1,
  topic,
  description: 'An after-sales problem got its named handler, or was handed over to another (P-6.2).',
  schema: object(['problemId', 'handlerId', 'assignedAt'], {
    problemId: idSchema,
    handlerId: idSchema,
    assignedAt: instantSchema,
  }),
});

// case.after-sales-problem-resolved

export interface CaseAfterSalesProblemResolvedV1 {
  caseId: string;
  problemId: string;
  /** The process stage the problem points back to (P-6.3). */
  stage: ProcessStage;
  /** The class it was resolved in (P-6.2); absent on a problem resolved before problems were classified. */
  nature?: ProblemNature;
  complexity?: ProblemComplexity;
  handlerId: string;
  resolvedAt: string;
  occurredAt: string;
}

export const CASE_AFTER_SALES_PROBLEM_RESOLVED_V1 = defineServiceDeliveryContract({
  event: 'case.after-sales-problem-resolved',
  version: 1,
  topic,
  description:
    'An after-sales problem was resolved by its handler, tagged with the process stage it points back to (P-6.3) and the class ' +
    '(nature, complexity) whose measures it took (P-6.2).',
  schema: object(['problemId', 'stage', 'handlerId', 'resolvedAt'], {
    problemId: idSchema,
    stage: processStageSchema,
    nature: problemNatureSchema,
    complexity: problemComplexitySchema,
    handlerId: idSchema,
    resolvedAt: instantSchema,
  }),
});

// case.after-sales-problem-reopened

export interface CaseAfterSalesProblemReopenedV1 {
  caseId: string;
  problemId: string;
  reopenedAt: string;
  occurredAt: string;
}

export const CASE_AFTER_SALES_PROBLEM_REOPENED_V1 = defineServiceDeliveryContract({
  event: 'case.after-sales-problem-reopened',
  version: 1,
  topic,
  description: 'A resolved after-sales problem came back: it is tracked again until resolved (P-6.2).',
  schema: object(['problemId', 'reopenedAt'], {
    problemId: idSchema,
    reopenedAt: instantSchema,
  }),
});

// case.closed

export interface CaseClosedV1 {
  caseId: string;
  closedAt: string;
  occurredAt: string;
}

export const CASE_CLOSED_V1 = defineServiceDeliveryContract({
  event: 'case.closed',
  version: 1,
  topic,
  description: 'An accepted case was closed with nothing left open (P-5.2); its summary stays in service-delivery.',
  schema: object(['closedAt'], { closedAt: instantSchema }),
});

// case.cancelled

export interface CaseCancelledV1 {
  caseId: string;
  previousStatus: CancellableCaseStatus;
  cancelledAt: string;
  occurredAt: string;
}

export const CASE_CANCELLED_V1 = defineServiceDeliveryContract({
  event: 'case.cancelled',
  version: 1,
  topic,
  description: 'A case was cancelled before acceptance, as when intake withdrew its demand; the reason stays inside.',
  schema: object(['previousStatus', 'cancelledAt'], { previousStatus: cancellableStatusSchema, cancelledAt: instantSchema }),
});
