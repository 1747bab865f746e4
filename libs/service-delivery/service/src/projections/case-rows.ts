import { CaseParticulars } from '@serviceledger/service-delivery/domain';

/** The read-model rows of the service-case projection, as queries see them. JSON columns are text. */
export interface CaseRow extends CaseParticulars {
  responsibleDepartmentId: string;
  status: string;
  planDueAt: string;
  planOverdue: boolean;
  planVersion: number | null;
  projectManagerId: string | null;
  reportDueAt: string | null;
  reportsSent: number;
  reportsMissed: number;
  /** The last report due time passed without a report, and none has been sent since. */
  lastReportMissed: boolean;
  /** The latest acceptance round organised; 0 before acceptance. */
  acceptanceRound: number;
  openedAt: string;
  deliveryStartedAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
}

/** Who may see a case: every department taking part. */
export interface CaseDepartmentRow {
  caseId: string;
  departmentId: string;
}

export interface PlanVersionRow {
  caseId: string;
  version: number;
  status: string;
  major: boolean;
  expertReviewRequired: boolean;
  experts: string;
  changeReason: string | null;
  plan: string;
  draftingDeadlineMet: boolean | null;
  submittedBy: string;
  submittedAt: string;
  /** Expert opinions and the head's requests for changes, in order. */
  reviews: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface MemberRow {
  caseId: string;
  memberId: string;
  joinedAt: string;
  role: string;
  duties: string;
  leftAt: string | null;
  leftReason: string | null;
}

export interface MilestoneRow {
  caseId: string;
  milestoneId: string;
  title: string;
  dueAt: string;
  expectedAt: string | null;
  status: string;
  late: boolean | null;
  completedAt: string | null;
  planVersion: number;
  /** The standards the milestone and its steps follow, each at its version with the checks it requires (JSON, P-4.2). */
  standards: string;
  /** The evidence recorded for each of those checks when the milestone was completed (JSON). */
  checkEvidence: string;
}

/** A report sent (`report-<n>`) or a due time missed (`missed-<dueAt>`). */
export interface ReportRow {
  caseId: string;
  entry: string;
  dueAt: string;
  kind: 'sent' | 'missed';
  reportNumber: number | null;
  progress: string | null;
  problems: string;
  onTime: boolean | null;
  sentAt: string | null;
  sentBy: string | null;
}

/** A version of the contract's acceptance criteria, as recorded on the case (P-5.1). */
export interface ContractCriteriaRow {
  caseId: string;
  version: number;
  contractReference: string;
  criteria: string;
  recordedBy: string;
  recordedAt: string;
}

export interface RoundRow {
  caseId: string;
  round: number;
  planVersion: number;
  /** The contract version the round's criteria come from; null on rounds held to the plan's criteria. */
  contractReference: string | null;
  criteriaVersion: number | null;
  criteria: string;
  organisedAt: string;
  verdict: string | null;
  results: string;
  /** `portal` (the customer filled it in) or `paper` (customer service recorded the signed report). */
  form: string | null;
  /** Who signed for the customer: name, title, and the portal user who filled it in. */
  signatory: string | null;
  signedDocument: string | null;
  comments: string | null;
  recordedAt: string | null;
}

export interface ItemRow {
  caseId: string;
  itemId: string;
  round: number;
  description: string;
  criterionId: string | null;
  dueAt: string | null;
  condition: boolean;
  fixed: boolean;
  fixNote: string | null;
  fixedAt: string | null;
}

export interface IssueRow {
  caseId: string;
  issueNumber: number;
  description: string;
  departmentIds: string;
  resolved: boolean;
  resolution: string | null;
}

export interface VisitRow {
  visitId: string;
  caseId: string;
  visitNumber: number;
  departmentId: string;
  dueAt: string;
  status: string;
  channel: string | null;
  /** The survey version answered and its scale; null until recorded, and on visits recorded before surveys (1–5). */
  surveyId: string | null;
  surveyVersion: number | null;
  scaleLowest: number | null;
  scaleHighest: number | null;
  satisfaction: number | null;
  recommendation: number | null;
  comments: string | null;
  findings: string;
  visitedBy: string | null;
  visitedAt: string | null;
}

export interface ProblemRow {
  problemId: string;
  caseId: string;
  source: string;
  visitId: string | null;
  description: string;
  status: string;
  handlerId: string | null;
  measures: string;
  stage: string | null;
  resolution: string | null;
  raisedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}
