import { Pool } from 'pg';

/** Where the migration step works (the platform's `StorageTarget`): the read-model database and schema; a dry run only reports. */
export interface StorageTarget {
  url: string;
  schema: string;
  dryRun: boolean;
}

/** Runs one SQL statement and answers its rows. */
export type SqlQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export const BLOB_TABLE = 'resource_blobs';

/** Whether `<schema>.<name>` (a table or an index) exists. */
export async function relationExists(query: SqlQuery, schema: string, name: string): Promise<boolean> {
  const [row] = await query('SELECT to_regclass($1) AS found', [`"${schema}".${name}`]);
  return !!row?.['found'];
}

/** The blob table, created when missing: the statements applied (or, on a dry run, pending); none once it exists. */
export async function ensureBlobTable(query: SqlQuery, schema: string, dryRun: boolean): Promise<string[]> {
  if (await relationExists(query, schema, BLOB_TABLE)) return [];
  const statements = [
    `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
    `CREATE TABLE IF NOT EXISTS "${schema}".${BLOB_TABLE} (sha256 text PRIMARY KEY, size integer NOT NULL, content bytea NOT NULL, stored_at timestamptz NOT NULL DEFAULT now())`,
  ];
  if (!dryRun) for (const statement of statements) await query(statement);
  return statements;
}

/** Runs `work` with a query function on a one-connection pool of the target database. */
export async function withTargetPool<T>(target: StorageTarget, work: (query: SqlQuery) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: target.url, max: 1 });
  try {
    return await work(async (sql, params) => (await pool.query(sql, params)).rows);
  } finally {
    await pool.end();
  }
}

/** The migration step's share for the blob store (ServiceDefinition.storage). */
export const migrateBlobStorage = (target: StorageTarget): Promise<string[]> => withTargetPool(target, (query) => ensureBlobTable(query, target.schema, target.dryRun));
