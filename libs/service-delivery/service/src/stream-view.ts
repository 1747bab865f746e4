import { Aggregate, Decider, DomainEvent } from '@serviceledger/platform/core';

/**
 * A fold of an instance's stream other than its decider's state, for what the state keeps no copy of
 * (when a case's plan is due, whom a meeting concerns), read with `Commands.state`.
 */
export function streamView<E extends DomainEvent, V>(
  aggregate: Pick<Aggregate<never, never, unknown>, 'streamPrefix'>,
  view: Pick<Decider<never, E, V>, 'initialState' | 'evolve'>,
): { streamPrefix: string; decider: Pick<Decider<never, E, V>, 'initialState' | 'evolve'> } {
  return { streamPrefix: aggregate.streamPrefix, decider: view };
}
