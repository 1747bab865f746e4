import { Readable } from 'node:stream';
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  AppendResult,
  EventData,
  Filter,
  Position,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
} from '@eventstore/db-client';
import { EsdbClient, EsdbSubscription } from '../client';

/**
 * An in-memory stand-in for an EventStoreDB server, with clients that implement `EsdbClient`. It models
 * what the adapter relies on, as the server documents and implements it:
 * - positions are byte offsets, `commit === prepare` for each event, growing with every record;
 * - expected revisions, and idempotent appends: a repeated append with the same ids is answered with
 *   success when the expected revision is older than the stream (the ids are compared at those revisions),
 *   or, for `any` / `stream_exists`, when the ids are in its cache of recent ids *of that stream*. An id
 *   on another stream is not a repeat: EventStoreDB appends it;
 * - reading `$all` forwards from a position includes the event at that position; backwards excludes it;
 * - a catch-up subscription sends the events after its position that pass its filter, then live ones.
 * It is no proof that a real server behaves so: the contract suite against a server is (see the README).
 */
export class FakeEsdbServer {
  readonly log: FakeRecord[] = [];
  private cursor = 1_000n;
  private readonly subscriptions = new Set<FakeSubscription>();
  /** Whether the answer to a repeated (idempotent) append carries a position; servers differ. */
  idempotentPosition: 'last-event' | 'none' = 'none';
  /** Off: a repeated append is refused as a conflict, as a server whose id cache lost it would. */
  recognisesRepeats = true;
  /** Off: stream reads carry no `$all` position, as before server version 22.6. */
  positionsOnStreamReads = true;
  /** Every subscribeToAll call, for assertions. */
  readonly subscribeCalls: Array<{ fromPosition: ReadPosition | undefined; filter: Filter | undefined }> = [];
  /** Append calls that reached the "server", stream by stream. */
  readonly appendCalls: string[] = [];

  client(): FakeEsdbClient {
    return new FakeEsdbClient(this);
  }

  /** Writes a system event (as the server does for `$stats-…`, `$$…` metadata, …). */
  appendSystem(streamId = '$stats-127.0.0.1:2113', type = '$statsCollected'): FakeRecord {
    return this.write(streamId, [{ id: crypto.randomUUID(), type, data: {}, metadata: undefined }])[0];
  }

  /** Drops every open subscription with a transport error, as a lost connection would. */
  dropSubscriptions(error: Error = unavailable()): void {
    for (const subscription of [...this.subscriptions]) {
      this.subscriptions.delete(subscription);
      subscription.destroy(error);
    }
  }

  get openSubscriptions(): FakeSubscription[] {
    return [...this.subscriptions];
  }

