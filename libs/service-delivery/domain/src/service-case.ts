import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { AcceptanceCommand, AcceptanceEvent, decideAcceptance, evolveAcceptance } from './acceptance';
import {
  CoordinationIssueCommand,
  CoordinationIssueEvent,
  decideCoordinationIssues,
  evolveCoordinationIssues,
  openCoordinationIssues,
} from './coordination-issues';
import { addHours, ensureInstant, isAfter } from './due-times';
import {
  DEFAULT_FOLLOW_UP_VISIT_OFFSETS_DAYS,
  ScheduledVisit,
  ensureFollowUpOffsets,
  followUpVisitId,
} from './follow-up-schedule';
import { MilestoneCommand, MilestoneEvent, decideMilestones, evolveMilestones } from './milestones';
import { PlanBaseline } from './plan-content';
import { PlanBaselineChanges, diffBaselines } from './plan-version-diff';
import {
  ProgressReportCommand,
  ProgressReportEvent,
  decideProgressReports,
  evolveProgressReports,
} from './progress-reports';
import { ProjectTeamComposition } from './project-team';
import { requireText } from './required-text';
import {
  ACCEPTED_STATUSES,
  CaseParticulars,
  DepartmentResponsibility,
  ServiceCase,
  ServiceCaseState,
  ServiceCaseStatus,
  ensureNotEnded,
  openRectificationItems,
  particularsOf,
} from './service-case-state';

/**
 * A service case, from intake's hand-off to closure (P-3 … P-6), as the commands that move it:
 *
 *   OpenServiceCase                                                   → planning
 *   RecordContractAcceptanceCriteria  the contract's criteria, by version (contract-criteria.ts)
 *   AdoptPlanVersion     planning (first approved version)            → ready
 *                        ready, in-delivery, rectifying (C-2.2)        → unchanged, on the new version
 *   StartDelivery        ready, with a complete project team          → in-delivery
 *   OrganiseAcceptance   in-delivery, rectifying (acceptance.ts)      → awaiting-acceptance
 *   RecordAcceptanceReport                                            → rectifying, accepted or after-sales
 *   FixRectificationItem the last condition of an acceptance          → after-sales
 *   CloseServiceCase     after-sales, nothing left open               → closed
 *   CancelServiceCase    before acceptance (the demand was withdrawn, or its head cancels it) → cancelled
 *
 * Milestones (milestones.ts), progress reports (progress-reports.ts) and coordination issues
 * (coordination-issues.ts) are recorded beside the status. They share this stream with acceptance
 * because its rules read them: no acceptance before every milestone is done or waived, no closure
 * while a rectification item is open.
 */

// Commands

/** The longest time set for drafting a plan, and between progress reports: a year. */
export const MAX_CASE_HOURS = 365 * 24;

/** Sent by the service from intake's `demand.released-to-delivery`, with the configured times. */
export type OpenServiceCase = Command<
  'OpenServiceCase',
  CaseParticulars & {
    /** P-2.2: every department the demand involves, from intake's release v2; absent from a v1 release, where complex meant coordinated. */
    departmentIds?: string[];
    leadDepartmentId?: string;
    responsibilities?: DepartmentResponsibility[];
    /** The set time within which the plan is drafted (P-3.1). */
    planDraftingHours: number;
    /** How often the customer is owed a progress report during delivery (P-4.3). */
    progressReportIntervalHours: number;
    /** Days after acceptance of each follow-up visit (P-6.1); DEFAULT_FOLLOW_UP_VISIT_OFFSETS_DAYS when absent. */
    followUpVisitOffsetsDays?: number[];
  }
>;
/** Sent by the service when the plan's `PlanVersionApproved` is seen: delivery follows this version now. */
export type AdoptPlanVersion = Command<
  'AdoptPlanVersion',
  { caseId: string; version: number; baseline: PlanBaseline; approvedAt: string }
>;
/** The service reads the team's composition from the project team (`teamComposition`). */
export type StartDelivery = Command<'StartDelivery', { caseId: string; team: ProjectTeamComposition }>;
/** A revisit on top of the scheduled ones (C-2.1). */
export type RequestFollowUpVisit = Command<'RequestFollowUpVisit', { caseId: string; dueAt: string }>;
export type CloseServiceCase = Command<'CloseServiceCase', { caseId: string; summary: string }>;
export type CancelServiceCase = Command<'CancelServiceCase', { caseId: string; reason: string }>;

