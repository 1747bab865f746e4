import {
  AllStreamResolvedEvent,
  AppendResult as ClientAppendResult,
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  NO_STREAM,
  Position,
  ReadPosition,
  START,
  jsonEvent,
} from '@eventstore/db-client';
import {
  AppendResult,
  DuplicateEventIdError,
  EventEnvelope,
  EventStore,
  ExpectedVersion,
  NewEvent,
  AppendOptions,
  NumberedAppendResult,
  ReadAllOptions,
  ReadAllResult,
  StreamRange,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
  WrongExpectedVersionError,
  checkExpectedVersion,
  deterministicUuid,
} from '@serviceledger/platform/core';
import { CatchUpSubscription, CatchUpTuning, DEFAULT_CATCH_UP_TUNING } from './catch-up-subscription';
import { eventStoreDbCheckpoints, formatCheckpoint, isAfter, parseCheckpoint } from './checkpoints';
import { EsdbClient, EsdbRead, connect } from './client';
import {
  COUNTER_TAKEN_TYPE,
  EVENT_ID_CLAIM_TYPE,
  RecordedLike,
  hasErrorType,
  isDelivered,
  isMissingStream,
  isSystemEvent,
  isWrongExpectedVersion,
  positionOf,
  toActualVersion,
  toEnvelope,
  toEventData,
  toExpectedRevision,
  toWrongExpectedVersion,
} from './mapping';

export interface EventStoreDbEventStoreOptions {
  /** For example `esdb://localhost:2113?tls=false`. Not needed when `client` is given. */
  connectionString?: string;
  /** A client to use instead of connecting (tests inject a fake). The store disposes it on close. */
  client?: EsdbClient;
  /**
   * Make an event id unique across streams, as the other adapters do (default true). EventStoreDB only
   * recognises a repeated id within one stream, so before each append the store writes one small claim
   * per event id to the stream `<eventIdStreamPrefix><id>` with "no stream" expected: the claim names the
   * stream the id belongs to, and a claim for another stream makes the append fail with
   * DuplicateEventIdError before anything is written. Costs one more (parallel) round trip per append and a
   * tiny stream per event; turn it off where throughput matters more than that check.
   */
  uniqueEventIds?: boolean;
  /** Prefix of the claim streams (default `serviceledger-event-id-`). Claims never appear in reads. */
  eventIdStreamPrefix?: string;
  /** Prefix of the streams that keep `appendNumbered`'s counters (default `serviceledger-counter-`); never in reads. */
  counterStreamPrefix?: string;
  /** Subscription tuning: batch size, server checkpoint interval, idle checkpointing, reconnection. */
  subscriptions?: Partial<CatchUpTuning>;
}

const DEFAULT_BATCH_SIZE = 500;
const HEAD_PAGE_SIZE = 32;
/** Collisions on a counter before appendNumbered gives up: each costs a read and a refused append. */
const COUNTER_ATTEMPTS = 100;

