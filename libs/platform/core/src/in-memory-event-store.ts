import { EventEnvelope, NewEvent } from './envelope';
import {
  AppendResult,
  EventStore,
  ExpectedVersion,
  AppendOptions,
  NumberedAppendResult,
  ReadAllOptions,
  ReadAllResult,
  StreamRange,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
  matchesFilter,
} from './event-store';
import { numericCheckpoints } from './numeric-checkpoints';
import { createWakeup, pollingSubscription } from './polling-subscription';
import { checkExpectedVersion, findRepeatedAppend } from './append-rules';

/** The reference adapter: unit and service tests run on it; it keeps nothing across restarts. */
export class InMemoryEventStore implements EventStore {
  readonly checkpoints = numericCheckpoints;
  /** Copies what goes in and comes out, as a real store's serialisation does; off for a scratch store whose users never mutate events. */
  private readonly copy: <T>(value: T) => T;

  constructor(options: { isolate?: boolean } = {}) {
    this.copy = options.isolate === false ? (value) => value : structuredClone;
  }

  private readonly log: EventEnvelope[] = [];
  private readonly streams = new Map<string, EventEnvelope[]>();
  private readonly byId = new Map<string, EventEnvelope>();
  private readonly counters = new Map<string, number>();
  private readonly wakeup = createWakeup();

  async appendToStream(
    stream: string,
    events: NewEvent[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    return this.append(stream, events, options.expectedVersion ?? 'any');
  }

  async appendNumbered(stream: string, counter: string, build: (n: number) => NewEvent[], options: AppendOptions = {}): Promise<NumberedAppendResult> {
    const next = (this.counters.get(counter) ?? 0) + 1;
    const events = build(next);
    const repeated = findRepeatedAppend(stream, events, (id) => this.byId.get(id));
    if (repeated) return { ...repeated, number: undefined };
    const result = this.append(stream, events, options.expectedVersion ?? 'any');
    if (events.length === 0) return { ...result, number: undefined };
    this.counters.set(counter, next);
    return { ...result, number: next };
  }

  async readEvent(eventId: string): Promise<EventEnvelope | undefined> {
    const event = this.byId.get(eventId);
    return event && this.copy(event);
  }

  private append(stream: string, events: NewEvent[], expectedVersion: ExpectedVersion): AppendResult {
    const existing = this.streams.get(stream) ?? [];
    const current = existing.length ? existing.length - 1 : undefined;
    const repeated = findRepeatedAppend(stream, events, (id) => this.byId.get(id));
    if (repeated) return repeated;
    checkExpectedVersion(stream, expectedVersion, current);
    if (events.length === 0) {
      return { nextExpectedVersion: current ?? -1, checkpoint: existing.at(-1)?.checkpoint ?? '0' };
    }
    const stored = events.map((event, i) => ({
      ...this.copy(event),
      stream,
      streamPosition: existing.length + i,
      checkpoint: String(this.log.length + i + 1),
    }));
    this.log.push(...stored);
    existing.push(...stored);
    this.streams.set(stream, existing);
    for (const event of stored) this.byId.set(event.id, event);
    this.wakeup.notify();
    const last = stored[stored.length - 1];
    return { nextExpectedVersion: last.streamPosition, checkpoint: last.checkpoint };
  }

  async readStream(stream: string, range: StreamRange = {}): Promise<EventEnvelope[]> {
    const events = this.streams.get(stream) ?? [];
    const from = range.from ?? 0;
    return this.copy(events.slice(from, range.maxCount === undefined ? undefined : from + range.maxCount));
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const batchSize = options.batchSize ?? 500;
    const start = options.after === undefined ? 0 : Number(options.after);
    const events: EventEnvelope[] = [];
    let index = start;
    while (index < this.log.length && events.length < batchSize) {
      const event = this.log[index++];
      if (matchesFilter(event, options.filter)) events.push(this.copy(event));
    }
    return {
      events,
      checkpoint: index === 0 ? options.after : String(index),
      isEnd: index >= this.log.length,
    };
  }

  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    return pollingSubscription((o) => this.readAll(o), this.wakeup, options, handler);
  }

  async streamExists(stream: string): Promise<boolean> {
    return this.streams.has(stream);
  }

  async headCheckpoint(): Promise<string | undefined> {
    return this.log.length ? String(this.log.length) : undefined;
  }

  newestCheckpoint(): Promise<string | undefined> {
    return this.headCheckpoint();
  }

  async close(): Promise<void> {
    this.wakeup.notify();
  }
}