type LifecycleCommand =
  | OpenServiceCase
  | AdoptPlanVersion
  | StartDelivery
  | RequestFollowUpVisit
  | CloseServiceCase
  | CancelServiceCase;

export type ServiceCaseCommand =
  | LifecycleCommand
  | MilestoneCommand
  | ProgressReportCommand
  | CoordinationIssueCommand
  | AcceptanceCommand;

// Events

export type ServiceCaseOpened = {
  type: 'ServiceCaseOpened';
  data: CaseParticulars & {
    leadDepartmentId?: string;
    responsibilities: DepartmentResponsibility[];
    responsibleDepartmentId: string;
    /** Every department that takes part: the receiving one and those that took on responsibilities. */
    departments: string[];
    /** When the first plan version must be with its reviewers (P-3.1): the service opens the plan with it. */
    planDueAt: string;
    progressReportIntervalHours: number;
    followUpVisitOffsetsDays: number[];
    openedAt: string;
  };
};
export type PlanVersionAdopted = {
  type: 'PlanVersionAdopted';
  data: {
    caseId: string;
    version: number;
    baseline: PlanBaseline;
    approvedAt: string;
    /** Against the version delivery followed until now; absent for the first. */
    previousVersion?: number;
    changes?: PlanBaselineChanges;
  };
};
export type DeliveryStarted = {
  type: 'DeliveryStarted';
  data: { caseId: string; planVersion: number; projectManagerId: string; startedAt: string; nextReportDueAt: string };
};
export type FollowUpVisitRequested = {
  type: 'FollowUpVisitRequested';
  data: { caseId: string; visit: ScheduledVisit; requestedBy: string };
};
export type ServiceCaseClosed = {
  type: 'ServiceCaseClosed';
  data: { caseId: string; summary: string; closedBy: string; closedAt: string };
};
export type ServiceCaseCancelled = {
  type: 'ServiceCaseCancelled';
  data: { caseId: string; reason: string; previousStatus: ServiceCaseStatus; cancelledBy: string; cancelledAt: string };
};

type LifecycleEvent =
  | ServiceCaseOpened
  | PlanVersionAdopted
  | DeliveryStarted
  | FollowUpVisitRequested
  | ServiceCaseClosed
  | ServiceCaseCancelled;

export type ServiceCaseEvent =
  | LifecycleEvent
  | MilestoneEvent
  | ProgressReportEvent
  | CoordinationIssueEvent
  | AcceptanceEvent;

/** What another aggregate of the case is told about it: after-sales problems need an accepted case. */
export interface ServiceCaseFacts {
  caseId: string;
  reference: string;
  customerId: string;
  departmentId: string;
  acceptedAt?: string;
}

export const serviceCase: Decider<ServiceCaseCommand, ServiceCaseEvent, ServiceCaseState> = {
  initialState: () => null,
  evolve: (state, event) => (event.type === 'ServiceCaseOpened' ? opened(event) : state && evolveCase(state, event)),
  decide(command, state) {
    if (command.type === 'OpenServiceCase') return [open(command, state)];
    if (!state) throw new NotFoundError('Service case', command.data.caseId);
    return decideOn(state, command);
  },
};

/**
 * Service cases. A case is seen by every department taking part, the responsible one included, and by
 * its customer; its plan, team, visits, problems and meetings are scoped by it as well (the service
 * reads the case first: a descriptor's scope sees only its own instance).
 */
export const serviceCases: Aggregate<ServiceCaseCommand, ServiceCaseEvent, ServiceCaseState> = {
  name: 'Service case',
  streamPrefix: 'service-delivery.case-',
  decider: serviceCase,
  idOf: (command) => command.data.caseId,
  creates: ['OpenServiceCase'],
  scope: (state) => ({
    departments: state ? [...new Set([state.responsibleDepartmentId, ...state.departments])] : [],
    customerId: state?.customerId,
  }),
};

export const serviceCaseStream = (caseId: string): string => streamOf(serviceCases, caseId);

export function serviceCaseFacts(state: ServiceCase): ServiceCaseFacts {
  return {
    caseId: state.caseId,
    reference: state.reference,
    customerId: state.customerId,
    departmentId: state.responsibleDepartmentId,
    ...(state.acceptedAt ? { acceptedAt: state.acceptedAt } : {}),
  };
}

