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
  StreamNotFoundError,
  StreamRange,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
  checkExpectedVersion,
  createWakeup,
  findRepeatedAppend,
  pollingSubscription,
} from '@serviceledger/platform/core';
import { PgPosition, START, formatCheckpoint, parseCheckpoint, postgresCheckpoints } from './checkpoints';
import { EVENT_STORE_MIGRATIONS, EVENT_STORE_MIGRATION_TABLE } from './event-store-migrations';
import { MigrationSet, migrateDatabase, pendingDatabaseMigrations, pendingMigrations, runMigrations } from './migrations';
import { ADVISORY_LOCK, isUniqueViolation, quoteIdent } from './sql';

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
 * Appends to one stream are serialised by a transaction-level advisory lock on the stream, so the
 * expected version is checked against the committed state; the unique constraints are the backstop.
 */
export class PostgresEventStore implements EventStore {
  readonly checkpoints = postgresCheckpoints;
  private readonly wakeup = createWakeup();
  private readonly table: string;
  private readonly counters: string;
  private readonly channel: string;
  private listener?: Client;
  private listening = false;
  private reconnectTimer?: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions,
    readonly schema: string,
  ) {
    this.table = `${quoteIdent(schema)}.events`;
    this.counters = `${quoteIdent(schema)}.counters`;
    this.channel = notificationChannel(schema);
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
        if (pending.length) {
          throw new Error(
            `The event store schema "${schema}" is behind: migration(s) ${pending.join(', ')} not applied. ` +
              'Run the migration step (migrateEventStore) first.',
          );
        }
      } else {
        await runMigrations(pool, set);
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, options, schema);
  }

  async appendToStream(
    stream: string,
    events: NewEvent[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    ensureUuids(events);
    const { appended, ...result } = await this.retryingTransaction((client) => this.append(client, stream, events, options.expectedVersion ?? 'any'));
    if (appended) this.wakeup.notify();
    return result;
  }

  async appendNumbered(stream: string, counter: string, build: (n: number) => NewEvent[], options: AppendOptions = {}): Promise<NumberedAppendResult> {
    const result = await this.retryingTransaction(async (client) => {
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
    if (result.number !== undefined) this.wakeup.notify();
    return result;
  }

  async readEvent(eventId: string): Promise<EventEnvelope | undefined> {
    if (!UUID.test(eventId)) return undefined;
    const { rows } = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM ${this.table} e WHERE e.event_id = $1`, [eventId]);
    return rows[0] && toEnvelope(rows[0]);
  }

  /** A transaction, run again when an id was committed meanwhile by an append to another stream (which holds another lock): the append rules then see the id and answer with the right error. */
  private async retryingTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction(work);
      } catch (error) {
        if (isUniqueViolation(error) && attempt < 3) continue;
        throw error;
      }
    }
  }

  /** `appended` is false for an empty append and for a repeated one, answered with the original result. */
  private async append(
    client: PoolClient,
    stream: string,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult & { appended: boolean }> {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCK.stream, `${this.schema}.${stream}`]);
    // A new statement, hence a new snapshot: it sees whatever the previous holder of the lock committed.
    const { rows } = await client.query<{ kind: 'id' | 'last'; event_id: string; stream: string; stream_position: string; tx: string; pos: string }>(
      `(SELECT 'id' AS kind, ${COLUMNS} FROM ${this.table} e WHERE e.event_id = ANY($2::uuid[]))
       UNION ALL
       (SELECT 'last', ${COLUMNS} FROM ${this.table} e WHERE e.stream = $1 ORDER BY e.stream_position DESC LIMIT 1)`,
      [stream, events.map((e) => e.id)],
    );
    const byId = new Map(
      rows
        .filter((r) => r.kind === 'id')
        .map((r) => [r.event_id.toLowerCase(), { stream: r.stream, streamPosition: Number(r.stream_position), checkpoint: `${r.tx}:${r.pos}` }]),
    );
    const repeated = findRepeatedAppend(stream, events, (id) => byId.get(id.toLowerCase()));
    if (repeated) return { ...repeated, appended: false };
    const last = rows.find((r) => r.kind === 'last');
    const current = last ? Number(last.stream_position) : undefined;
    checkExpectedVersion(stream, expected, current);
    if (events.length === 0) {
      return { nextExpectedVersion: current ?? -1, checkpoint: last ? `${last.tx}:${last.pos}` : formatCheckpoint(START), appended: false };
    }
    const inserted = await client.query<{ tx: string; pos: string }>(
      `WITH inserted AS (
         INSERT INTO ${this.table} (event_id, stream, stream_position, type, data, metadata, occurred_at)
         SELECT u.id, $1, $2::bigint + u.ord, u.type, u.data, u.metadata, u.occurred_at
           FROM unnest($3::uuid[], $4::text[], $5::json[], $6::json[], $7::timestamptz[])
                WITH ORDINALITY AS u(id, type, data, metadata, occurred_at, ord)
          ORDER BY u.ord
         RETURNING transaction_id, global_position
       ), notified AS (SELECT pg_notify($8, '') AS n)
       SELECT (SELECT transaction_id::text FROM inserted LIMIT 1) AS tx,
              (SELECT max(global_position)::text FROM inserted) AS pos,
              (SELECT count(*) FROM notified) AS n`,
      [
        stream,
        current ?? -1,
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data ?? null)),
        events.map((e) => JSON.stringify(e.metadata)),
        events.map((e) => e.occurredAt),
        this.channel,
      ],
    );
    const { tx, pos } = inserted.rows[0];
    return { nextExpectedVersion: (current ?? -1) + events.length, checkpoint: `${tx}:${pos}`, appended: true };
  }

  async readStream(stream: string, range: StreamRange = {}): Promise<EventEnvelope[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} e WHERE e.stream = $1 AND e.stream_position >= $2 ORDER BY e.stream_position LIMIT $3`,
      [stream, range.from ?? 0, range.maxCount ?? null],
    );
    if (rows.length === 0 && !(await this.streamExists(stream))) throw new StreamNotFoundError(stream);
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
