import { eventStoreContract, storeAndPeer } from '@serviceledger/platform/testing';
import { PostgresEventStore, pendingEventStoreMigrations } from './postgres-event-store';
import { scratchSchema } from './scratch-schema';

eventStoreContract('PostgreSQL', async () => {
  const scratch = scratchSchema();
  const options = { connectionString: scratch.url, schema: scratch.schema, pollIntervalMs: 20, poolSize: 4 };
  return storeAndPeer(() => PostgresEventStore.open(options), () => scratch.drop());
});

describe('PostgreSQL event store schema', () => {
  it('is created by its migrations on first open, and a second open finds none pending', async () => {
    const scratch = scratchSchema();
    const options = { connectionString: scratch.url, schema: scratch.schema };
    try {
      expect((await pendingEventStoreMigrations(options)).length).toBeGreaterThan(0);
      const store = await PostgresEventStore.open(options);
      expect(await pendingEventStoreMigrations(options)).toEqual([]);
      await store.close();
    } finally {
      await scratch.drop();
    }
  });
});
