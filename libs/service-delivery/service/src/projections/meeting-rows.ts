/** The read-model rows of the meetings projection (C-1.1), as queries see them. JSON columns are text. */
export interface MeetingRow {
  meetingId: string;
  kind: string;
  caseId: string | null;
  /** Normalised to UTC (`toISOString`), so that ordering and ranges compare as text. */
  heldAt: string;
  attendees: string;
  decisions: string;
  recordedBy: string;
  recordedAt: string;
}

/** One department's report to the meeting, in the order of the minutes. */
export interface MeetingReportRow {
  meetingId: string;
  reportNumber: number;
  departmentId: string;
  progress: string;
  problems: string;
  solutions: string;
}

export interface MeetingActionRow {
  meetingId: string;
  actionNumber: number;
  description: string;
  ownerId: string;
  /** Normalised to UTC, like `heldAt`. */
  dueAt: string;
  done: boolean;
  outcome: string | null;
  late: boolean | null;
  completedBy: string | null;
  completedAt: string | null;
}

/** The departments of a case: a meeting about a case is seen by them, like the case itself. */
export interface MeetingCaseDepartmentRow {
  caseId: string;
  departmentId: string;
}
