import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { quoteIdent } from './sql';

/** The server tests run against: `PG_URL`, by default the local cluster CI starts. */
export function pgTestUrl(): string {
  return process.env['PG_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface ScratchSchema {
  url: string;
  schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/**
 * A fresh, empty schema (`sl_test_<random>`) for one test, so suites can run in parallel on one
 * server. The schema itself is created by whoever migrates into it.
 */
export function scratchSchema(prefix = 'sl_test'): ScratchSchema {
  const url = pgTestUrl();
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  return {
    url,
    schema,
    async drop() {
      const pool = new Pool({ connectionString: url, max: 1 });
      try {
        await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}

/** The configuration that puts a service's event store and read models on two scratch schemas, with a master key of its own. */
export function postgresServiceEnv(events: ScratchSchema, readModels: ScratchSchema): Record<string, string> {
  return {
    PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64'),
    EVENT_STORE: 'postgres',
    EVENT_STORE_URL: events.url,
    EVENT_STORE_SCHEMA: events.schema,
    READ_MODEL_DB: 'postgres',
    READ_MODEL_URL: readModels.url,
    READ_MODEL_SCHEMA: readModels.schema,
  };
}
