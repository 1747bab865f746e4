import { Decider, DomainEvent, EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionTables, TableSpec } from './projection';

/** One aggregate's state as a projection folded it, and the position in its stream folded up to. */
export interface AggregateStateRow {
  stream: string;
  position: number;
  /** The decider's state, as JSON. */
  state: string;
}

/** The table in which `foldEvent` keeps the states: a projection that folds adds it to its tables. */
export const AGGREGATE_STATES = 'aggregate_state';

export const aggregateStatesTable: TableSpec<AggregateStateRow> = {
  columns: {
    stream: { type: String, primary: true },
    position: { type: Number },
    state: { type: 'text' },
  },
};

export interface Folded<S> {
  before: S;
  after: S;
}

/**
 * Folds `event` into the state of its stream with the decider's own `evolve`, so that rows built from
 * the result cannot disagree with what the decider decides on. The projection must receive every event
 * of the streams it folds. Returns nothing for an event at or before the position already folded: a
 * redelivered event changes nothing. The batch reads the states of its streams in one query before
 * `apply` (see applyProjectionBatch) and writes each stream's last state once, after it.
 */
export async function foldEvent<E extends DomainEvent, S>(
  tables: ProjectionTables,
  event: EventEnvelope,
  decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>,
): Promise<Folded<S> | undefined> {
  const states = tables.table<AggregateStateRow>(AGGREGATE_STATES);
  const stored = await states.get({ stream: event.stream });
  if (stored && stored.position >= event.streamPosition) return undefined;
  const before = stored ? (JSON.parse(stored.state) as S) : decider.initialState();
  const after = decider.evolve(before, { type: event.type, data: event.data } as E);
  states.upsert({ stream: event.stream, position: event.streamPosition, state: JSON.stringify(after) });
  return { before, after };
}
