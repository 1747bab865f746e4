/** Follow-up visits and after-sales problems as GET /service-delivery/my-work and a case's detail answer them (P-6). */
export const VISIT_STATUSES = ['scheduled', 'due', 'completed', 'cancelled'] as const;
export const FOLLOW_UP_CHANNELS = ['phone', 'on-site', 'online', 'email'] as const;
export const PROCESS_STAGES = ['intake', 'planning', 'implementation', 'acceptance', 'after-sales'] as const;

export const PROBLEM_STATUSES = ['raised', 'handling', 'resolved', 'closed'] as const;
export const PROBLEM_SOURCES = ['customer', 'follow-up-visit'] as const;
export const PROBLEM_NATURES = ['defect', 'usage', 'configuration', 'performance', 'data', 'other'] as const;
export const PROBLEM_COMPLEXITIES = ['simple', 'complex'] as const;
export const MEASURE_KINDS = [
  'root-cause',
  'workaround',
  'fix',
  'configuration-change',
  'performance-measurement',
  'data-correction',
  'guidance',
  'training',
  'customer-verification',
  'preventive-action',
  'other',
] as const;

export interface VisitFinding {
  description: string;
  stage: string;
}

export interface FollowUpVisitView {
  visitId: string;
  caseId: string;
  visitNumber: number;
  departmentId: string;
  dueAt: string;
  status: string;
  channel: string | null;
  satisfaction: number | null;
  scaleLowest: number | null;
  scaleHighest: number | null;
  recommendation: number | null;
  comments: string | null;
  findings: VisitFinding[];
  visitedBy: string | null;
  visitedAt: string | null;
}

export interface ProblemMeasure {
  measureNumber: number;
  kind: string;
  measure: string;
  by: string;
  at: string;
}

export interface AfterSalesProblemView {
  problemId: string;
  caseId: string;
  source: string;
  visitId: string | null;
  description: string;
  status: string;
  handlerId: string | null;
  measures: ProblemMeasure[];
  stage: string | null;
  resolution: string | null;
  raisedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

/** Gives a command under /service-delivery/ and has the lists read again at its checkpoint. */
export type AfterSalesAct = (path: string, body?: object) => Promise<void>;
