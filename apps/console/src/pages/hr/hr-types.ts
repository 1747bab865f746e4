/** What hr-performance's API answers, as the HR page reads it. */

export interface AppraisalSummary {
  appraisalId: string;
  employeeId: string;
  departmentId: string;
  postId: string;
  kind: 'monthly' | 'annual';
  period: string;
  status: 'draft' | 'assessed' | 'finalised';
  score: number | null;
  needsReview: boolean;
  finalisedAt: string | null;
}

export interface AppraisalLine {
  indicatorId: string;
  source: 'quality' | 'duty';
  indicator?: string;
  duty?: string;
  weight: number;
  value: number | null;
}

export interface Appraisal extends Omit<AppraisalSummary, 'finalisedAt'> {
  lines: AppraisalLine[];
  months?: { period: string; appraisalId: string; score: number | null }[];
  assessment?: { text: string; by: string; at: string };
  finalisedAt?: string;
  finalisedBy?: string;
  /** What the API withheld: the qualitative texts, read only with a reason. */
  withheld: string[];
}

export interface RequiredTraining {
  trainingId: string;
  kind: string;
  title: string;
  dueOn: string;
  status: 'done' | 'due' | 'overdue';
  completedOn: string | null;
  score: number | null;
}

export interface MatrixRow {
  employeeId: string;
  name: string;
  departmentId: string;
  postId: string;
  required: RequiredTraining[];
  done: number;
  due: number;
  overdue: number;
}

export interface OverdueOnboarding {
  employeeId: string;
  name: string;
  departmentId: string;
  postId: string;
  hiredOn: string;
  dueOn: string;
  missingTopics: string[];
}

export interface PromotionTrack {
  trackId: string;
  versions: {
    version: number;
    name: string;
    definedAt: string;
    levels: {
      level: string;
      name: string;
      criteria: { minAppraisals?: { cycle: 'monthly' | 'annual'; count: number; minScore: number }; requiredTraining: string[]; minMonthsInLevel: number };
    }[];
  }[];
}

export const APPRAISAL_STATUS_COLOURS: Record<string, string> = { draft: 'default', assessed: 'blue', finalised: 'green' };
export const TRAINING_STATUS_COLOURS: Record<string, string> = { done: 'green', due: 'gold', overdue: 'red' };
