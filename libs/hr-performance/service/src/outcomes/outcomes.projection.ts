import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { Outcome, outcome, outcomes } from '@serviceledger/hr-performance/domain';

export const OUTCOMES_PROJECTION = 'hr-performance.outcomes';

export interface OutcomeRow {
  outcomeId: string;
  employeeId: string;
  departmentId: string;
  kind: string;
  status: string;
  appraisalId: string;
  period: string;
  proposedAt: string;
  /** The folded outcome (JSON): the proposal, the appraisal and rule version it rests on, the decisions. */
  state: string;
}

/** Outcomes of appraisals by status, department and person, for the approvals waiting on heads and HR (H-2.3). */
export const outcomesProjection: ProjectionDefinition = {
  name: OUTCOMES_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [outcomes.streamPrefix] },
  tables: {
    outcome: {
      columns: {
        outcomeId: { type: String, primary: true, name: 'outcome_id' },
        employeeId: { type: String, name: 'employee_id' },
        departmentId: { type: String, name: 'department_id' },
        kind: { type: String },
        status: { type: String },
        appraisalId: { type: String, name: 'appraisal_id' },
        period: { type: String },
        proposedAt: { type: String, name: 'proposed_at' },
        state: { type: 'text' },
      },
      indices: [{ columns: ['status', 'departmentId'] }, { columns: ['employeeId'] }],
    } satisfies TableSpec<OutcomeRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events) {
      const folded = await foldEvent(tables, event, outcome);
      if (folded?.after) tables.table<OutcomeRow>('outcome').upsert(outcomeRow(folded.after));
    }
  },
};

function outcomeRow(o: Outcome): OutcomeRow {
  return {
    outcomeId: o.outcomeId,
    employeeId: o.employeeId,
    departmentId: o.departmentId,
    kind: o.kind,
    status: o.status,
    appraisalId: o.appraisal.appraisalId,
    period: o.appraisal.period,
    proposedAt: o.proposedAt,
    state: JSON.stringify(o),
  };
}
