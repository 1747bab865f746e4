import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { IdentificationRoundEvent, identificationRound, identificationRounds, startOf } from '@serviceledger/risk/domain';

export const ROUNDS_PROJECTION = 'risk.rounds';

export interface RoundRow {
  roundId: string;
  category: string;
  cadence: string;
  opensOn: string;
  dueOn: string;
  /** The instant the round falls overdue: its period's end, in UTC, to compare with now. */
  dueAt: string;
  status: string;
  overdue: boolean;
  closedAt: string | null;
  /** The folded round (JSON): findings, what is new, changed and retired. */
  round: string;
}

/** Identification rounds (K-1.1) by category and status, overdue ones visible. */
export const roundsProjection: ProjectionDefinition = {
  name: ROUNDS_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [identificationRounds.streamPrefix] },
  tables: {
    round: {
      columns: {
        roundId: { type: String, primary: true, name: 'round_id' },
        category: { type: String },
        cadence: { type: String },
        opensOn: { type: String, name: 'opens_on' },
        dueOn: { type: String, name: 'due_on' },
        dueAt: { type: String, name: 'due_at' },
        status: { type: String },
        overdue: { type: Boolean, default: false },
        closedAt: { type: String, nullable: true, name: 'closed_at' },
        round: { type: 'text' },
      },
      indices: [{ columns: ['category', 'opensOn'] }, { columns: ['status', 'dueAt'] }],
    } satisfies TableSpec<RoundRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events as Array<EventEnvelope & IdentificationRoundEvent>) {
      const after = (await foldEvent(tables, event, identificationRound))?.after;
      if (!after) continue;
      tables.table<RoundRow>('round').upsert({
        roundId: after.roundId,
        category: after.category,
        cadence: after.cadence,
        opensOn: after.opensOn,
        dueOn: after.dueOn,
        dueAt: startOf(after.dueOn),
        status: after.status,
        overdue: after.overdue,
        closedAt: after.closedAt ? new Date(after.closedAt).toISOString() : null,
        round: JSON.stringify(after),
      });
    }
  },
};
