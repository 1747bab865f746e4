/** The read-model rows of the clocks projection, as queries see them. */
export interface ClockRow {
  clockId: string;
  caseId: string;
  caseKind: string;
  metric: string;
  /**
   * The department answering for the clock: the case's now (null until it is assigned), except a
   * recording-delay clock, which is the department's that registered the case (二(一)2) when that is known.
   */
  departmentId: string | null;
  status: string;
  warned: boolean;
  breached: boolean;
  outcome: string | null;
  targetMinutes: number;
  startedAt: string;
  deadlineAt: string | null;
  stoppedAt: string | null;
  usedMinutes: number | null;
  pausedMinutes: number | null;
  diffMinutes: number | null;
  policyId: string | null;
  policyVersion: number | null;
  calendarId: string | null;
  calendarVersion: number | null;
  /** The clock's folded state (SlaClock as JSON), to read its time left at any instant. */
  state: string;
  updatedAt: string;
}

export interface CaseRow {
  caseId: string;
  departmentId: string | null;
  ownerId: string | null;
  /** The department that registered the case, when its registration said so. */
  registeringDepartmentId: string | null;
}

/** One breach of a clock's target: what "breaches by department and period" counts. */
export interface BreachRow {
  clockId: string;
  caseId: string;
  caseKind: string;
  metric: string;
  /** The clock's department when it breached (for a clock of an unassigned case, the first one assigned after). */
  departmentId: string | null;
  /** The business instant from which the target was exceeded. */
  dueAt: string;
  raisedAt: string;
  /** `YYYY-MM` of `dueAt` in Asia/Shanghai. */
  period: string;
  targetMinutes: number;
}
