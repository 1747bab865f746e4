import { actor, commandsOf } from '@serviceledger/platform/testing/decider-spec';
import { AcceptanceOrganised, AcceptancePassed, AcceptanceRejected, AfterSalesStarted } from '../acceptance';
import { ContractAcceptanceCriteriaRecorded } from '../contract-criteria';
import { MilestoneCompleted, MilestoneWaived, StepCompleted } from '../milestones';
import { PlanBaseline } from '../plan-content';
import {
  DeliveryStarted,
  PlanVersionAdopted,
  ServiceCaseCommand,
  ServiceCaseEvent,
  ServiceCaseOpened,
} from '../service-case';
import { CaseParticulars } from '../service-case-state';

export const CASE_ID = 'case-1';
export const OPENED_AT = '2026-03-02T09:00:00.000Z';
export const STARTED_AT = '2026-03-05T09:00:00.000Z';
export const WORK_DONE_AT = '2026-03-09T09:00:00.000Z';
export const REJECTED_AT = '2026-03-21T09:00:00.000Z';
export const ACCEPTED_AT = '2026-03-25T09:00:00.000Z';

export const people = {
  agent: actor('agent-1', ['agent'], ['customer-service']),
  head: actor('wang', ['department-head'], ['software-development']),
  manager: actor('zhang', ['project-manager'], ['software-development']),
  technician: actor('li', ['technician'], ['tech-support']),
  /** The customer's own portal user. */
  customer: { ...actor('li.wei@customer', ['customer'], []), customerId: 'c-1' },
};

export const command = commandsOf<ServiceCaseCommand>({ at: OPENED_AT, actor: people.manager });

/** Whose case it is: the demand it delivers, the customer, the receiving department and its owner. */
export const particulars: CaseParticulars = {
  caseId: CASE_ID,
  demandId: 'd-1',
  reference: 'SR-2026-000123',
  customerId: 'c-1',
  departmentId: 'tech-support',
  ownerId: 'zhang',
  complexity: 'complex',
};

/** A coordinated demand as intake hands it over: led by software development, with the work agreed. */
export const handedOver: CaseParticulars & Required<Pick<ServiceCaseOpened['data'], 'leadDepartmentId' | 'responsibilities'>> = {
  ...particulars,
  leadDepartmentId: 'software-development',
  responsibilities: [
    { departmentId: 'tech-support', responsibility: 'Diagnose the printers on site' },
    { departmentId: 'software-development', responsibility: 'Patch the invoice module' },
  ],
};

export const caseOpened = (overrides: Partial<ServiceCaseOpened['data']> = {}): ServiceCaseOpened => ({
  type: 'ServiceCaseOpened',
  data: {
    ...handedOver,
    responsibleDepartmentId: 'software-development',
    departments: ['tech-support', 'software-development'],
    planDueAt: '2026-03-04T09:00:00.000Z',
    progressReportIntervalHours: 72,
    followUpVisitOffsetsDays: [7, 30],
    openedAt: OPENED_AT,
    ...overrides,
  },
});

export const baselineV1: PlanBaseline = {
  milestones: [
    { milestoneId: 'm-1', title: 'Cause found', dueAt: '2026-03-10T18:00:00.000Z' },
    { milestoneId: 'm-2', title: 'Patch deployed', dueAt: '2026-03-20T18:00:00.000Z' },
  ],
  steps: [
    { stepId: 's-1', description: 'Reproduce error 42', milestoneId: 'm-1' },
    { stepId: 's-2', description: 'Patch the print module', milestoneId: 'm-2' },
    { stepId: 's-3', description: 'Deploy to the customer', milestoneId: 'm-2' },
  ],
  acceptanceCriteria: [
    { criterionId: 'c-1', text: 'Invoices print on every printer' },
    { criterionId: 'c-2', text: 'No error 42 for a week' },
  ],
};

export const planAdopted = (
  version = 1,
  baseline: PlanBaseline = baselineV1,
  extra: Partial<PlanVersionAdopted['data']> = {},
): PlanVersionAdopted => ({
  type: 'PlanVersionAdopted',
  data: { caseId: CASE_ID, version, baseline, approvedAt: '2026-03-04T08:00:00.000Z', ...extra },
});

export const deliveryStarted: DeliveryStarted = {
  type: 'DeliveryStarted',
  data: {
    caseId: CASE_ID,
    planVersion: 1,
    projectManagerId: 'zhang',
    startedAt: STARTED_AT,
    nextReportDueAt: '2026-03-08T09:00:00.000Z',
  },
};

export const stepDone = (stepId: string, milestoneId: string, at = WORK_DONE_AT): StepCompleted => ({
  type: 'StepCompleted',
  data: { caseId: CASE_ID, stepId, milestoneId, planVersion: 1, evidence: 'Done', completedBy: 'li', completedAt: at },
});

export const milestoneDone = (milestoneId: string, dueAt: string, at = WORK_DONE_AT): MilestoneCompleted => ({
  type: 'MilestoneCompleted',
  data: {
    caseId: CASE_ID,
    milestoneId,
    planVersion: 1,
    dueAt,
    evidence: 'Signed off',
    late: false,
    completedBy: 'zhang',
    completedAt: at,
  },
});

export const milestoneWaived = (milestoneId: string, reason: string, at = WORK_DONE_AT): MilestoneWaived => ({
  type: 'MilestoneWaived',
  data: { caseId: CASE_ID, milestoneId, planVersion: 1, reason, waivedBy: 'zhang', waivedAt: at },
});

