/** What `GET /service-delivery/cases/:caseId` answers, as the case page reads it. */

export interface AcceptanceCriterion {
  criterionId: string;
  text: string;
}

export interface PlanContent {
  goals: string[];
  content: string;
  steps: { stepId: string; description: string; milestoneId: string }[];
  milestones: { milestoneId: string; title: string; dueAt: string }[];
  expectedResults: string[];
  acceptanceCriteria: AcceptanceCriterion[];
}

/** An expert's opinion, the head's request for changes, or the head's comments on approving. */
export interface PlanReview {
  kind: 'expert-opinion' | 'changes-requested' | 'approved';
  by: string;
  conclusion?: 'approve' | 'changes-requested';
  text: string;
  at: string;
}

export interface PlanVersion {
  version: number;
  status: 'in-review' | 'changes-requested' | 'approved' | 'superseded';
  major: boolean;
  expertReviewRequired: boolean;
  experts: string[];
  changeReason: string | null;
  plan: PlanContent;
  draftingDeadlineMet: boolean | null;
  submittedBy: string;
  submittedAt: string;
  reviews: PlanReview[];
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface TeamMember {
  memberId: string;
  joinedAt: string;
  role: string;
  duties: string;
  leftAt: string | null;
  leftReason: string | null;
}

/** A check a technical standard's version requires evidence of (P-4.2). */
export interface RequiredCheck {
  checkId: string;
  description: string;
}

/** A standard, at one version, that a milestone (no `stepId`) or one of its steps declared it follows. */
export interface FollowedStandard {
  standardId: string;
  version: number;
  title: string;
  checks: RequiredCheck[];
  stepId?: string;
}

export interface CheckEvidence {
  standardId: string;
  version: number;
  checkId: string;
  evidence: string;
}

export interface CaseMilestone {
  milestoneId: string;
  title: string;
  dueAt: string;
  /** The date the team expects it at since its last recorded deviation from the plan. */
  expectedAt: string | null;
  status: 'open' | 'done' | 'waived';
  late: boolean | null;
  completedAt: string | null;
  planVersion: number;
  standards: FollowedStandard[];
  /** The evidence given for each check of the milestone's standards when it was completed. */
  checkEvidence: CheckEvidence[];
}

/** An internal coordination problem between departments, logged and resolved (P-4.3). */
export interface CoordinationIssue {
  issueNumber: number;
  description: string;
  departmentIds: string[];
  resolved: boolean;
  resolution: string | null;
}

/** A report sent, or a due time that passed without one. */
export interface ProgressReport {
  dueAt: string;
  kind: 'sent' | 'missed';
  reportNumber: number | null;
  progress: string | null;
  problems: { problem: string; solution: string }[];
  onTime: boolean | null;
  sentAt: string | null;
  sentBy: string | null;
}

export interface RectificationItem {
  itemId: string;
  round: number;
  description: string;
  criterionId: string | null;
  dueAt: string | null;
  /** Raised as a condition of a passed round rather than by a rejected one. */
  condition: boolean;
  fixed: boolean;
  fixNote: string | null;
  fixedAt: string | null;
}

export interface AcceptanceRound {
  round: number;
  planVersion: number;
  contractReference: string | null;
  criteriaVersion: number | null;
  criteria: AcceptanceCriterion[];
  organisedAt: string;
  verdict: 'accepted' | 'rejected' | null;
  results: { criterionId: string; met: boolean; note?: string }[];
  form: 'portal' | 'paper' | null;
  signatory: { name: string; title?: string } | null;
  comments: string | null;
  recordedAt: string | null;
  items: RectificationItem[];
}

export interface ServiceCaseDetail {
  caseId: string;
  demandId: string;
  reference: string;
  customerId: string;
  departmentId: string;
  responsibleDepartmentId: string;
  ownerId: string;
  complexity: 'routine' | 'complex';
  status: string;
  planDueAt: string;
  planOverdue: boolean;
  planVersion: number | null;
  projectManagerId: string | null;
  reportDueAt: string | null;
  reportsSent: number;
  reportsMissed: number;
  lastReportMissed: boolean;
  acceptanceRound: number;
  openedAt: string;
  deliveryStartedAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  departments: string[];
  planVersions: PlanVersion[];
  team: TeamMember[];
  milestones: CaseMilestone[];
  progressReports: ProgressReport[];
  contractCriteria: { version: number; contractReference: string; criteria: AcceptanceCriterion[] }[];
  acceptanceRounds: AcceptanceRound[];
  /** Absent for a customer, who is not shown the company's internal coordination. */
  coordinationIssues?: CoordinationIssue[];
}

/** The life of a case as its steps show it; rectifying is shown at acceptance, cancelled apart. */
export const CASE_STAGES = ['planning', 'ready', 'in-delivery', 'awaiting-acceptance', 'accepted', 'after-sales', 'closed'] as const;

/** While the team works on the approved plan and owes the customer reports (P-4.2, P-4.3). */
export const DELIVERING = ['in-delivery', 'rectifying'];

/** Nothing more is done on a case that has ended. */
export const ENDED = ['closed', 'cancelled'];

export const TEAM_ROLES = ['project-manager', 'technician', 'customer-service'] as const;

/** Posts a command on the case (the path under the case) and reloads it once the read model has it. */
export type CaseAct = (path: string, body?: object) => Promise<void>;
