import { createHash } from 'node:crypto';
import { Client, Pool, PoolClient } from 'pg';
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
  DuplicateEventIdError,
  WrongExpectedVersionError,
  createWakeup,
  pollingSubscription,
} from '@serviceledger/platform/core';
import { PgPosition, START, formatCheckpoint, parseCheckpoint, postgresCheckpoints } from './checkpoints';
import { APPEND_ERRORS, EVENT_STORE_MIGRATIONS, EVENT_STORE_MIGRATION_TABLE } from './event-store-migrations';
import { MigrationSet, migrateDatabase, pendingDatabaseMigrations, pendingMigrations, runMigrations } from './migrations';
import { quoteIdent } from './sql';

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:port/database` */
  connectionString: string;
  /** Schema of the `events` table (default `public`). */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /**
   * `true` (default): apply pending migrations at open, under the migration lock. `false`: only check,
   * and refuse to open when the schema is behind (migrations run as a separate step).
   */
  migrate?: boolean;
  /**
   * How often a subscription at the head looks again. NOTIFY wakes it sooner; the poll still matters:
   * an event becomes readable only when every older transaction has ended, which sends no notification.
   */
  pollIntervalMs?: number;
}

interface EventRow {
  tx: string;
  pos: string;
  event_id: string;
  stream: string;
  stream_position: string;
  type: string;
  data: unknown;
  metadata: EventEnvelope['metadata'];
  occurred_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Selected from `events e`; 64-bit numbers as text. Order by `e.`-qualified columns, never by these aliases. */
const COLUMNS = `e.transaction_id::text AS tx, e.global_position::text AS pos, e.event_id::text AS event_id, e.stream,
  e.stream_position::text AS stream_position, e.type, e.data, e.metadata, e.occurred_at`;
/** Only transactions older than the oldest one still running: nothing can commit behind them later. */
const HORIZON = 'pg_snapshot_xmin(pg_current_snapshot())';

function ensureUuids(events: NewEvent[]): void {
  for (const event of events) {
    if (!UUID.test(event.id)) throw new Error(`Event id ${JSON.stringify(event.id)} is not a UUID`);
  }
}

/** The event store's schema is behind this code (opened with `migrate: false`): the release's migration step has not run. */
export class EventStoreSchemaBehindError extends Error {
  override readonly name = 'EventStoreSchemaBehindError';
  constructor(
    readonly schema: string,
    /** The migrations not applied, in order. */
    readonly pending: string[],
  ) {
    super(`The event store schema "${schema}" is behind: migration(s) ${pending.join(', ')} not applied. Run the release's migration step first.`);
  }
}

export function eventStoreMigrations(schema: string): MigrationSet {
  return { schema, table: EVENT_STORE_MIGRATION_TABLE, migrations: EVENT_STORE_MIGRATIONS };
}

/** Applies the event store's pending migrations (the migration Job's step); returns the ids applied. */
export function migrateEventStore(options: { connectionString: string; schema?: string }): Promise<string[]> {
  return migrateDatabase(options.connectionString, eventStoreMigrations(options.schema ?? 'public'));
}

/** The event store's migrations not applied yet (the migration step's dry run). */
export function pendingEventStoreMigrations(options: { connectionString: string; schema?: string }): Promise<string[]> {
  return pendingDatabaseMigrations(options.connectionString, eventStoreMigrations(options.schema ?? 'public'));
}

/**
 * The event store on PostgreSQL, for sites without EventStoreDB.
 *
 * Global order is (transaction id, global position), and `readAll` only returns rows of transactions
 * older than the oldest transaction still running (`pg_snapshot_xmin`). A position is taken from the
 * sequence before its transaction commits, so ordering by position alone would let a reader pass an
 * event that commits late and never see it; with this bound, whatever commits later always sorts
 * after what was already read. Checkpoints are `"<txid>:<position>"`.
 *
 * An append is one call of the schema's `append_events` function, in autocommit: it takes the stream's
 * advisory lock, so the expected version is checked against the committed state, and inserts with
 * `ON CONFLICT (event_id)` to tell a retry from a clash; the unique constraints are the backstop. Other
 * processes' subscriptions hear of it by a NOTIFY sent after the commit (`announce`).
 */
export class PostgresEventStore implements EventStore {
  readonly checkpoints = postgresCheckpoints;
  private readonly wakeup = createWakeup();
  private readonly table: string;
  private readonly counters: string;
  private readonly channel: string;
  private readonly appendFunction: string;
  private listener?: Client;
  private listening = false;
  private reconnectTimer?: NodeJS.Timeout;
  private closed = false;
  private announcing?: Promise<void>;
  private announceAgain = false;

