import { dataKeyTableContract } from '@serviceledger/platform/testing';
import { migrateEventStore } from './postgres-event-store';
import { PostgresDataKeyTable } from './postgres-data-key-table';
import { scratchSchema } from './scratch-schema';

dataKeyTableContract('PostgreSQL', async () => {
  const scratch = scratchSchema();
  await migrateEventStore({ connectionString: scratch.url, schema: scratch.schema });
  return { table: PostgresDataKeyTable.open({ connectionString: scratch.url, schema: scratch.schema }), dispose: () => scratch.drop() };
});
