import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { AppraisalAccessed, appraisalAccessLog, appraisalAccessLogs } from '@serviceledger/hr-performance/domain';

export const APPRAISAL_ACCESSES_PROJECTION = 'hr-performance.appraisal-accesses';

/** One read of a person's appraisal text by someone other than the person: whose, by whom, when, which, why. */
export interface AppraisalAccessRow {
  employeeId: string;
  /** The access's position in the employee's access log: with the employee, it names the entry. */
  position: number;
  appraisalId: string;
  accessedAt: string;
  accessedBy: string;
  accessedByRoles: string;
  /** The text fields shown, comma-separated. */
  fields: string;
  reason: string;
}

/** The register of reads of appraisal texts, as intake's personal-data access register, one row per AppraisalAccessed. */
export const appraisalAccessesProjection: ProjectionDefinition = {
  name: APPRAISAL_ACCESSES_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [appraisalAccessLogs.streamPrefix] },
  tables: {
    access: {
      columns: {
        employeeId: { type: String, primary: true, name: 'employee_id' },
        position: { type: Number, primary: true },
        appraisalId: { type: String, name: 'appraisal_id' },
        accessedAt: { type: String, name: 'accessed_at' },
        accessedBy: { type: String, name: 'accessed_by' },
        accessedByRoles: { type: String, name: 'accessed_by_roles' },
        fields: { type: 'text' },
        reason: { type: 'text' },
      },
      indices: [{ columns: ['accessedAt'] }],
    } satisfies TableSpec<AppraisalAccessRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events as Array<EventEnvelope & AppraisalAccessed>) {
      // The log keeps no state; folding it still skips an access already registered.
      if (!(await foldEvent(tables, event, appraisalAccessLog))) continue;
      const { data, metadata, streamPosition } = event;
      tables.table<AppraisalAccessRow>('access').upsert({
        employeeId: data.employeeId,
        position: streamPosition,
        appraisalId: data.appraisalId,
        accessedAt: data.accessedAt,
        accessedBy: data.accessedBy,
        accessedByRoles: metadata.actor.roles.join(','),
        fields: data.fields.join(','),
        reason: data.reason,
      });
    }
  },
};
