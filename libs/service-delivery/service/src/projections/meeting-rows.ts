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
  /** The department that took the action on; null for actions recorded before they named one. */
  departmentId: string | null;
  /** When the scheduler found it still open at its due date (C-1.1); kept once it is completed, which `late` shows. */
  markedOverdueAt: string | null;
}

/** The departments of a case: a meeting about a case is seen by them, like the case itself. */
export interface MeetingCaseDepartmentRow {
  caseId: string;
  departmentId: string;
}

/** The departments expected to report at each kind of regular meeting, as last set (C-1.1). */
export interface MeetingCadenceRow {
  kind: string;
  version: number;
  /** JSON array of department ids. */
  expectedDepartments: string;
  setBy: string;
  setAt: string;
}

/** A weekly, monthly or quarterly period that ended without its meeting. */
export interface MissedMeetingRow {
  kind: string;
  periodKey: string;
  /** The period's first and last local dates (Asia/Shanghai). */
  periodFrom: string;
  periodTo: string;
  endedAt: string;
  /** JSON array: the departments the cadence expected then. */
  expectedDepartments: string;
}

/** An expected department that made no report at a regular meeting held. */
export interface UnreportedDepartmentRow {
  meetingId: string;
  departmentId: string;
  kind: string;
  periodKey: string;
  heldAt: string;
}
