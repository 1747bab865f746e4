import { Command } from './command';
import { Decider } from './decider';
import { DomainEvent, EventEnvelope, NewEvent } from './envelope';
import { WrongExpectedVersionError } from './errors';
import { AppendResult, EventStore } from './event-store';
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

export interface HandleOptions<C extends Command = Command, S = unknown> {
  /** Attempts after a version conflict before giving up (default 5). */
  retries?: number;
  /** Base delay in ms of the exponential backoff between attempts (default 5). */
  backoffMs?: number;
  /** Numbers the command from a store counter, taken in the append's transaction (see `EventStore.appendNumbered`). */
  numbering?: Numbering<C>;
  /** Throws to refuse the command on the state it would be decided on (whether the stream exists yet); a repeated command is not asked again. */
  authorise?: (state: S, exists: boolean) => void;
}

/** How a command gets the next number of a counter (a demand's yearly reference) before it is decided. */
export interface Numbering<C extends Command> {
  counter: string;
  /** The command with its number: `decide` sees this one. */
  apply(command: C, n: number): C;
}

/** How many events one command may have appended: a repeated command reads no more than this back. */
const MAX_EVENTS_PER_COMMAND = 100;

/**
 * Read, fold, decide, append with the expected version; on a conflict, read again and retry.
 * A command that already landed (its first event id derives from the command id) is answered with its
 * original events instead of being decided again; even two racing retries cannot both append, since the
 * store refuses an id twice. The cost is one read of the stream (empty for a new aggregate, no error) and
 * the append: two round trips on PostgreSQL. An append-only decider (an audit log) reads none of the
 * stream, only the command's first event by its indexed id.
 */
export async function handle<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  options: HandleOptions<C, S> = {},
): Promise<HandleResult<S>> {
  const retries = options.retries ?? 5;
  const backoffMs = options.backoffMs ?? 5;
  for (let attempt = 0; ; attempt++) {
    // A stream read in full holds this command's events if it landed here before; an append-only log is not read, so its events are found by id.
    const history = decider.appendOnly ? [] : await store.readStream(stream);
    const earlier = decider.appendOnly
      ? await eventsOfCommand(store, stream, command.metadata.commandId)
      : commandsEvents(history, command.metadata.commandId);
    const state = history.reduce((s, event) => decider.evolve(s, event as unknown as E), decider.initialState());
    const version = decider.appendOnly ? undefined : history.at(-1)?.streamPosition;
    if (earlier.length > 0) {
      return { state, events: earlier, version: version ?? earlier.at(-1)!.streamPosition, checkpoint: earlier.at(-1)!.checkpoint, replayed: true };
    }
    options.authorise?.(state, version !== undefined);
    const expectedVersion = decider.appendOnly ? 'any' : (version ?? 'no_stream');
    try {
      if (options.numbering) {
        const numbering = options.numbering;
        let decided: E[] = [];
        const appended = await store.appendNumbered(
          stream,
          numbering.counter,
          (n) => (decided = decider.decide(numbering.apply(command, n), state)).map((e, i) => toNewEvent(e, i, command, decider)),
          { expectedVersion },
        );
        if (decided.length === 0) return { state, events: [], version, checkpoint: undefined, replayed: false };
        if (appended.number === undefined) {
          // A twin of this command (same id) landed first: the next round answers with what it appended.
          if (attempt >= retries) throw new Error(`Command ${command.metadata.commandId} landed on ${stream} but cannot be read back`);
          continue;
        }
        return applied(decider, state, decided, command, appended);
      }
      const decided = decider.decide(command, state);
      if (decided.length === 0) return { state, events: [], version, checkpoint: undefined, replayed: false };
      const events = decided.map((e, i) => toNewEvent(e, i, command, decider));
      return applied(decider, state, decided, command, await store.appendToStream(stream, events, { expectedVersion }));
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= retries) throw error;
      await delay(backoffMs * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}

function applied<C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  state: S,
  decided: E[],
  command: C,
  appended: AppendResult,
): HandleResult<S> {
  return {
    state: decided.reduce(decider.evolve, state),
    events: decided.map((e, i) => toNewEvent(e, i, command, decider)),
    version: appended.nextExpectedVersion,
    checkpoint: appended.checkpoint,
    replayed: false,
  };
}

/** The events a command appended to this stream, found through its first event's id. */
async function eventsOfCommand(store: EventStore, stream: string, commandId: string): Promise<EventEnvelope[]> {
  const first = await store.readEvent(eventIdFor(commandId, 0));
  if (!first || first.stream !== stream) return [];
  return ownEvents(await store.readStream(stream, { from: first.streamPosition, maxCount: MAX_EVENTS_PER_COMMAND }), commandId);
}

/** The command's events in a history read in full, from its first event's id. */
function commandsEvents(history: EventEnvelope[], commandId: string): EventEnvelope[] {
  const firstId = eventIdFor(commandId, 0);
  const first = history.findIndex((event) => event.id.toLowerCase() === firstId);
  return first < 0 ? [] : ownEvents(history.slice(first, first + MAX_EVENTS_PER_COMMAND), commandId);
}

/** The leading events caused by the command. */
function ownEvents(following: EventEnvelope[], commandId: string): EventEnvelope[] {
  const end = following.findIndex((event) => event.metadata.causationId !== commandId);
  return end < 0 ? following : following.slice(0, end);
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
