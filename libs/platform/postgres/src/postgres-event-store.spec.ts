import { eventStoreContract } from '@serviceledger/platform/testing';
import { PostgresEventStore } from './postgres-event-store';
import { scratchSchema } from './scratch-schema';

eventStoreContract('PostgreSQL', async () => {
  const scratch = scratchSchema();
  const options = { connectionString: scratch.url, schema: scratch.schema, pollIntervalMs: 20, poolSize: 4 };
  const store = await PostgresEventStore.open(options);
  const peer = await PostgresEventStore.open(options);
  return {
    store,
    peer,
    async dispose() {
      await store.close();
      await peer.close();
      await scratch.drop();
    },
  };
});
