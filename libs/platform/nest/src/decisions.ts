import { Inject, Injectable } from '@nestjs/common';
import {
  Command,
  Decider,
  DomainEvent,
  EventStore,
  HandleOptions,
  HandleResult,
  StreamNotFoundError,
  fold,
  handle,
} from '@serviceledger/platform/core';
import { EVENT_STORE } from './tokens';

/** The write side's one door to the event store: command handlers decide through it. */
@Injectable()
export class Decisions {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  decide<C extends Command, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
    command: C,
    options?: HandleOptions<C, S>,
  ): Promise<HandleResult<S>> {
    return handle(this.store, stream, decider, command, options);
  }

  /** The aggregate's current state, for a handler that must consult another aggregate (a registry, a rule book). */
  async state<E extends DomainEvent, S>(stream: string, decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>): Promise<S> {
    try {
      return fold(decider, (await this.store.readStream(stream)) as unknown as E[]);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return decider.initialState();
      throw error;
    }
  }
}
