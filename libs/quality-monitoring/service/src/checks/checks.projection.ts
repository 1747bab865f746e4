import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { DEFAULT_TIME_ZONE, DailyCheck, dailyCheck, localDateOf } from '@serviceledger/quality-monitoring/domain';

export const CHECKS_PROJECTION = 'quality-monitoring.checks';

export interface CheckRow {
  checkId: string;
  kind: string;
  caseId: string;
  departmentId: string;
  personId: string | null;
  checkedAt: string;
  checkedBy: string;
  /** `YYYY-MM` of `checkedAt` in Asia/Shanghai. */
  period: string;
  score: number | null;
  compliant: boolean | null;
  satisfied: boolean | null;
  customerScore: number | null;
  /** The whole recorded check (JSON). */
  details: string;
}

/** Daily checks by kind, department and month. */
export const checksProjection: ProjectionDefinition = {
  name: CHECKS_PROJECTION,
  // 2: rows fold the daily-check decider's state.
  version: 2,
  filter: { streamPrefixes: ['quality-monitoring.check-'] },
  tables: {
    check: {
      columns: {
        checkId: { type: String, primary: true, name: 'check_id' },
        kind: { type: String },
        caseId: { type: String, name: 'case_id' },
        departmentId: { type: String, name: 'department_id' },
        personId: { type: String, nullable: true, name: 'person_id' },
        checkedAt: { type: String, name: 'checked_at' },
        checkedBy: { type: String, name: 'checked_by' },
        period: { type: String },
        score: { type: 'real', nullable: true },
        compliant: { type: Boolean, nullable: true },
        satisfied: { type: Boolean, nullable: true },
        customerScore: { type: Number, nullable: true, name: 'customer_score' },
        details: { type: 'text' },
      },
      indices: [{ columns: ['period', 'departmentId'] }],
    } satisfies TableSpec<CheckRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events) {
      const folded = await foldEvent(tables, event, dailyCheck);
      if (folded?.after) tables.table<CheckRow>('check').upsert(checkRow(folded.after));
    }
  },
};

/** The row is the check as the decider keeps it, with its month for the indicators. */
function checkRow(check: DailyCheck): CheckRow {
  return {
    checkId: check.checkId,
    kind: check.kind,
    caseId: check.caseId,
    departmentId: check.departmentId,
    personId: check.personId ?? null,
    checkedAt: check.checkedAt,
    checkedBy: check.checkedBy,
    period: localDateOf(DEFAULT_TIME_ZONE, check.checkedAt).slice(0, 7),
    score: check.score ?? null,
    compliant: check.compliant ?? null,
    satisfied: check.satisfied ?? null,
    customerScore: check.customerScore ?? null,
    details: JSON.stringify(check),
  };
}
