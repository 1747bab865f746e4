import { Command } from './command';
import { Decider } from './decider';
import { DomainEvent } from './envelope';
import { Numbering } from './handle';

/** Whose an instance is: the departments responsible for it and the customer (organisation) it serves. */
export interface AggregateScope {
  departments?: readonly string[] | 'every department';
  customerId?: string;
}

/**
 * One aggregate, described once: where its streams are, which instance a command addresses, how it
 * decides and whose an instance is. The command path (`Commands` in platform/nest) runs any command of
 * any aggregate from this alone: load, authorise, decide, append with concurrency and idempotency.
 */
export interface Aggregate<C extends Command, E extends DomainEvent, S> {
  /** As a 404 names it: "Demand". */
  name: string;
  /** An instance's stream is the prefix and its id, e.g. `intake.demand-<id>`. */
  streamPrefix: string;
  decider: Decider<C, E, S>;
  /** The instance a command addresses; a registry of one instance answers its fixed id. */
  idOf(command: C): string;
  /** The commands that may start a missing instance: any other command on one answers 404. */
  creates: ReadonlyArray<C['type']> | 'any';
  /** Whose an existing instance is; principals outside it are answered 404. Absent: the route's permission suffices. */
  scope?(state: S): AggregateScope;
  /** A command numbered from a store counter (a demand's yearly reference). */
  numbering?(command: C): Numbering<C> | undefined;
}

export function streamOf(aggregate: Pick<Aggregate<never, never, unknown>, 'streamPrefix'>, id: string): string {
  return `${aggregate.streamPrefix}${id}`;
}