function decideOn(state: ServiceCase, command: Exclude<ServiceCaseCommand, OpenServiceCase>): ServiceCaseEvent[] {
  switch (command.type) {
    case 'AdoptPlanVersion':
      return [adopted(state, command)];
    case 'StartDelivery':
      return [deliveryStarted(state, command)];
    case 'RequestFollowUpVisit':
      return [visitRequested(state, command)];
    case 'CloseServiceCase':
      return [closed(state, command)];
    case 'CancelServiceCase':
      return [cancelled(state, command)];
    case 'DeclareStandards':
    case 'CompleteStep':
    case 'CompleteMilestone':
    case 'WaiveMilestone':
    case 'RecordMilestoneDeviation':
      return decideMilestones(state, command);
    case 'SendProgressReport':
    case 'MarkProgressReportMissed':
      return decideProgressReports(state, command);
    case 'LogCoordinationIssue':
    case 'ResolveCoordinationIssue':
      return decideCoordinationIssues(state, command);
    case 'RecordContractAcceptanceCriteria':
    case 'OrganiseAcceptance':
    case 'RecordAcceptanceReport':
    case 'FixRectificationItem':
      return decideAcceptance(state, command);
  }
}

function evolveCase(state: ServiceCase, event: Exclude<ServiceCaseEvent, ServiceCaseOpened>): ServiceCase {
  switch (event.type) {
    case 'PlanVersionAdopted':
      return withBaseline(state, event.data.version, event.data.baseline);
    case 'DeliveryStarted':
      return { ...state, status: 'in-delivery', reportDueAt: event.data.nextReportDueAt };
    case 'FollowUpVisitRequested':
      return { ...state, followUpVisits: event.data.visit.visitNumber };
    case 'ServiceCaseClosed':
      return { ...state, status: 'closed' };
    case 'ServiceCaseCancelled': {
      const next: ServiceCase = { ...state, status: 'cancelled' };
      delete next.reportDueAt;
      return next;
    }
    case 'StandardsDeclared':
    case 'StepCompleted':
    case 'MilestoneCompleted':
    case 'MilestoneWaived':
    case 'MilestoneDeviationRecorded':
      return evolveMilestones(state, event);
    case 'ProgressReportSent':
    case 'ProgressReportMissed':
      return evolveProgressReports(state, event);
    case 'CoordinationIssueLogged':
    case 'CoordinationIssueResolved':
      return evolveCoordinationIssues(state, event);
    case 'ContractAcceptanceCriteriaRecorded':
    case 'AcceptanceOrganised':
    case 'AcceptanceRejected':
    case 'AcceptancePassed':
    case 'RectificationItemFixed':
    case 'AfterSalesStarted':
      return evolveAcceptance(state, event);
  }
}

function opened({ data }: ServiceCaseOpened): ServiceCase {
  return {
    ...particularsOf(data),
    responsibleDepartmentId: data.responsibleDepartmentId,
    departments: data.departments,
    status: 'planning',
    milestones: [],
    steps: [],
    standards: [],
    criteria: [],
    reportIntervalHours: data.progressReportIntervalHours,
    reportsSent: 0,
    coordinationIssues: [],
    rounds: [],
    rectificationItems: [],
    followUpVisitOffsetsDays: data.followUpVisitOffsetsDays,
    followUpVisits: 0,
  };
}

/** Work done under the previous version carries over by id; what the new version drops leaves the baseline. */
function withBaseline(state: ServiceCase, version: number, baseline: PlanBaseline): ServiceCase {
  return {
    ...state,
    status: state.status === 'planning' ? 'ready' : state.status,
    planVersion: version,
    milestones: baseline.milestones.map(({ milestoneId, title, dueAt }) => {
      const earlier = state.milestones.find((m) => m.milestoneId === milestoneId);
      return { milestoneId, title, dueAt, status: earlier?.status ?? 'open' };
    }),
    steps: baseline.steps.map(({ stepId, milestoneId }) => ({
      stepId,
      milestoneId,
      done: state.steps.some((s) => s.stepId === stepId && s.done),
    })),
    criteria: baseline.acceptanceCriteria,
  };
}