/** The acceptance criteria of the service contract, as agreed with the customer (P-5.1). */
export const contractCriteria = (
  version = 1,
  criteria = [
    { criterionId: 'c-1', text: 'Invoices print on every printer' },
    { criterionId: 'c-2', text: 'No error 42 for a week' },
  ],
): ContractAcceptanceCriteriaRecorded => ({
  type: 'ContractAcceptanceCriteriaRecorded',
  data: {
    caseId: CASE_ID,
    contractReference: 'SC-2026-017',
    version,
    criteria,
    recordedBy: 'agent-1',
    recordedAt: '2026-03-03T09:00:00.000Z',
  },
});

export const acceptanceOrganised = (round: number, at = WORK_DONE_AT): AcceptanceOrganised => ({
  type: 'AcceptanceOrganised',
  data: {
    caseId: CASE_ID,
    round,
    planVersion: 1,
    criteria: contractCriteria().data.criteria,
    contract: { contractReference: 'SC-2026-017', version: 1 },
    organisedBy: 'agent-1',
    organisedAt: at,
  },
});

export const rejected: AcceptanceRejected = {
  type: 'AcceptanceRejected',
  data: {
    caseId: CASE_ID,
    round: 1,
    results: [
      { criterionId: 'c-1', met: false, note: 'The second floor printer still fails' },
      { criterionId: 'c-2', met: true },
    ],
    signatory: { name: 'Li Wei', title: 'IT manager', userId: 'li.wei@customer' },
    recordedBy: 'li.wei@customer',
    form: 'portal',
    rectificationItems: [
      { itemId: '1.1', description: 'Fix the second floor printer', criterionId: 'c-1' },
      { itemId: '1.2', description: 'Translate the error messages' },
    ],
    rejectedAt: REJECTED_AT,
    nextReportDueAt: '2026-03-24T09:00:00.000Z',
  },
};

export const itemFixed = (itemId: string, round = 1): ServiceCaseEvent => ({
  type: 'RectificationItemFixed',
  data: { caseId: CASE_ID, itemId, round, note: 'Fixed', fixedBy: 'li', fixedAt: '2026-03-23T09:00:00.000Z' },
});

export const passed = (round: number, conditions: AcceptancePassed['data']['conditions'] = []): AcceptancePassed => ({
  type: 'AcceptancePassed',
  data: {
    caseId: CASE_ID,
    round,
    results: [
      { criterionId: 'c-1', met: true },
      { criterionId: 'c-2', met: true },
    ],
    signatory: { name: 'Li Wei', title: 'IT manager', userId: 'li.wei@customer' },
    recordedBy: 'li.wei@customer',
    form: 'portal',
    conditions,
    acceptedAt: ACCEPTED_AT,
    followUpVisits: [
      { visitId: 'case-1-visit-1', visitNumber: 1, dueAt: '2026-04-01T09:00:00.000Z' },
      { visitId: 'case-1-visit-2', visitNumber: 2, dueAt: '2026-04-24T09:00:00.000Z' },
    ],
  },
});

export const afterSalesStarted = (at = ACCEPTED_AT): AfterSalesStarted => ({
  type: 'AfterSalesStarted',
  data: { caseId: CASE_ID, startedAt: at },
});

export const PLANNING: ServiceCaseEvent[] = [caseOpened()];
export const READY: ServiceCaseEvent[] = [...PLANNING, planAdopted(), contractCriteria()];
export const IN_DELIVERY: ServiceCaseEvent[] = [...READY, deliveryStarted];
export const WORK_DONE: ServiceCaseEvent[] = [
  ...IN_DELIVERY,
  stepDone('s-1', 'm-1'),
  milestoneDone('m-1', '2026-03-10T18:00:00.000Z'),
  stepDone('s-2', 'm-2'),
  stepDone('s-3', 'm-2'),
  milestoneDone('m-2', '2026-03-20T18:00:00.000Z'),
];
export const AWAITING_ACCEPTANCE: ServiceCaseEvent[] = [...WORK_DONE, acceptanceOrganised(1)];
export const RECTIFYING: ServiceCaseEvent[] = [...AWAITING_ACCEPTANCE, rejected];
export const RECTIFIED: ServiceCaseEvent[] = [...RECTIFYING, itemFixed('1.1'), itemFixed('1.2')];
export const AWAITING_ROUND_2: ServiceCaseEvent[] = [...RECTIFIED, acceptanceOrganised(2, '2026-03-24T09:00:00.000Z')];
export const CONDITION = { itemId: '1.1', description: 'Label the printers' };
export const ACCEPTED_WITH_CONDITIONS: ServiceCaseEvent[] = [...AWAITING_ACCEPTANCE, passed(1, [CONDITION])];
export const AFTER_SALES: ServiceCaseEvent[] = [...AWAITING_ACCEPTANCE, passed(1), afterSalesStarted()];
export const CLOSED: ServiceCaseEvent[] = [
  ...AFTER_SALES,
  {
    type: 'ServiceCaseClosed',
    data: { caseId: CASE_ID, summary: 'Delivered and revisited', closedBy: 'agent-1', closedAt: '2026-05-01T09:00:00.000Z' },
  },
];
export const CANCELLED: ServiceCaseEvent[] = [
  ...IN_DELIVERY,
  {
    type: 'ServiceCaseCancelled',
    data: {
      caseId: CASE_ID,
      reason: 'Demand withdrawn',
      previousStatus: 'in-delivery',
      cancelledBy: 'agent-1',
      cancelledAt: '2026-03-06T09:00:00.000Z',
    },
  },
];
