import Database from 'better-sqlite3';
import { resolve as absolutePath } from 'node:path';
import { setImmediate as endOfTurn } from 'node:timers/promises';
import { BroadcastChannel } from 'node:worker_threads';
import {
  AppendResult,
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
  checkExpectedVersion,
  Appended,
  createWakeup,
  findRepeatedAppend,
  numericCheckpoints,
  pollingSubscription,
} from '@serviceledger/platform/core';
import { loopTurns } from './loop-turns';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:'. */
  filename: string;
  /** `FULL` survives power loss; `NORMAL` (WAL) survives a process crash. Default FULL. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How often a subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
}

/** An append waiting for the next group commit, and how to answer its caller. */
interface Queued {
  work: () => AppendResult | NumberedAppendResult;
  resolve(result: AppendResult | NumberedAppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { result: AppendResult | NumberedAppendResult } | { error: unknown };

interface GroupCommit {
  outcomes: Outcome[];
  appended: Appended;
}

interface Row {
  global_position: number;
  event_id: string;
  stream: string;
  stream_position: number;
  type: string;
  data: string;
  metadata: string;
  occurred_at: string;
}

/**
 * How many positions of the log one filtered read looks at. A filter that matches little (a projection of customer
 * streams) scans the log for its batch: unbounded, one read after a restart scanned 260,000 events, and the
 * subscriptions' reads together held the event loop for 2.6 s at a time. Bounded, a read takes a few milliseconds
 * and the subscription reads on, letting the loop run between reads.
 */
const FILTERED_SCAN_WINDOW = 10_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT    NOT NULL UNIQUE,
  stream          TEXT    NOT NULL,
  stream_position INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  occurred_at     TEXT    NOT NULL,
  UNIQUE (stream, stream_position)
);
CREATE INDEX IF NOT EXISTS events_type ON events (type, global_position);
CREATE TABLE IF NOT EXISTS counters (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
);
`;

/**
 * The embedded default: one file, WAL, global order by row id.
 *
 * Group commit (ADR 0021): appends made in the same turn of the event loop wait for its end and then commit in
 * one transaction, one fsync for all of them. Each runs in a savepoint of its own, with its own expected-version
 * and repeated-append checks, in the order they were made: a refused one rolls back alone and the others commit.
 *
 * Stores on the same file in other threads of the process (the embedded default's worker, see
 * apps/standalone/src/main.ts) hear of each commit at once over a BroadcastChannel; other processes by polling.
 */
export class SqliteEventStore implements EventStore {
  readonly checkpoints = numericCheckpoints;
  private readonly db: Database.Database;
  private readonly wakeup = createWakeup();
  private readonly neighbours?: BroadcastChannel;
  private queued: Queued[] = [];
  private readonly commitGroup: Database.Transaction<(group: Queued[]) => GroupCommit>;
  /** The events the group being committed has inserted so far, for its `Appended`. */
  private inserted: Array<{ stream: string; type: string }> = [];
  private readonly statements;
  /** readAll's statements by SQL text: it varies only with the number of prefixes and types filtered on. */
  private readonly readAllStatements = new Map<string, Database.Statement<unknown[], Row>>();
  private readonly append: Database.Transaction<(stream: string, events: NewEvent[], expected: ExpectedVersion) => AppendResult>;
  private readonly numbered: Database.Transaction<
    (stream: string, counter: string, build: (n: number) => NewEvent[], expected: ExpectedVersion) => NumberedAppendResult
  >;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      version: this.db.prepare<[string], { v: number | null }>('SELECT MAX(stream_position) AS v FROM events WHERE stream = ?'),
      byId: this.db.prepare<[string], Row>('SELECT * FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        `INSERT INTO events (event_id, stream, stream_position, type, data, metadata, occurred_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      readStream: this.db.prepare<[string, number, number], Row>(
        'SELECT * FROM events WHERE stream = ? AND stream_position >= ? ORDER BY stream_position LIMIT ?',
      ),
      exists: this.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM events WHERE stream = ? LIMIT 1'),
      head: this.db.prepare<[], { p: number | null }>('SELECT MAX(global_position) AS p FROM events'),
      counter: this.db.prepare<[string], { value: number }>('SELECT value FROM counters WHERE name = ?'),
      setCounter: this.db.prepare(
        'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      ),
    };
    // Built once: better-sqlite3 would otherwise wrap a new function on every append.
    this.append = this.db.transaction((stream: string, events: NewEvent[], expected: ExpectedVersion): AppendResult => {
      const repeated = findRepeatedAppend(stream, events, this.stored);
      if (repeated) return repeated;
      const current = this.statements.version.get(stream)?.v ?? undefined;
      checkExpectedVersion(stream, expected, current);
      let position = current ?? -1;
      let checkpoint = String(this.statements.head.get()?.p ?? 0);
      for (const event of events) {
        position += 1;
        const info = this.statements.insert.run(
          event.id,
          stream,
          position,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          event.occurredAt,
        );
        checkpoint = String(info.lastInsertRowid);
        this.inserted.push({ stream, type: event.type });
      }
      return { nextExpectedVersion: position, checkpoint };
    });
    // The counter is read and written inside the append's immediate transaction: writers queue on the
    // database lock, and a throw anywhere rolls the number back with the events.
    this.numbered = this.db.transaction((stream, counter, build, expected): NumberedAppendResult => {
      const next = (this.statements.counter.get(counter)?.value ?? 0) + 1;
      const events = build(next);
      const repeated = findRepeatedAppend(stream, events, this.stored);
      if (repeated) return { ...repeated, number: undefined };
      const result = this.append.default(stream, events, expected);
      if (events.length === 0) return { ...result, number: undefined };
      this.statements.setCounter.run(counter, next);
      return { ...result, number: next };
    });
    // Called inside this transaction, `append` and `numbered` run as savepoints: a throw undoes only its own append.
    this.commitGroup = this.db.transaction((group: Queued[]): GroupCommit => {
      const before = this.statements.head.get()?.p ?? 0;
      this.inserted = [];
      const outcomes = group.map((queued): Outcome => {
        const mark = this.inserted.length;
        try {
          return { result: queued.work() };
        } catch (error) {
          this.inserted.length = mark;
          return { error };
        }
      });
      const after = this.statements.head.get()?.p ?? 0;
      return { outcomes, appended: { after: before ? String(before) : undefined, checkpoint: String(after), events: this.inserted } };
    });
    if (options.filename !== ':memory:') {
      this.neighbours = new BroadcastChannel(`serviceledger:sqlite-events:${absolutePath(options.filename)}`);
      this.neighbours.unref();
      this.neighbours.onmessage = () => this.wakeup.notify();
    }
  }

