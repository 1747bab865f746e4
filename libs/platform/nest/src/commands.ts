import { Inject, Injectable } from '@nestjs/common';
import { Actor, Aggregate, Command, Decider, DomainEvent, EventStore, NewEvent, NotFoundError, fold, handle, streamOf } from '@serviceledger/platform/core';
import { SpanKind } from '@opentelemetry/api';
import { accessScope, canSee } from '@serviceledger/platform/auth';
import { inSpan, parentContext, traceparentOf, withCorrelation, withTracedAppends } from '@serviceledger/platform/observability';
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
  /** What the commands append to: with tracing, each append is a span of its own. */
  private readonly appendTo: EventStore;
  /** Events appended by this process's commands since it started, by aggregate and type (the metrics count them). */
  readonly appended = new Map<string, Map<string, number>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.appendTo = withTracedAppends(store);
  }

  /** Runs the command; answers what a command route answers. */
  async execute<C extends Command, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, command: C): Promise<CommandAccepted> {
    const { id, checkpoint } = await this.decide(aggregate, command);
    return { id, checkpoint };
  }

  /** Runs the command; answers the new state and events too, for a use case that reports from them. */
  async decide<C extends Command, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, command: C): Promise<Decided<S>> {
    const id = aggregate.idOf(command);
    const { metadata } = command;
    const parent = withCorrelation(parentContext(metadata.traceparent), metadata.correlationId);
    const attributes = { 'serviceledger.aggregate': aggregate.name, 'serviceledger.aggregate_id': id, 'serviceledger.command_id': metadata.commandId };
    return inSpan(`command ${aggregate.name} ${command.type}`, { kind: SpanKind.INTERNAL, attributes }, parent, async (span) => {
      // The events record the command's span: the relay, the projections and the next service continue from it.
      const traceparent = traceparentOf(span);
      const traced = traceparent ? { ...command, metadata: { ...metadata, traceparent } } : command;
      const result = await handle(this.appendTo, streamOf(aggregate, id), aggregate.decider, traced, {
        numbering: aggregate.numbering?.(traced),
        authorise: (state, exists) => authorise(aggregate, traced, state, exists, id),
      });
      if (result.replayed) span.setAttribute('serviceledger.replayed', true);
      else this.count(aggregate.name, result.events);
      return { id, checkpoint: result.checkpoint, state: result.state, events: result.events, replayed: result.replayed };
    });
  }

  private count(aggregate: string, events: readonly NewEvent[]): void {
    if (!events.length) return;
    const byType = this.appended.get(aggregate) ?? new Map<string, number>();
    for (const { type } of events) byType.set(type, (byType.get(type) ?? 0) + 1);
    this.appended.set(aggregate, byType);
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
    return fold(aggregate.decider, (await this.store.readStream(streamOf(aggregate, id))) as unknown as E[]);
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
