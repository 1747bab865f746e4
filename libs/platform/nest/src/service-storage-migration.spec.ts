import { Pool } from 'pg';
import { scratchSchema } from '@serviceledger/platform/postgres';
import { loadPlatformConfig } from './platform-config';
import { migratePlatformSchemas } from './schema-migrations';
import { ServiceDefinition, StorageTarget } from './service-definition';

/** A service that keeps one table of its own beside its projections, created only when missing. */
function serviceWithStorage(calls: StorageTarget[]): ServiceDefinition {
  return {
    name: 'storage-sample',
    storage: [
      async (target) => {
        calls.push(target);
        const pool = new Pool({ connectionString: target.url, max: 1 });
        try {
          const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [`"${target.schema}".sample_files`]);
          if (rows[0].found) return [];
          const statement = `CREATE TABLE "${target.schema}".sample_files (id text PRIMARY KEY)`;
          if (!target.dryRun) await pool.query(statement);
          return [statement];
        } finally {
          await pool.end();
        }
      },
    ],
  };
}

describe('the migration step and a service’s own storage', () => {
  it('runs each service’s storage step on the read-model schema, reporting on a dry run, applying once', async () => {
    const scratch = scratchSchema();
    try {
      const config = loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: '/tmp', READ_MODEL_DB: 'postgres', READ_MODEL_URL: scratch.url, READ_MODEL_SCHEMA: scratch.schema });
      const calls: StorageTarget[] = [];
      const service = serviceWithStorage(calls);
      const plan = await migratePlatformSchemas(config, [service], { dryRun: true });
      expect(plan.readModels).toContain(`CREATE TABLE "${scratch.schema}".sample_files (id text PRIMARY KEY)`);
      expect(calls).toEqual([{ url: scratch.url, schema: scratch.schema, dryRun: true }]);
      const applied = await migratePlatformSchemas(config, [service]);
      expect(applied.readModels).toContain(`CREATE TABLE "${scratch.schema}".sample_files (id text PRIMARY KEY)`);
      await expect(migratePlatformSchemas(config, [service], { dryRun: true })).resolves.toEqual({ eventStore: [], readModels: [] });
    } finally {
      await scratch.drop();
    }
  });

  it('has nothing to do for the embedded read models', async () => {
    const calls: StorageTarget[] = [];
    await expect(migratePlatformSchemas(loadPlatformConfig({ EVENT_STORE: 'sqlite', DATA_DIR: '/tmp' }), [serviceWithStorage(calls)])).resolves.toEqual({ eventStore: [], readModels: [] });
    expect(calls).toEqual([]);
  });
});
