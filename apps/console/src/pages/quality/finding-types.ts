/** A quality finding as quality-monitoring answers it: raised, rectified in rounds, re-checked. */
export interface Finding {
  findingId: string;
  departmentId: string;
  responsibleId: string;
  subject: string;
  requirements: string;
  suggestions?: string;
  caseId?: string;
  processStage?: string;
  raisedAt: string;
  raisedBy: string;
  status: FindingStatus;
  /** 1 for the first rectification; each failed re-check opens the next. */
  round: number;
  /** The current round's measures, deadline and report. */
  measures?: string;
  deadline?: string;
  report?: string;
  rechecks: Recheck[];
  passedAt?: string;
  updatedAt: string;
}

export interface Recheck {
  round: number;
  passed: boolean;
  notes: string;
  at: string;
  by: string;
}

export const FINDING_STATUSES = ['raised', 'measures-submitted', 'reported', 'reopened', 'passed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_STATUS_COLOURS: Record<FindingStatus, string> = { raised: 'red', 'measures-submitted': 'gold', reported: 'blue', reopened: 'volcano', passed: 'green' };

/** The process stages a finding may improve (P-6.3), as quality-monitoring names them. */
export const PROCESS_STAGES = ['intake', 'planning', 'implementation', 'acceptance', 'after-sales'] as const;

/** A finding command's answer: the checkpoint to read its effects after. */
export interface FindingAccepted {
  id: string;
  checkpoint?: string;
  status?: FindingStatus;
  round?: number;
}