  private readonly stored = (id: string) => {
    const row = this.statements.byId.get(id);
    return row && { stream: row.stream, streamPosition: row.stream_position, checkpoint: String(row.global_position) };
  };

  appendToStream(stream: string, events: NewEvent[], options: { expectedVersion?: ExpectedVersion } = {}): Promise<AppendResult> {
    return this.enqueue(() => this.append(stream, events, options.expectedVersion ?? 'any'));
  }

  appendNumbered(stream: string, counter: string, build: (n: number) => NewEvent[], options: AppendOptions = {}): Promise<NumberedAppendResult> {
    return this.enqueue(() => this.numbered(stream, counter, build, options.expectedVersion ?? 'any')) as Promise<NumberedAppendResult>;
  }

  private enqueue(work: Queued['work']): Promise<AppendResult | NumberedAppendResult> {
    return new Promise((resolve, reject) => {
      this.queued.push({ work, resolve, reject });
      if (this.queued.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  /** One transaction for every append queued since the last: the callers hear only after it committed. */
  private commitQueued(): void {
    const group = this.queued;
    if (group.length === 0) return;
    this.queued = [];
    let outcomes: Outcome[];
    let appended: Appended;
    try {
      ({ outcomes, appended } = this.commitGroup.immediate(group));
    } catch (error) {
      for (const queued of group) queued.reject(error);
      return;
    }
    if (outcomes.some((o) => 'result' in o)) {
      this.wakeup.notify(appended);
      this.neighbours?.postMessage('appended');
    }
    outcomes.forEach((outcome, i) => ('result' in outcome ? group[i].resolve(outcome.result) : group[i].reject(outcome.error)));
  }

  async readEvent(eventId: string): Promise<EventEnvelope | undefined> {
    const row = this.statements.byId.get(eventId);
    return row && toEnvelope(row);
  }

  /** One query: a stream that does not exist reads as empty. */
  async readStream(stream: string, range: StreamRange = {}): Promise<EventEnvelope[]> {
    return this.statements.readStream.all(stream, range.from ?? 0, range.maxCount ?? -1).map(toEnvelope);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const batchSize = options.batchSize ?? 500;
    const after = Number(options.after ?? 0);
    const { sql, params } = filterClause(options);
    return this.db
      .transaction((): ReadAllResult => {
        const head = this.statements.head.get()?.p ?? 0;
        const until = sql ? Math.min(head, after + FILTERED_SCAN_WINDOW) : head;
        const text = `SELECT * FROM events WHERE global_position > ? AND global_position <= ?${sql} ORDER BY global_position LIMIT ?`;
        let statement = this.readAllStatements.get(text);
        if (!statement) this.readAllStatements.set(text, (statement = this.db.prepare<unknown[], Row>(text)));
        const rows = statement.all(after, until, ...params, batchSize);
        const full = rows.length === batchSize;
        const reached = full ? rows[rows.length - 1].global_position : until;
        return {
          events: rows.map(toEnvelope),
          checkpoint: reached > after ? String(reached) : options.after,
          isEnd: reached >= head,
        };
      })
      .deferred();
  }

  /**
   * While a subscription is behind the head, each of its batches waits for a turn of the event loop of its own: a
   * long catch-up must not hold up requests and timers. Once at the head, what an append wakes it to read waits
   * only for the end of the turn, so that a query `?after=` a command is not kept behind the other subscriptions.
   */
  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    let behind = true;
    const read = async (o: ReadAllOptions) => {
      await (behind ? loopTurns.next() : endOfTurn());
      const result = await this.readAll(o);
      behind = !result.isEnd;
      return result;
    };
    return pollingSubscription(read, this.wakeup, options, handler, this.options.pollIntervalMs);
  }

  async streamExists(stream: string): Promise<boolean> {
    return this.statements.exists.get(stream) !== undefined;
  }

  async headCheckpoint(): Promise<string | undefined> {
    const head = this.statements.head.get()?.p;
    return head ? String(head) : undefined;
  }

  newestCheckpoint(): Promise<string | undefined> {
    return this.headCheckpoint();
  }

  async close(): Promise<void> {
    if (this.db.open) this.commitQueued();
    this.wakeup.notify();
    this.neighbours?.close();
    if (this.db.open) this.db.close();
  }
}

function filterClause(options: ReadAllOptions): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const prefixes = options.filter?.streamPrefixes ?? [];
  if (prefixes.length) {
    parts.push(`(${prefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ')})`);
    for (const p of prefixes) params.push(p.length, p);
  }
  const types = options.filter?.eventTypes ?? [];
  if (types.length) {
    parts.push(`type IN (${types.map(() => '?').join(', ')})`);
    params.push(...types);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

function toEnvelope(row: Row): EventEnvelope {
  return {
    id: row.event_id,
    type: row.type,
    stream: row.stream,
    streamPosition: row.stream_position,
    checkpoint: String(row.global_position),
    occurredAt: row.occurred_at,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}