function open(command: OpenServiceCase, state: ServiceCaseState): ServiceCaseOpened {
  const { data, metadata } = command;
  if (state) {
    throw state.demandId === data.demandId
      ? new RuleViolation(
          'case-already-open',
          `Service case ${state.reference} is already open for demand ${data.demandId}`,
        )
      : new RuleViolation(
          'case-opened-for-another-demand',
          `Service case ${data.caseId} was opened for demand ${state.demandId}, not ${data.demandId}`,
        );
  }
  const responsibilities = data.responsibilities ?? [];
  ensureCoordinated(data, responsibilities);
  if (!(data.planDraftingHours > 0 && data.planDraftingHours <= MAX_CASE_HOURS)) {
    throw new RuleViolation(
      'invalid-plan-drafting-time',
      `The time set for drafting a plan is a positive number of hours up to ${MAX_CASE_HOURS}, not ${data.planDraftingHours} (P-3.1)`,
    );
  }
  if (!(data.progressReportIntervalHours > 0 && data.progressReportIntervalHours <= MAX_CASE_HOURS)) {
    throw new RuleViolation(
      'invalid-report-interval',
      `Progress reports are due every positive number of hours up to ${MAX_CASE_HOURS}, not ${data.progressReportIntervalHours} (P-4.3)`,
    );
  }
  const followUpVisitOffsetsDays = data.followUpVisitOffsetsDays ?? [...DEFAULT_FOLLOW_UP_VISIT_OFFSETS_DAYS];
  ensureFollowUpOffsets(followUpVisitOffsetsDays);
  return {
    type: 'ServiceCaseOpened',
    data: {
      ...particularsOf(data),
      ...(data.leadDepartmentId ? { leadDepartmentId: data.leadDepartmentId } : {}),
      responsibilities,
      responsibleDepartmentId: data.leadDepartmentId ?? data.departmentId,
      departments: [...new Set([data.departmentId, ...responsibilities.map((r) => r.departmentId)])],
      planDueAt: addHours(metadata.at, data.planDraftingHours),
      progressReportIntervalHours: data.progressReportIntervalHours,
      followUpVisitOffsetsDays,
      openedAt: metadata.at,
    },
  };
}

/**
 * P-2.2 "對於涉及多個部門的復雜需求": a complex demand of several departments arrives coordinated, with a
 * lead department among those that took on work; one of a single department comes as any other.
 */
function ensureCoordinated(data: OpenServiceCase['data'], responsibilities: DepartmentResponsibility[]): void {
  const severalDepartments = data.departmentIds === undefined || data.departmentIds.length > 1;
  if (data.complexity === 'complex' && severalDepartments && (!data.leadDepartmentId || responsibilities.length === 0)) {
    throw new RuleViolation(
      'coordination-missing',
      `Demand ${data.reference} is complex and involves several departments: it reaches delivery with its lead department and the responsibilities agreed in coordination (P-2.2)`,
    );
  }
  if (data.leadDepartmentId && !responsibilities.some((r) => r.departmentId === data.leadDepartmentId)) {
    throw new RuleViolation(
      'lead-without-responsibility',
      `Lead department ${data.leadDepartmentId} of demand ${data.reference} took on no responsibility in coordination (P-2.2)`,
    );
  }
}

/** C-2.2: a newer approved version replaces the one delivery follows, until acceptance is under way. */
function adopted(state: ServiceCase, command: AdoptPlanVersion): PlanVersionAdopted {
  ensureNotEnded(state, 'planned');
  const { version, baseline, approvedAt } = command.data;
  if (state.planVersion !== undefined && version <= state.planVersion) {
    throw new RuleViolation(
      'stale-plan-version',
      `Service case ${state.reference} already follows version ${state.planVersion} of its plan; version ${version} is not newer`,
    );
  }
  if (!['planning', 'ready', 'in-delivery', 'rectifying'].includes(state.status)) {
    throw new RuleViolation(
      'plan-change-too-late',
      `Service case ${state.reference} is ${state.status}: a plan version approved now no longer changes its delivery (C-2.2)`,
    );
  }
  const previous = state.planVersion;
  return {
    type: 'PlanVersionAdopted',
    data: {
      caseId: state.caseId,
      version,
      baseline,
      approvedAt,
      ...(previous !== undefined
        ? {
            previousVersion: previous,
            changes: diffBaselines(
              { milestones: state.milestones, steps: state.steps, acceptanceCriteria: state.criteria },
              baseline,
            ),
          }
        : {}),
    },
  };
}

