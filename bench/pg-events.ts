// PostgreSQL side of the bench: is the server there, throwaway schemas, and the baseline's copy of the event table
// (created by the store's own migration in another schema, so the shape is the same by construction, and checked).
import { Client, Pool } from 'pg';
import type { NewEvent } from '@serviceledger/platform/core';
import { EVENT_STORE_MIGRATIONS, ScratchSchema, pgTestUrl, quoteIdent, scratchSchema } from '@serviceledger/platform/postgres';

/** Undefined when PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) answers; otherwise why not. */
export async function postgresUnreachable(): Promise<string | undefined> {
  const client = new Client({ connectionString: pgTestUrl(), connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL unreachable at ${redacted(pgTestUrl())} (${(error as Error).message || String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const redacted = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** Runs `work` with a maker of fresh `sl_bench_<random>` schemas, and drops every one it made afterwards, whatever happens. */
export async function withScratchSchemas<T>(work: (scratch: () => ScratchSchema) => Promise<T>): Promise<T> {
  const made: ScratchSchema[] = [];
  try {
    return await work(() => {
      const schema = scratchSchema('sl_bench');
      made.push(schema);
      return schema;
    });
  } finally {
    for (const s of made) await s.drop().catch(() => undefined);
  }
}

/** The server's settings that decide what a commit costs, for the log and the docs. */
export async function postgresSettings(url: string): Promise<string> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'wal_sync_method') ORDER BY name",
    );
    return rows.map((r) => `${r.name}=${r.setting}`).join(', ');
  } finally {
    await pool.end();
  }
}

export interface RawPgEventTable {
  schema: string;
  /** One autocommit INSERT per call: the events, at stream positions 0, 1, … of `stream`. */
  append(stream: string, events: NewEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** The store's `events` table in `schema`, from the store's own migration; written with `pg` directly. */
export async function openRawPgEventTable(url: string, schema: string): Promise<RawPgEventTable> {
  // Same pool size as the store's default.
  const pool = new Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const s = quoteIdent(schema);
  await pool.query(`CREATE SCHEMA ${s}`);
  for (const migration of EVENT_STORE_MIGRATIONS) await pool.query(migration.up(s));
  const single = `INSERT INTO ${s}.events (event_id, stream, stream_position, type, data, metadata, occurred_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7)`;
  const many = `INSERT INTO ${s}.events (event_id, stream, stream_position, type, data, metadata, occurred_at)
                SELECT u.id, $1, u.ord - 1, u.type, u.data, u.metadata, u.occurred_at
                  FROM unnest($2::uuid[], $3::text[], $4::json[], $5::json[], $6::timestamptz[])
                       WITH ORDINALITY AS u(id, type, data, metadata, occurred_at, ord)`;
  return {
    schema,
    // Autocommit, the way the store's append_events is called: one statement, one round trip.
    async append(stream, events) {
      if (events.length === 1) {
        const e = events[0];
        await pool.query(single, [e.id, stream, 0, e.type, JSON.stringify(e.data ?? null), JSON.stringify(e.metadata), e.occurredAt]);
        return;
      }
      await pool.query(many, [
        stream,
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data ?? null)),
        events.map((e) => JSON.stringify(e.metadata)),
        events.map((e) => e.occurredAt),
      ]);
    },
    close: () => pool.end(),
  };
}

/** Throws unless the two schemas' `events` tables have the same columns, constraints and indexes. */
export async function assertSamePgShape(url: string, storeSchema: string, rawSchema: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const shape = async (schema: string) => {
      const columns = await pool.query(
        `SELECT column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns
          WHERE table_schema = $1 AND table_name = 'events' ORDER BY ordinal_position`,
        [schema],
      );
      const indexes = await pool.query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'events' ORDER BY indexname`,
        [schema],
      );
      const defs = indexes.rows.map((r) => `${r.indexname}: ${r.indexdef.split(quoteIdent(schema)).join('S').split(schema).join('S')}`);
      return JSON.stringify({ columns: columns.rows, defs });
    };
    if ((await shape(storeSchema)) !== (await shape(rawSchema))) {
      throw new Error('bench: the raw PostgreSQL event table does not match PostgresEventStore; see bench/pg-events.ts');
    }
  } finally {
    await pool.end();
  }
}
