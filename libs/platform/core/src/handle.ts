import { Command } from './command';
import { Decider } from './decider';
import { DomainEvent, EventEnvelope, NewEvent } from './envelope';
import { StreamNotFoundError, WrongExpectedVersionError } from './errors';
import { EventStore } from './event-store';
import { eventIdFor } from './ids';

export interface HandleResult<S> {
  state: S;
  /** Events this command appended, or, for a repeated command, the events it appended the first time. */
  events: NewEvent[];
  /** Position of the stream's last event; undefined when the stream still does not exist. */
  version: number | undefined;
  /** Checkpoint of the last event of this command; undefined when it appended nothing. */
  checkpoint: string | undefined;
  /** True when the command had already been handled and nothing was appended now. */
  replayed: boolean;
}

export interface HandleOptions {
  /** Attempts after a version conflict before giving up (default 5). */
  retries?: number;
  /** Base delay in ms of the exponential backoff between attempts (default 5). */
  backoffMs?: number;
}

/**
 * Read, fold, decide, append with the expected version; on a conflict, read again and retry.
 * A command that already landed (its events carry its id as causation) is answered with its
 * original events instead of being decided again; its event ids derive from the command id, so
 * even two racing retries cannot both append.
 */
export async function handle<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  options: HandleOptions = {},
): Promise<HandleResult<S>> {
  const retries = options.retries ?? 5;
  const backoffMs = options.backoffMs ?? 5;
  for (let attempt = 0; ; attempt++) {
    const history = await readOrEmpty(store, stream);
    const state = history.reduce((s, event) => decider.evolve(s, event as unknown as E), decider.initialState());
    const earlier = history.filter((event) => event.metadata.causationId === command.metadata.commandId);
    const version = history.length ? history[history.length - 1].streamPosition : undefined;
    if (earlier.length > 0) {
      return { state, events: earlier, version, checkpoint: earlier[earlier.length - 1].checkpoint, replayed: true };
    }

    const decided = decider.decide(command, state);
    if (decided.length === 0) return { state, events: [], version, checkpoint: undefined, replayed: false };
    const events = decided.map((e, i) => toNewEvent(e, i, command, decider));
    try {
      const appended = await store.appendToStream(stream, events, {
        expectedVersion: version ?? 'no_stream',
      });
      return {
        state: decided.reduce(decider.evolve, state),
        events,
        version: appended.nextExpectedVersion,
        checkpoint: appended.checkpoint,
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= retries) throw error;
      await delay(backoffMs * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}

function toNewEvent<C extends Command, E extends DomainEvent, S>(
  event: E,
  index: number,
  command: C,
  decider: Decider<C, E, S>,
): NewEvent {
  const { metadata } = command;
  return {
    id: eventIdFor(metadata.commandId, index),
    type: event.type,
    data: event.data,
    occurredAt: metadata.at,
    metadata: {
      correlationId: metadata.correlationId,
      causationId: metadata.commandId,
      actor: metadata.actor,
      schemaVersion: decider.schemaVersions?.[event.type as E['type']] ?? 1,
      ...(metadata.traceparent ? { traceparent: metadata.traceparent } : {}),
    },
  };
}

async function readOrEmpty(store: EventStore, stream: string): Promise<EventEnvelope[]> {
  try {
    return await store.readStream(stream);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
