import { RuleViolation } from '@serviceledger/platform/core';
import { AcceptanceCriterion } from './plan-content';
import { DeclaredStandard } from './technical-standard';

/** Intake's initial assessment (P-1.3), as handed over: a complex demand was coordinated first (P-2.2). */
export const COMPLEXITIES = ['routine', 'complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

/** A department that took on a responsibility in coordination (P-2.2). */
export interface DepartmentResponsibility {
  departmentId: string;
  /**
   * What it took on, from a release before intake's version 3; absent since: the text is staff's on the
   * customer's demand, kept in intake and erased with the customer, read there by whoever needs it.
   */
  responsibility?: string;
}

/**
 * Where a service case stands. It opens in planning (P-3.1: the department starts on the plan as
 * soon as it receives the demand); accepted means the customer signed off with conditions still
 * being fixed, after-sales that nothing from acceptance is left open.
 */
export const SERVICE_CASE_STATUSES = [
  'planning',
  'ready',
  'in-delivery',
  'awaiting-acceptance',
  'rectifying',
  'accepted',
  'after-sales',
  'closed',
  'cancelled',
] as const;
export type ServiceCaseStatus = (typeof SERVICE_CASE_STATUSES)[number];

/** The statuses in which the team works on the approved plan and reports to the customer (P-4.2, P-4.3). */
export const DELIVERY_STATUSES: readonly ServiceCaseStatus[] = ['in-delivery', 'rectifying'];

/** Acceptance has passed: follow-up visits and after-sales problems belong here (P-6). */
export const ACCEPTED_STATUSES: readonly ServiceCaseStatus[] = ['accepted', 'after-sales'];

export interface CaseMilestone {
  milestoneId: string;
  title: string;
  /** As the approved plan sets it; only a new plan version moves it (C-2.2). */
  dueAt: string;
  status: 'open' | 'done' | 'waived';
  /** When the team now expects it, after a recorded deviation. */
  expectedAt?: string;
}

export interface CaseStep {
  stepId: string;
  milestoneId: string;
  done: boolean;
}

export const ACCEPTANCE_VERDICTS = ['accepted', 'rejected'] as const;
export type AcceptanceVerdict = (typeof ACCEPTANCE_VERDICTS)[number];

/** The acceptance criteria of the service contract or agreement, as last agreed with the customer (P-5.1). */
export interface AgreedAcceptanceCriteria {
  contractReference: string;
  version: number;
  criteria: AcceptanceCriterion[];
}

export interface AcceptanceRound {
  round: number;
  planVersion: number;
  criteria: AcceptanceCriterion[];
  /** The contract version the round is held to; absent on rounds organised against the plan's criteria. */
  contract?: Pick<AgreedAcceptanceCriteria, 'contractReference' | 'version'>;
  verdict?: AcceptanceVerdict;
}

/** A rectification item as the case tracks it: the details are in the event that raised it. */
export interface TrackedRectificationItem {
  itemId: string;
  round: number;
  fixed: boolean;
}

/** What a case is opened with from the demand and keeps: the command, the event and the state carry it alike. */
export interface CaseParticulars {
  caseId: string;
  demandId: string;
  reference: string;
  customerId: string;
  departmentId: string;
  ownerId: string;
  complexity: Complexity;
}

export function particularsOf(data: CaseParticulars): CaseParticulars {
  return {
    caseId: data.caseId,
    demandId: data.demandId,
    reference: data.reference,
    customerId: data.customerId,
    departmentId: data.departmentId,
    ownerId: data.ownerId,
    complexity: data.complexity,
  };
}

export interface ServiceCase extends CaseParticulars {
  /** The lead department of a coordinated demand, else the receiving one: it plans and delivers. */
  responsibleDepartmentId: string;
  departments: string[];
  status: ServiceCaseStatus;
  /** The approved plan version delivery follows, and what it holds the team to. */
  planVersion?: number;
  milestones: CaseMilestone[];
  steps: CaseStep[];
  /** The standards milestones and steps declared they follow, with the checks each requires (P-4.2). */
  standards: DeclaredStandard[];
  criteria: AcceptanceCriterion[];
  /** What the customer accepts the service against (P-5.1); the plan's own criteria are not. */
  contractCriteria?: AgreedAcceptanceCriteria;
  reportIntervalHours: number;
  reportsSent: number;
  /** The report the customer is owed next (P-4.3); none while acceptance is with the customer. */
  reportDueAt?: string;
  coordinationIssues: { issueNumber: number; resolved: boolean }[];
  rounds: AcceptanceRound[];
  rectificationItems: TrackedRectificationItem[];
  acceptedAt?: string;
  followUpVisitOffsetsDays: number[];
  followUpVisits: number;
}

export type ServiceCaseState = ServiceCase | null;

/** Closed and cancelled cases are history. */
export function ensureNotEnded(state: ServiceCase, action: string): void {
  if (state.status === 'closed' || state.status === 'cancelled') {
    throw new RuleViolation(
      `case-${state.status}`,
      `Service case ${state.reference} is ${state.status}: nothing more is ${action}`,
    );
  }
}

export function openRectificationItems(state: ServiceCase): string[] {
  return state.rectificationItems.filter((item) => !item.fixed).map((item) => item.itemId);
}

export function currentRound(state: ServiceCase): AcceptanceRound | undefined {
  return state.rounds[state.rounds.length - 1];
}
