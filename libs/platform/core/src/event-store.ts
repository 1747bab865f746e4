import { EventEnvelope, NewEvent } from './envelope';

/**
 * `number`: the stream's last position must be exactly this; `no_stream`: the stream must not exist;
 * `exists`: it must exist; `any`: no check.
 */
export type ExpectedVersion = number | 'no_stream' | 'exists' | 'any';

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  /** Position of the last event now in the stream. */
  nextExpectedVersion: number;
  /** Checkpoint of the last appended event: a query can wait for its projection to pass it. */
  checkpoint: string;
}

/** What an append numbered by a counter answers: `number` is the one taken, undefined when none was (nothing to append, or a repeated append). */
export interface NumberedAppendResult extends AppendResult {
  number: number | undefined;
}

export interface StreamRange {
  /** First position to read, inclusive (default 0). */
  from?: number;
  maxCount?: number;
}

export interface EventFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Read events strictly after this checkpoint; from the start when absent. */
  after?: string;
  batchSize?: number;
  filter?: EventFilter;
}

export interface ReadAllResult {
  /** May be empty short of the head: a store may bound how much of the log one read looks at. */
  events: EventEnvelope[];
  /** Where the next read continues: past filtered-out events too, so a filter never re-reads them. */
  checkpoint: string | undefined;
  /** True when the read reached the head of the log. */
  isEnd: boolean;
}

export interface SubscribeOptions {
  after?: string;
  filter?: EventFilter;
  batchSize?: number;
}

export type SubscriptionHandler = (events: EventEnvelope[], checkpoint: string) => Promise<void>;

export interface Subscription {
  /** Stops after the batch in flight; resolves once its handler returned. */
  stop(): Promise<void>;
  /** Resolves when the subscription failed: the handler threw or the store failed. */
  readonly failed: Promise<Error>;
}

/** Orders the adapter's opaque checkpoints. */
export interface CheckpointOrder {
  compare(a: string | undefined, b: string | undefined): number;
  /** How far `to` is ahead of `from`, in the adapter's units (events for SQLite and in-memory). */
  distance(from: string | undefined, to: string | undefined): number;
}

/** The event store port: one contract, one suite, every adapter. */
export interface EventStore {
  readonly checkpoints: CheckpointOrder;
  appendToStream(
    stream: string,
    events: NewEvent[],
    options?: { expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult>;
  /**
   * Appends what `build` makes of the next number of the named counter, taking the number in the
   * append's own transaction: a build that throws or returns nothing, a refused append and a repeated
   * one take none, so the numbers stay gap-free (EventStoreDB, without transactions, may leave a gap:
   * its README says when). Concurrent callers wait for each other instead of conflicting. Counters start
   * at 1; `build` must be synchronous and pure.
   */
  appendNumbered(stream: string, counter: string, build: (n: number) => NewEvent[], options?: AppendOptions): Promise<NumberedAppendResult>;
  /** The event with this id, on whichever stream; undefined when none has it. Constant cost: ids are indexed. */
  readEvent(eventId: string): Promise<EventEnvelope | undefined>;
  /**
   * The stream's events in the range, in one query; a stream that does not exist reads as empty, with no
   * error (a new aggregate is the normal case). Its version is the last event's position.
   */
  readStream(stream: string, range?: StreamRange): Promise<EventEnvelope[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;
  streamExists(stream: string): Promise<boolean>;
  /** Checkpoint of the newest event `readAll` can return now, if any: where a reader may start without skipping. */
  headCheckpoint(): Promise<string | undefined>;
  /**
   * Checkpoint of the newest committed event, if any: what a command may have answered. On PostgreSQL it can
   * be ahead of `headCheckpoint` while an older transaction is still open; elsewhere the two are the same.
   */
  newestCheckpoint(): Promise<string | undefined>;
  close(): Promise<void>;
}

export function matchesFilter(event: { stream: string; type: string }, filter?: EventFilter): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.stream.startsWith(p))) return false;
  if (filter.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

export function describeExpected(expected: ExpectedVersion): string {
  return typeof expected === 'number' ? `version ${expected}` : expected;
}