  private constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions,
    readonly schema: string,
  ) {
    this.table = `${quoteIdent(schema)}.events`;
    this.counters = `${quoteIdent(schema)}.counters`;
    this.channel = notificationChannel(schema);
    this.appendFunction = `${quoteIdent(schema)}.append_events`;
  }

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      const set = eventStoreMigrations(schema);
      if (options.migrate === false) {
        const pending = await pendingMigrations(pool, set);
        if (pending.length) throw new EventStoreSchemaBehindError(schema, pending);
      } else {
        await runMigrations(pool, set);
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, options, schema);
  }

  /** One round trip: `append_events` (migration 0004) in autocommit; the NOTIFY follows, unwaited. */
  async appendToStream(
    stream: string,
    events: NewEvent[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    ensureUuids(events);
    const { appended, ...result } = await this.append(this.pool, stream, events, options.expectedVersion ?? 'any');
    if (appended) this.announce();
    return result;
  }

  async appendNumbered(stream: string, counter: string, build: (n: number) => NewEvent[], options: AppendOptions = {}): Promise<NumberedAppendResult> {
    const result = await this.transaction(async (client) => {
      // The counter's row lock queues concurrent callers (no conflict to retry) until this commits.
      const { rows } = await client.query<{ value: string }>(
        `INSERT INTO ${this.counters} AS c (name, value) VALUES ($1, 1)
         ON CONFLICT (name) DO UPDATE SET value = c.value + 1 RETURNING c.value::text AS value`,
        [counter],
      );
      const next = Number(rows[0].value);
      const events = build(next);
      ensureUuids(events);
      const { appended, ...appendResult } = await this.append(client, stream, events, options.expectedVersion ?? 'any');
      if (!appended) await client.query(`UPDATE ${this.counters} SET value = value - 1 WHERE name = $1`, [counter]);
      return { ...appendResult, number: appended ? next : undefined };
    });
    if (result.number !== undefined) this.announce();
    return result;
  }

  /**
   * Wakes this process's subscriptions, and those of other processes with a NOTIFY sent after the commit, in
   * autocommit: a transaction that notifies holds a global lock until its commit is flushed, so notifying inside
   * the appends would make concurrent appends commit one flush at a time. One NOTIFY at a time: the appends made
   * while it is on its way share the next one. A lost one costs a poll interval, not an event.
   */
  private announce(): void {
    this.wakeup.notify();
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = this.pool
      .query('SELECT pg_notify($1, $2)', [this.channel, ''])
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.announcing = undefined;
        if (this.announceAgain && !this.closed) {
          this.announceAgain = false;
          this.announce();
        }
      });
  }

  async readEvent(eventId: string): Promise<EventEnvelope | undefined> {
    if (!UUID.test(eventId)) return undefined;
    const { rows } = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM ${this.table} e WHERE e.event_id = $1`, [eventId]);
    return rows[0] && toEnvelope(rows[0]);
  }

  /** `appended` is false for an empty append and for a repeated one, answered with the original result. */
  private async append(
    db: Pool | PoolClient,
    stream: string,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult & { appended: boolean }> {
    try {
      const { rows } = await db.query<{ outcome: 'appended' | 'repeated' | 'empty'; version: string; tx: string | null; pos: string | null }>(
        `SELECT outcome, version::text AS version, tx::text AS tx, pos::text AS pos
           FROM ${this.appendFunction}($1, $2, $3, $4, $5::uuid[], $6::text[], $7::json[], $8::json[], $9::timestamptz[])`,
        [
          stream,
          typeof expected === 'number' ? 'version' : expected,
          typeof expected === 'number' ? expected : null,
          `${this.schema}.${stream}`,
          events.map((e) => e.id),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data ?? null)),
          events.map((e) => JSON.stringify(e.metadata)),
          events.map((e) => e.occurredAt),
        ],
      );
      const { outcome, version, tx, pos } = rows[0];
      return {
        nextExpectedVersion: Number(version),
        checkpoint: tx !== null && pos !== null ? `${tx}:${pos}` : formatCheckpoint(START),
        appended: outcome === 'appended',
      };
    } catch (error) {
      throw appendError(error, stream, expected);
    }
  }

  async readStream(stream: string, range: StreamRange = {}): Promise<EventEnvelope[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} e WHERE e.stream = $1 AND e.stream_position >= $2 ORDER BY e.stream_position LIMIT $3`,
      [stream, range.from ?? 0, range.maxCount ?? null],
    );
    return rows.map(toEnvelope);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const batchSize = options.batchSize ?? 500;
    const after = parseCheckpoint(options.after);
    const params: unknown[] = [after.transactionId.toString(), after.globalPosition.toString(), batchSize];
    const filters: string[] = [];
    if (options.filter?.streamPrefixes?.length) {
      params.push(options.filter.streamPrefixes);
      filters.push(`AND e.stream ^@ ANY($${params.length}::text[])`);
    }
    if (options.filter?.eventTypes?.length) {
      params.push(options.filter.eventTypes);
      filters.push(`AND e.type = ANY($${params.length}::text[])`);
    }
    // One statement, so the head and the batch come from one snapshot and one horizon.
    const { rows } = await this.pool.query<Partial<EventRow> & { head_tx: string | null; head_pos: string | null }>(
      `WITH horizon AS MATERIALIZED (SELECT ${HORIZON} AS xmin),
       head AS (
         SELECT e.transaction_id, e.global_position FROM ${this.table} e
          WHERE e.transaction_id < (SELECT xmin FROM horizon)
          ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1
       ),
       batch AS (
         SELECT e.* FROM ${this.table} e
          WHERE e.transaction_id < (SELECT xmin FROM horizon)
            AND (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
            ${filters.join(' ')}
          ORDER BY e.transaction_id, e.global_position LIMIT $3
       )
       SELECT head.transaction_id::text AS head_tx, head.global_position::text AS head_pos,
              batch.transaction_id::text AS tx, batch.global_position::text AS pos, batch.event_id::text AS event_id,
              batch.stream, batch.stream_position::text AS stream_position, batch.type, batch.data, batch.metadata,
              batch.occurred_at
         FROM (SELECT 1) AS one LEFT JOIN head ON true LEFT JOIN batch ON true
        ORDER BY batch.transaction_id, batch.global_position`,
      params,
    );
    const first = rows[0];
    const head: PgPosition | undefined =
      first?.head_tx != null && first.head_pos != null ? { transactionId: BigInt(first.head_tx), globalPosition: BigInt(first.head_pos) } : undefined;
    const events = rows.filter((r) => r.pos != null).map((r) => toEnvelope(r as EventRow));
    const full = events.length === batchSize;
    const reached = full ? parseCheckpoint(events[events.length - 1].checkpoint) : head;
    const moved = reached !== undefined && this.checkpoints.compare(formatCheckpoint(reached), formatCheckpoint(after)) > 0;
    return {
      events,
      checkpoint: moved ? formatCheckpoint(reached) : options.after,
      isEnd: !full || head === undefined || this.checkpoints.compare(formatCheckpoint(reached!), formatCheckpoint(head)) >= 0,
    };
  }

  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    this.listen();
    return pollingSubscription((o) => this.readAll(o), this.wakeup, options, handler, this.options.pollIntervalMs ?? 250);
  }

  async streamExists(stream: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ${this.table} WHERE stream = $1 LIMIT 1`, [stream]);
    return (rowCount ?? 0) > 0;
  }

  /** The newest event `readAll` can return now: consistent with its horizon, so nothing commits behind it. */
  async headCheckpoint(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ tx: string; pos: string }>(
      `SELECT e.transaction_id::text AS tx, e.global_position::text AS pos FROM ${this.table} e
        WHERE e.transaction_id < ${HORIZON} ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
    );
    return rows[0] ? `${rows[0].tx}:${rows[0].pos}` : undefined;
  }

  async newestCheckpoint(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ tx: string; pos: string }>(
      `SELECT transaction_id::text AS tx, global_position::text AS pos FROM ${this.table}
        ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    return rows[0] ? `${rows[0].tx}:${rows[0].pos}` : undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.wakeup.notify();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.announcing;
    await this.pool.end();
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** LISTENs on a dedicated connection while the store is open; reconnects after a drop. */
  private listen(): void {
    if (this.listening || this.closed) return;
    this.listening = true;
    const client = new Client({ connectionString: this.options.connectionString });
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listening = false;
      client.end().catch(() => undefined);
      if (!this.closed) this.reconnectTimer = setTimeout(() => this.listen(), 1000);
    };
    this.listener = client;
    client.on('notification', () => this.wakeup.notify());
    client.on('error', retry);
    client.on('end', retry);
    client
      .connect()
      .then(() => client.query(`LISTEN ${quoteIdent(this.channel)}`))
      // Whatever was appended while the listener was away is picked up now.
      .then(() => this.wakeup.notify())
      .catch(retry);
  }
}

/** The port's error for what `append_events` raised; anything else as it is. */
function appendError(error: unknown, stream: string, expected: ExpectedVersion): unknown {
  const { code, detail } = (error ?? {}) as { code?: string; detail?: string };
  if (code === APPEND_ERRORS.wrongExpectedVersion) return new WrongExpectedVersionError(stream, expected, detail ? Number(detail) : undefined);
  if (code === APPEND_ERRORS.duplicateEventId) return new DuplicateEventIdError(detail ?? '', stream);
  return error;
}

/** NOTIFY channel of one schema's log; channel names are cut at 63 bytes, so long ones are hashed. */
function notificationChannel(schema: string): string {
  const name = `sl_events.${schema}`;
  return Buffer.byteLength(name) <= 63 ? name : `sl_events.${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`;
}

function toEnvelope(row: EventRow): EventEnvelope {
  return {
    id: row.event_id,
    type: row.type,
    stream: row.stream,
    streamPosition: Number(row.stream_position),
    checkpoint: `${row.tx}:${row.pos}`,
    occurredAt: row.occurred_at.toISOString(),
    data: row.data,
    metadata: row.metadata,
  };
}
