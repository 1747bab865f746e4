import { EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionDefinition } from '@serviceledger/platform/read-models';
import { DEFAULT_TIME_ZONE, DailyCheckRecorded, localDateOf } from '@serviceledger/quality-monitoring/domain';

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
  version: 1,
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
    },
  },
  async apply(events, tables) {
    for (const event of events as Array<EventEnvelope & DailyCheckRecorded>) {
      if (event.type !== 'DailyCheckRecorded') continue;
      const d = event.data;
      await tables.repository<CheckRow>('check').upsert(
        {
          checkId: d.checkId,
          kind: d.kind,
          caseId: d.caseId,
          departmentId: d.departmentId,
          personId: d.personId ?? null,
          checkedAt: d.checkedAt,
          checkedBy: d.checkedBy,
          period: localDateOf(DEFAULT_TIME_ZONE, d.checkedAt).slice(0, 7),
          score: d.score ?? null,
          compliant: d.compliant ?? null,
          satisfied: d.satisfied ?? null,
          customerScore: d.customerScore ?? null,
          details: JSON.stringify(d),
        },
        ['checkId'],
      );
    }
  },
};
