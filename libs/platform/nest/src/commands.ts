import { Inject, Injectable } from '@nestjs/common';
import { Actor, Aggregate, Command, Decider, DomainEvent, EventStore, NewEvent, NotFoundError, StreamNotFoundError, fold, handle, streamOf } from '@serviceledger/platform/core';
import { accessScope, canSee } from '@serviceledger/platform/auth';
import { CommandAccepted } from './command-context';
import { EVENT_STORE } from './tokens';

/** What a decided command leaves: the instance, the checkpoint to read after, its new state and the events appended. */
export interface Decided<S> extends CommandAccepted {
  state: S;
  events: NewEvent[];
  /** The command had landed before (a retry): `events` are those it appended then. */
  replayed: boolean;
}

/**
 * The one command path. Controllers, consumers, schedulers and seeders send every command through it:
 * it finds the instance's stream from the aggregate, authorises the actor on the instance's scope (a
 * principal outside it, or acting on a missing instance, gets the 404 a read would give), decides,
 * and appends with optimistic concurrency and idempotency (`handle()`).
 */
@Injectable()
export class Commands {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Runs the command; answers what a command route answers. */
  async execute<C extends Command, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, command: C): Promise<CommandAccepted> {
    const { id, checkpoint } = await this.decide(aggregate, command);
    return { id, checkpoint };
  }

  /** Runs the command; answers the new state and events too, for a use case that reports from them. */
  async decide<C extends Command, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, command: C): Promise<Decided<S>> {
    const id = aggregate.idOf(command);
    const result = await handle(this.store, streamOf(aggregate, id), aggregate.decider, command, {
      numbering: aggregate.numbering?.(command),
      authorise: (state, exists) => authorise(aggregate, command, state, exists, id),
    });
    return { id, checkpoint: result.checkpoint, state: result.state, events: result.events, replayed: result.replayed };
  }

  /**
   * An instance's state as the actor may see it, for a use case that works from it before deciding (a
   * suggestion, a route): 404 when it is missing or outside the actor's scope, as the command would be.
   */
  async stateFor<C extends Command, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, id: string, actor: Actor): Promise<S> {
    const [state, exists] = await Promise.all([this.state(aggregate, id), this.store.streamExists(streamOf(aggregate, id))]);
    if (!exists || (aggregate.scope && !isService(actor) && !canSee(accessScope(actor), aggregate.scope(state)))) {
      throw new NotFoundError(aggregate.name, id);
    }
    return state;
  }

  /** An instance's state, for a use case that consults another aggregate first (a registry, a rule book). */
  async state<E extends DomainEvent, S>(
    aggregate: { streamPrefix: string; decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'> },
    id: string,
  ): Promise<S> {
    try {
      return fold(aggregate.decider, (await this.store.readStream(streamOf(aggregate, id))) as unknown as E[]);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return aggregate.decider.initialState();
      throw error;
    }
  }
}

function authorise<C extends Command, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, command: C, state: S, exists: boolean, id: string): void {
  const creates = aggregate.creates === 'any' || aggregate.creates.includes(command.type);
  if (!exists && !creates) throw new NotFoundError(aggregate.name, id);
  if (!exists || !aggregate.scope || isService(command.metadata.actor)) return;
  if (!canSee(accessScope(command.metadata.actor), aggregate.scope(state))) throw new NotFoundError(aggregate.name, id);
}

/** The services' own actors (consumers, schedulers, seeders) hold no role: no route admits a principal without one. */
function isService(actor: Actor): boolean {
  return actor.roles.length === 0;
}
