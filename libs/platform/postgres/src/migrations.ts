import { Pool } from 'pg';
import { ADVISORY_LOCK, quoteIdent } from './sql';

/** One step of a schema's history. Never edit an applied migration: add the next one. */
export interface Migration {
  /** Sortable and unique, e.g. `0001-events`. Recorded once applied. */
  id: string;
  /** SQL (several statements allowed) for the quoted schema name it is given. */
  up(schema: string): string;
}

export interface MigrationSet {
  /** The schema the migrations apply to; created when missing. */
  schema: string;
  /** Where applied ids are recorded, in that schema. */
  table: string;
  migrations: Migration[];
}

/**
 * Applies the pending migrations of a set, in order, each once, recorded in `set.table`. Everything
 * runs in one transaction under an advisory lock on (schema, table), so replicas starting together
 * (or a migration Job racing a service) apply each migration exactly once, and a failure applies none.
 * Returns the ids applied now.
 */
export async function runMigrations(pool: Pool, set: MigrationSet): Promise<string[]> {
  checkOrder(set);
  const schema = quoteIdent(set.schema);
  const table = `${schema}.${quoteIdent(set.table)}`;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCK.migrations, `${set.schema}.${set.table}`]);
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [set.schema]);
    if (!exists.rowCount) await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Set((await client.query<{ id: string }>(`SELECT id FROM ${table}`)).rows.map((r) => r.id));
    const now: string[] = [];
    for (const migration of set.migrations) {
      if (applied.has(migration.id)) continue;
      await client.query(migration.up(schema));
      await client.query(`INSERT INTO ${table} (id) VALUES ($1)`, [migration.id]);
      now.push(migration.id);
    }
    await client.query('COMMIT');
    return now;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The ids of the set not applied yet (all of them when the schema or the record table is missing). */
export async function pendingMigrations(pool: Pool, set: MigrationSet): Promise<string[]> {
  checkOrder(set);
  const found = await pool.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`${quoteIdent(set.schema)}.${quoteIdent(set.table)}`]);
  if (!found.rows[0]?.t) return set.migrations.map((m) => m.id);
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM ${quoteIdent(set.schema)}.${quoteIdent(set.table)}`);
  const applied = new Set(rows.map((r) => r.id));
  return set.migrations.filter((m) => !applied.has(m.id)).map((m) => m.id);
}

/** Applies a set's pending migrations over a connection of its own (a migration Job's step); returns the ids applied. */
export async function migrateDatabase(connectionString: string, set: MigrationSet): Promise<string[]> {
  const pool = new Pool({ connectionString, max: 1 });
  try {
    return await runMigrations(pool, set);
  } finally {
    await pool.end();
  }
}

/** A set's migrations not applied yet, over a connection of its own (a migration step's dry run). */
export async function pendingDatabaseMigrations(connectionString: string, set: MigrationSet): Promise<string[]> {
  const pool = new Pool({ connectionString, max: 1 });
  try {
    return await pendingMigrations(pool, set);
  } finally {
    await pool.end();
  }
}

function checkOrder(set: MigrationSet): void {
  const ids = set.migrations.map((m) => m.id);
  const sorted = [...ids].sort();
  if (new Set(ids).size !== ids.length || ids.some((id, i) => id !== sorted[i])) {
    throw new Error(`Migrations of ${set.table} must have unique ids in ascending order: ${ids.join(', ')}`);
  }
}
