import { Command } from './command';
import { DomainEvent } from './envelope';

/**
 * An aggregate's write side as three pure functions: no I/O, no clock, no globals.
 * `decide` throws RuleViolation (or NotFoundError) for a command the state forbids.
 */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
  /**
   * True for a log whose `decide` never consults the state (an audit trail): handle() then reads none
   * of its events, so the stream may grow with the business at no cost to each command.
   */
  appendOnly?: boolean;
  /** Current schema version per event type; 1 where absent. */
  schemaVersions?: Partial<Record<E['type'], number>>;
}

export function fold<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>, events: E[]): S {
  return events.reduce(decider.evolve, decider.initialState());
}