/** P-3.2, P-4.1: delivery starts on an approved plan, with a team formed of every role the regulation names. */
function deliveryStarted(state: ServiceCase, command: StartDelivery): DeliveryStarted {
  ensureNotEnded(state, 'delivered');
  if (state.status === 'planning') {
    throw new RuleViolation(
      'plan-not-approved',
      `Service case ${state.reference} has no approved plan: delivery starts only on an approved plan (P-3.2)`,
    );
  }
  if (state.status !== 'ready') {
    throw new RuleViolation(
      'delivery-already-started',
      `Delivery of service case ${state.reference} has already started`,
    );
  }
  const { team } = command.data;
  const missing = [
    ...(team.projectManagerId ? [] : ['a project manager']),
    ...(team.technicianIds.length > 0 ? [] : ['a technician']),
    ...(team.customerServiceIds.length > 0 ? [] : ['customer-service staff']),
  ];
  if (!team.projectManagerId || missing.length > 0) {
    throw new RuleViolation(
      'project-team-incomplete',
      `The project team of case ${state.reference} lacks ${missing.join(', ')} (P-4.1)`,
    );
  }
  const { at } = command.metadata;
  return {
    type: 'DeliveryStarted',
    data: {
      caseId: state.caseId,
      planVersion: state.planVersion as number,
      projectManagerId: team.projectManagerId,
      startedAt: at,
      nextReportDueAt: addHours(at, state.reportIntervalHours),
    },
  };
}

/** P-6.1, C-2.1: revisits are for customers of an accepted service. */
function visitRequested(state: ServiceCase, command: RequestFollowUpVisit): FollowUpVisitRequested {
  ensureNotEnded(state, 'visited');
  if (!ACCEPTED_STATUSES.includes(state.status) || !state.acceptedAt) {
    throw new RuleViolation(
      'case-not-accepted',
      `Service case ${state.reference} is ${state.status}: follow-up visits come after the customer's acceptance (P-6.1)`,
    );
  }
  const dueAt = ensureInstant(command.data.dueAt, 'The date of the follow-up visit');
  if (isAfter(state.acceptedAt, dueAt)) {
    throw new RuleViolation(
      'visit-before-acceptance',
      `Service case ${state.reference} was accepted at ${state.acceptedAt}: a follow-up visit cannot be due before (P-6.1)`,
    );
  }
  const visitNumber = state.followUpVisits + 1;
  return {
    type: 'FollowUpVisitRequested',
    data: {
      caseId: state.caseId,
      visit: { visitId: followUpVisitId(state.caseId, visitNumber), visitNumber, dueAt },
      requestedBy: command.metadata.actor.userId,
    },
  };
}

/** P-5.2, P-4.3: a case closes once accepted, with no rectification item and no coordination issue left open. */
function closed(state: ServiceCase, command: CloseServiceCase): ServiceCaseClosed {
  ensureNotEnded(state, 'closed');
  const openItems = openRectificationItems(state);
  if (openItems.length > 0) {
    throw new RuleViolation(
      'open-rectification-items',
      `Service case ${state.reference} cannot close while rectification items ${openItems.join(', ')} are open (P-5.2)`,
    );
  }
  if (state.status !== 'after-sales') {
    throw new RuleViolation(
      'case-not-accepted',
      `Service case ${state.reference} is ${state.status}: a case closes after the customer accepted it (P-5.1); cancel it otherwise`,
    );
  }
  const openIssues = openCoordinationIssues(state);
  if (openIssues.length > 0) {
    throw new RuleViolation(
      'open-coordination-issues',
      `Service case ${state.reference} cannot close while coordination issues ${openIssues.join(', ')} are unresolved (P-4.3)`,
    );
  }
  const summary = requireText(
    command.data.summary,
    'summary-required',
    `Closing service case ${state.reference} needs a summary`,
  );
  return {
    type: 'ServiceCaseClosed',
    data: { caseId: state.caseId, summary, closedBy: command.metadata.actor.userId, closedAt: command.metadata.at },
  };
}

/**
 * A demand withdrawn in intake ends its case, as does its department's head, with a reason; intake then takes the
 * demand back. Once the customer has accepted, the case is closed instead.
 */
function cancelled(state: ServiceCase, command: CancelServiceCase): ServiceCaseCancelled {
  ensureNotEnded(state, 'cancelled');
  if (ACCEPTED_STATUSES.includes(state.status)) {
    throw new RuleViolation(
      'case-already-accepted',
      `Service case ${state.reference} was accepted by the customer: it is closed, not cancelled`,
    );
  }
  const reason = requireText(
    command.data.reason,
    'reason-required',
    `Cancelling service case ${state.reference} needs a reason`,
  );
  return {
    type: 'ServiceCaseCancelled',
    data: {
      caseId: state.caseId,
      reason,
      previousStatus: state.status,
      cancelledBy: command.metadata.actor.userId,
      cancelledAt: command.metadata.at,
    },
  };
}
