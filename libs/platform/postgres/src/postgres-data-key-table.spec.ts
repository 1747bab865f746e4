import { Pool } from 'pg';
import { dataKeyTableContract } from '@serviceledger/platform/testing';
import { migrateEventStore } from './postgres-event-store';
import { PostgresDataKeyTable, migrateDataKeyTable, postgresMasterKeyRange } from './postgres-data-key-table';
import { scratchSchema } from './scratch-schema';
import { quoteIdent } from './sql';

dataKeyTableContract('PostgreSQL', async () => {
  const scratch = scratchSchema();
  await migrateEventStore({ connectionString: scratch.url, schema: scratch.schema });
  return { table: PostgresDataKeyTable.open({ connectionString: scratch.url, schema: scratch.schema }), dispose: () => scratch.drop() };
});

dataKeyTableContract('PostgreSQL, beside EventStoreDB (the read-model schema)', async () => {
  const scratch = scratchSchema();
  await migrateDataKeyTable({ connectionString: scratch.url, schema: scratch.schema });
  return { table: PostgresDataKeyTable.open({ connectionString: scratch.url, schema: scratch.schema }), dispose: () => scratch.drop() };
});

describe('PostgreSQL data key table at start-up', () => {
  it('finds another master key with two index-only probes of the live keys’ master keys, however many subjects there are', async () => {
    const scratch = scratchSchema();
    const pool = new Pool({ connectionString: scratch.url, max: 1 });
    try {
      await migrateEventStore({ connectionString: scratch.url, schema: scratch.schema });
      const table = `${quoteIdent(scratch.schema)}.data_keys`;
      await pool.query(
        `INSERT INTO ${table} (key_id, subject_id, wrapped_key, master_key_id)
         SELECT gen_random_uuid(), 'customer-' || i, CASE WHEN i % 50 = 0 THEN NULL ELSE repeat('k', 80) END, 'a949a949a949a949'
           FROM generate_series(1, 20000) AS i`,
      );
      await pool.query(`ANALYZE ${table}`);
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${postgresMasterKeyRange(table)}`);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan.match(/Index Only Scan( Backward)? using data_keys_live_by_master_key/g)).toHaveLength(2);
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await pool.end();
      await scratch.drop();
    }
  });
});