  append(stream: string, events: EventData[], expected: AppendExpectedRevision): AppendResult {
    this.appendCalls.push(stream);
    const existing = this.log.filter((r) => r.streamId === stream);
    const current = existing.length ? BigInt(existing.length - 1) : undefined;
    const ids = events.map((e) => e.id.toLowerCase());
    const wrong = () => wrongExpectedVersion(stream, expected, current);
    const repeated = (from: number): AppendResult | undefined => {
      if (!this.recognisesRepeats) return undefined;
      const stored = ids.map((id, i) => existing[from + i]?.id === id);
      if (stored.every(Boolean)) {
        const last = existing[from + ids.length - 1];
        return {
          success: true,
          nextExpectedRevision: last.revision,
          position: this.idempotentPosition === 'last-event' ? last.position : undefined,
        };
      }
      return undefined;
    };
    if (expected === 'any' || expected === 'stream_exists') {
      if (expected === 'stream_exists' && current === undefined) throw wrong();
      // The cache of recent ids: when it has lost them, the server appends the events again.
      const first = this.recognisesRepeats ? existing.findIndex((r) => r.id === ids[0]) : -1;
      if (first >= 0) {
        const again = repeated(first);
        if (again) return again;
        throw wrong(); // part of the append is there, part is not
      }
    } else {
      const expectedNumber = expected === 'no_stream' ? -1n : expected;
      const currentNumber = current ?? -1n;
      if (expectedNumber > currentNumber) throw wrong();
      if (expectedNumber < currentNumber) {
        const again = repeated(Number(expectedNumber) + 1);
        if (again) return again;
        throw wrong();
      }
    }
    const written = this.write(stream, events);
    const last = written[written.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  private write(stream: string, events: Array<Pick<EventData, 'id' | 'type' | 'data' | 'metadata'>>): FakeRecord[] {
    let revision = BigInt(this.log.filter((r) => r.streamId === stream).length);
    const written = events.map((event) => {
      const position = { commit: this.cursor, prepare: this.cursor };
      // Positions are byte offsets: the next record starts after this one.
      this.cursor += 100n + BigInt(JSON.stringify(event.data ?? null).length);
      const record: FakeRecord = {
        streamId: stream,
        id: event.id.toLowerCase(),
        revision: revision++,
        type: event.type,
        // The real client sends JSON and parses it back; so does this fake, to catch what JSON would lose.
        data: JSON.parse(JSON.stringify(event.data ?? null)),
        metadata: event.metadata === undefined ? undefined : JSON.parse(JSON.stringify(event.metadata)),
        isJson: true,
        created: new Date(),
        position,
      };
      this.log.push(record);
      return record;
    });
    for (const subscription of this.subscriptions) setImmediate(() => subscription.pump());
    return written;
  }

  subscribe(fromPosition: ReadPosition | undefined, filter: Filter | undefined): FakeSubscription {
    this.subscribeCalls.push({ fromPosition, filter });
    const subscription = new FakeSubscription(this, fromPosition ?? 'start', filter, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    setImmediate(() => {
      if (subscription.destroyed) return;
      subscription.emit('confirmation');
      subscription.pump();
    });
    return subscription;
  }
}

export interface FakeRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: true;
  created: Date;
  position: Position;
}

export class FakeEsdbClient implements EsdbClient {
  disposed = false;

  constructor(readonly server: FakeEsdbServer) {}

  async appendToStream(stream: string, events: EventData[], options: { expectedRevision: AppendExpectedRevision }): Promise<AppendResult> {
    this.ensureOpen();
    await tick();
    return this.server.append(stream, events, options.expectedRevision);
  }

  readStream(
    stream: string,
    options: { fromRevision?: ReadRevision; maxCount?: number | bigint; direction?: 'forwards' | 'backwards' } = {},
  ): AsyncIterable<ResolvedEvent> & { cancel(): Promise<void> } {
    this.ensureOpen();
    const server = this.server;
    const read = async function* () {
      await tick();
      const records = server.log.filter((r) => r.streamId === stream);
      if (records.length === 0) throw streamNotFound(stream);
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      const backwards = options.direction === 'backwards';
      const from = options.fromRevision ?? (backwards ? 'end' : 'start');
      let selected = backwards ? [...records].reverse() : records;
      if (typeof from === 'bigint') selected = selected.filter((r) => (backwards ? r.revision <= from : r.revision >= from));
      for (const record of selected.slice(0, max)) {
        const event = server.positionsOnStreamReads ? record : { ...record, position: undefined };
        yield { event } as unknown as ResolvedEvent;
      }
    };
    return cancellable(read());
  }

  readAll(
    options: { fromPosition?: ReadPosition; maxCount?: number | bigint; direction?: 'forwards' | 'backwards' } = {},
  ): AsyncIterable<AllStreamResolvedEvent> & { cancel(): Promise<void> } {
    this.ensureOpen();
    const server = this.server;
    const read = async function* () {
      await tick();
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      const backwards = options.direction === 'backwards';
      const from = options.fromPosition ?? (backwards ? 'end' : 'start');
      let selected = backwards ? [...server.log].reverse() : [...server.log];
      if (typeof from === 'object') {
        selected = selected.filter((r) => (backwards ? r.position.commit < from.commit : r.position.commit >= from.commit));
      } else if (from === 'end' && !backwards) {
        selected = [];
      }
      for (const record of selected.slice(0, max)) yield { event: record, commitPosition: record.position.commit } as AllStreamResolvedEvent;
    };
    return cancellable(read());
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter }): EsdbSubscription {
    this.ensureOpen();
    return this.server.subscribe(options.fromPosition, options.filter);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private ensureOpen(): void {
    if (this.disposed) throw new Error('client disposed');
  }
}

/** A subscription as the client returns one: an object-mode Readable, fed by the "server". */
export class FakeSubscription extends Readable implements EsdbSubscription {
  private sentUpTo: bigint | undefined;

  constructor(
    private readonly server: FakeEsdbServer,
    from: ReadPosition,
    readonly serverFilter: Filter | undefined,
    private readonly onClose: () => void,
  ) {
    super({ objectMode: true, read() {} });
    this.sentUpTo = from === 'start' ? undefined : from === 'end' ? undefined : from.commit;
    if (from === 'end') this.sentUpTo = server.log.length ? server.log[server.log.length - 1].position.commit : undefined;
    this.once('close', () => this.onClose());
  }

  /** Sends what the server has after this subscription's position and passes its filter. */
  pump(): void {
    if (this.destroyed) return;
    for (const record of this.server.log) {
      if (this.sentUpTo !== undefined && record.position.commit <= this.sentUpTo) continue;
      this.sentUpTo = record.position.commit;
      if (passes(record, this.serverFilter)) this.push({ event: record, commitPosition: record.position.commit });
    }
  }

  /** Reports a checkpoint the way the client does: through the filter's callback, awaited. */
  async reportCheckpoint(position: Position): Promise<void> {
    await this.serverFilter?.checkpointReached?.(this as never, position);
  }

  async unsubscribe(): Promise<void> {
    this.destroy();
  }
}

function passes(record: FakeRecord, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  if ('prefixes' in filter) return filter.prefixes.some((p) => subject.startsWith(p));
  return new RegExp(filter.regex).test(subject);
}

function cancellable<E>(generator: AsyncGenerator<E>): AsyncIterable<E> & { cancel(): Promise<void>; cancelled: boolean } {
  const read = {
    cancelled: false,
    [Symbol.asyncIterator]: () => generator,
    async cancel() {
      read.cancelled = true;
      await generator.return(undefined);
    },
  };
  return read;
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

class FakeCommandError extends Error {
  constructor(
    readonly type: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    Object.assign(this, extra);
  }
}

function wrongExpectedVersion(streamName: string, expected: AppendExpectedRevision, current: bigint | undefined): Error {
  return new FakeCommandError('wrong-expected-version', `Wrong expected version for ${streamName}`, {
    streamName,
    expectedVersion: expected,
    actualVersion: current ?? 'no_stream',
  });
}

function streamNotFound(streamName: string): Error {
  return new FakeCommandError('stream-not-found', `${streamName} not found`, { streamName });
}

export function unavailable(): Error {
  return new FakeCommandError('unavailable', '14 UNAVAILABLE: Connection dropped');
}
