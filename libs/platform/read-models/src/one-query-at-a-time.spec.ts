import { recordOverlappingQueries, scratchSchema } from '@serviceledger/platform/postgres';
import { CheckpointTable } from './checkpoint';
import { ReadModelDatabase } from './read-model-database';

/** Issue 16, defect 7: pg warned on every process that a query was sent while another ran on the same client. */
describe('the PostgreSQL read-model database sends a client one query at a time', () => {
  it('when a start verifies the schema (TypeORM reads a table four queries at once) and when a transaction sends queries together', async () => {
    const scratch = scratchSchema();
    const overlapping = recordOverlappingQueries();
    const config = { type: 'postgres' as const, url: scratch.url, schema: scratch.schema, poolSize: 2 };
    try {
      await (await ReadModelDatabase.open({ ...config, schemaChanges: 'migrate' }, [CheckpointTable])).close();
      const db = await ReadModelDatabase.open({ ...config, schemaChanges: 'verify' }, [CheckpointTable]);
      const answers = await db.transaction((manager) =>
        Promise.all([manager.query('SELECT 1 AS n'), manager.query('SELECT pg_sleep(0.05), 2 AS n'), manager.query('SELECT 3 AS n')]),
      );
      await db.close();
      expect(answers.map(([row]) => row.n)).toEqual([1, 2, 3]);
      expect(overlapping.stacks).toEqual([]);
    } finally {
      overlapping.restore();
      await scratch.drop();
    }
  });
});