/**
 * The event store on EventStoreDB (22.6 or newer; 24.10 in `deploy/compose.yaml`), through
 * `@eventstore/db-client`. See this library's README for how each part of the contract maps.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly checkpoints = eventStoreDbCheckpoints;
  private readonly client: EsdbClient;
  private readonly uniqueEventIds: boolean;
  private readonly claimPrefix: string;
  private readonly counterPrefix: string;
  private readonly tuning: CatchUpTuning;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    if (!options.client && !options.connectionString) {
      throw new Error('EventStoreDbEventStore needs a connectionString (esdb://host:2113?tls=false) or a client');
    }
    this.client = options.client ?? connect(options.connectionString!);
    this.uniqueEventIds = options.uniqueEventIds ?? true;
    this.claimPrefix = options.eventIdStreamPrefix ?? 'serviceledger-event-id-';
    this.counterPrefix = options.counterStreamPrefix ?? 'serviceledger-counter-';
    this.tuning = { ...DEFAULT_CATCH_UP_TUNING, ...options.subscriptions };
  }

  async appendToStream(
    stream: string,
    events: NewEvent[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    this.ensureOpen();
    const expected = options.expectedVersion ?? 'any';
    const expectedRevision = toExpectedRevision(expected);
    if (events.length === 0) return this.appendNothing(stream, expected);
    if (this.uniqueEventIds) await this.claimEventIds(stream, events);
    let result: ClientAppendResult;
    try {
      result = await this.client.appendToStream(stream, events.map(toEventData), { expectedRevision });
    } catch (error) {
      if (isWrongExpectedVersion(error)) return this.afterConflict(stream, events, expected, error);
      // "Stream exists" against a deleted stream: the server says deleted, the contract says wrong version.
      if (expected === 'exists' && hasErrorType(error, ErrorType.STREAM_DELETED)) {
        throw new WrongExpectedVersionError(stream, expected, undefined);
      }
      throw error;
    }
    const last = Number(result.nextExpectedRevision);
    // A retry the server recognised (same ids, same stream) is answered like the original append. Older
    // servers send no position for it; then the position is read back from the stream.
    const position = (result.position && positionOf({ position: result.position })) ?? (await this.positionAt(stream, last));
    return { nextExpectedVersion: last, checkpoint: formatCheckpoint(position) };
  }

  /**
   * Without transactions across streams, the number is taken first, by appending `{ value }` to the
   * counter's stream with its revision expected (callers that collide read again and retry), and the
   * events are appended after. A refused build takes nothing; an append that fails after the number was
   * taken (a crash, an append that conflicts in between) leaves a gap. The counter's stream is only read at its end.
   */
  async appendNumbered(stream: string, counter: string, build: (n: number) => NewEvent[], options: AppendOptions = {}): Promise<NumberedAppendResult> {
    this.ensureOpen();
    const counterStream = `${this.counterPrefix}${counter}`;
    for (let attempt = 0; ; attempt++) {
      const last = await this.lastEvent(counterStream);
      const next = ((last?.data as { value?: number } | undefined)?.value ?? 0) + 1;
      const events = build(next);
      if (events.length === 0 || (await this.readEvent(events[0].id))) {
        return { ...(await this.appendToStream(stream, events, options)), number: undefined };
      }
      // A refusal known before the number is taken leaves no gap; one that arises after it does.
      const expected = options.expectedVersion ?? 'any';
      if (expected !== 'any') checkExpectedVersion(stream, expected, (await this.lastEvent(stream))?.streamPosition);
      try {
        await this.client.appendToStream(counterStream, [jsonEvent({ type: COUNTER_TAKEN_TYPE, data: { value: next } })], {
          expectedRevision: last ? BigInt(last.streamPosition) : NO_STREAM,
        });
      } catch (error) {
        if (!isWrongExpectedVersion(error) || attempt >= COUNTER_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
        continue;
      }
      return { ...(await this.appendToStream(stream, events, options)), number: next };
    }
  }

  /** Through the event id's claim, which names its stream; the stream is then searched from its end, where retries land. */
  async readEvent(eventId: string): Promise<EventEnvelope | undefined> {
    this.ensureOpen();
    const id = eventId.toLowerCase();
    let owner: string | undefined;
    try {
      owner = await this.claimOwner(`${this.claimPrefix}${id}`);
    } catch (error) {
      if (isMissingStream(error)) return undefined;
      throw error;
    }
    if (!owner) return undefined;
    let found: EventEnvelope | undefined;
    await visit(this.client.readStream(owner, { fromRevision: END, direction: BACKWARDS, resolveLinkTos: false }), (r) => {
      if (r.event?.id.toLowerCase() === id) found = this.fromStreamRead(r.event);
      return found === undefined;
    });
    return found;
  }

  async readStream(stream: string, range: StreamRange = {}): Promise<EventEnvelope[]> {
    this.ensureOpen();
    const from = Math.max(0, range.from ?? 0);
    if (range.maxCount !== undefined && range.maxCount <= 0) return [];
    const events: EventEnvelope[] = [];
    try {
      const read = this.client.readStream(stream, {
        fromRevision: BigInt(from),
        direction: FORWARDS,
        resolveLinkTos: false,
        ...(range.maxCount === undefined ? {} : { maxCount: range.maxCount }),
      });
      for await (const resolved of read) {
        if (resolved.event) events.push(this.fromStreamRead(resolved.event));
      }
    } catch (error) {
      // A stream that does not exist reads as empty, as on every adapter.
      if (isMissingStream(error)) return [];
      throw error;
    }
    return events;
  }

  /**
   * Reads `$all` forward from just after `after`. The client (6.x) reads `$all` without a server-side
   * filter, so the filter and the exclusion of system events are applied here, to at most `batchSize`
   * events scanned per call: a filtered read may return fewer events than `batchSize`, even none, with
   * `isEnd` false. The checkpoint is the last position scanned, filtered out or not, so the next read never
   * scans those events again. Subscriptions do filter on the server (see CatchUpSubscription).
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.ensureOpen();
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const after = options.after === undefined ? undefined : parseCheckpoint(options.after);
    // Reading from a position includes the event at that position: ask for one more and skip it.
    const maxCount = batchSize + (after ? 1 : 0);
    const events: EventEnvelope[] = [];
    let scanned = 0;
    let last: Position | undefined;
    const { received, stoppedEarly } = await visit(
      this.client.readAll({ fromPosition: after ?? START, maxCount, direction: FORWARDS, resolveLinkTos: false }),
      (resolved: AllStreamResolvedEvent) => {
        const record = resolved.event;
        const position = record && positionOf(record);
        if (!record || !position || !isAfter(position, after)) return true;
        if (scanned === batchSize) return false;
        scanned += 1;
        last = position;
        if (isDelivered(record, options.filter)) events.push(toEnvelope(record, position));
        return true;
      },
    );
    return {
      events,
      checkpoint: last ? formatCheckpoint(last) : options.after,
      isEnd: !stoppedEarly && received < maxCount,
    };
  }

  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    this.ensureOpen();
    const subscription = new CatchUpSubscription(
      { client: this.client, readAll: (o) => this.readAll(o), headCheckpoint: () => this.headCheckpoint() },
      { after: options.after, filter: options.filter },
      handler,
      { ...this.tuning, batchSize: options.batchSize ?? this.tuning.batchSize },
    );
    this.subscriptions.add(subscription);
    return {
      failed: subscription.failed,
      stop: async () => {
        await subscription.stop();
        this.subscriptions.delete(subscription);
      },
    };
  }

  async streamExists(stream: string): Promise<boolean> {
    this.ensureOpen();
    try {
      let found = false;
      await visit(this.client.readStream(stream, { maxCount: 1, direction: FORWARDS, resolveLinkTos: false }), () => {
        found = true;
        return false;
      });
      return found;
    } catch (error) {
      if (isMissingStream(error)) return false;
      throw error;
    }
  }

  newestCheckpoint(): Promise<string | undefined> {
    return this.headCheckpoint();
  }

  /** The position of the newest event that is not a system event: `$all` read backwards, page by page. */
  async headCheckpoint(): Promise<string | undefined> {
    this.ensureOpen();
    let from: ReadPosition = END;
    for (;;) {
      let head: Position | undefined;
      let oldest: Position | undefined;
      const before = from === END ? undefined : from;
      const { received } = await visit(
        this.client.readAll({ fromPosition: from, maxCount: HEAD_PAGE_SIZE, direction: BACKWARDS, resolveLinkTos: false }),
        (resolved: AllStreamResolvedEvent) => {
          const record = resolved.event;
          const position = record && positionOf(record);
          if (!record || !position || (before && !isAfter(before, position))) return true;
          oldest = position;
          if (isSystemEvent(record)) return true;
          head = position;
          return false;
        },
      );
      if (head) return formatCheckpoint(head);
      if (received < HEAD_PAGE_SIZE || !oldest) return undefined;
      from = oldest;
    }
  }

  /** Stops every subscription (after its batch in flight) and disposes the client. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('The EventStoreDB event store is closed');
  }

  /** Nothing to write: check the expected version against the stream as it is, as the other adapters do. */
  private async appendNothing(stream: string, expected: ExpectedVersion): Promise<AppendResult> {
    const last = await this.lastEvent(stream);
    checkExpectedVersion(stream, expected, last?.streamPosition);
    return { nextExpectedVersion: last?.streamPosition ?? -1, checkpoint: last?.checkpoint ?? (await this.headCheckpoint()) ?? '0:0' };
  }

  /**
   * The server refused the expected version. Before reporting a conflict, read what is at the positions
   * this append expected to take: our own events there (all of them, in order) mean it is a retry that
   * already landed, answered with the original result; some of them mean a different append reused ids
   * (DuplicateEventIdError); none of them is a real conflict, reported with where the stream is.
   */
  private async afterConflict(stream: string, events: NewEvent[], expected: ExpectedVersion, error: unknown): Promise<AppendResult> {
    const actual = toActualVersion((error as { actualVersion?: unknown }).actualVersion);
    const start = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : undefined;
    if (start !== undefined && actual !== undefined && actual >= start) {
      const stored = await this.readStream(stream, { from: start, maxCount: events.length });
      const same = events.map((e, i) => stored[i]?.id.toLowerCase() === e.id.toLowerCase());
      if (same.every(Boolean)) {
        const last = stored[events.length - 1];
        return { nextExpectedVersion: last.streamPosition, checkpoint: last.checkpoint };
      }
      const reused = same.indexOf(true);
      if (reused >= 0) throw new DuplicateEventIdError(events[reused].id, stream);
    }
    throw toWrongExpectedVersion(stream, expected, error);
  }

  /** One claim per event id, all in parallel; a claim for another stream refuses the append. */
  private async claimEventIds(stream: string, events: NewEvent[]): Promise<void> {
    await Promise.all(
      events.map(async (event) => {
        const id = event.id.toLowerCase();
        const claimStream = `${this.claimPrefix}${id}`;
        // The claim's own id depends on the stream too: the server takes a repeated id in the claim stream
        // as a retry, which is right for the same stream and must not be for another.
        const claim = jsonEvent({
          id: deterministicUuid(`eventstoredb-event-id-claim:${id}:${stream}`),
          type: EVENT_ID_CLAIM_TYPE,
          data: { eventId: id, stream },
        });
        try {
          await this.client.appendToStream(claimStream, [claim], { expectedRevision: NO_STREAM });
        } catch (error) {
          if (!isWrongExpectedVersion(error)) throw error;
          if ((await this.claimOwner(claimStream)) !== stream) throw new DuplicateEventIdError(event.id, stream);
        }
      }),
    );
  }

  private async lastEvent(stream: string): Promise<EventEnvelope | undefined> {
    let last: EventEnvelope | undefined;
    try {
      await visit(this.client.readStream(stream, { fromRevision: END, maxCount: 1, direction: BACKWARDS }), (r) => {
        if (r.event) last = this.fromStreamRead(r.event);
        return false;
      });
    } catch (error) {
      if (!isMissingStream(error)) throw error;
    }
    return last;
  }

  private async claimOwner(claimStream: string): Promise<string | undefined> {
    let owner: string | undefined;
    await visit(this.client.readStream(claimStream, { maxCount: 1, direction: FORWARDS }), (r) => {
      const data = r.event?.data as { stream?: unknown } | undefined;
      owner = typeof data?.stream === 'string' ? data.stream : undefined;
      return false;
    });
    return owner;
  }

  /** The `$all` position of the event at `revision` of `stream`. */
  private async positionAt(stream: string, revision: number): Promise<Position> {
    const [event] = await this.readStream(stream, { from: revision, maxCount: 1 });
    if (!event) throw new Error(`Event ${revision} of ${stream} was appended but cannot be read back`);
    return parseCheckpoint(event.checkpoint);
  }

  private fromStreamRead(record: RecordedLike): EventEnvelope {
    const position = positionOf(record);
    if (!position) {
      throw new Error(
        `EventStoreDB sent no $all position with event ${record.id} of ${record.streamId}: ` +
          'stream reads carry positions from server version 22.6 on, which this adapter needs',
      );
    }
    return toEnvelope(record, position);
  }
}

/**
 * Iterates a read until `item` returns false or the read ends; a read left early is cancelled, so the
 * server stops sending. Returns how many items arrived and whether it was left early.
 */
async function visit<E>(read: EsdbRead<E>, item: (event: E) => boolean): Promise<{ received: number; stoppedEarly: boolean }> {
  let received = 0;
  let stoppedEarly = false;
  try {
    for await (const event of read) {
      received += 1;
      if (!item(event)) {
        stoppedEarly = true;
        break;
      }
    }
  } finally {
    if (stoppedEarly) await read.cancel?.().catch(() => undefined);
  }
  return { received, stoppedEarly };
}
