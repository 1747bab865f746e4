import { eventStoreContract } from '@serviceledger/platform/testing';
import { InMemoryEventStore } from './in-memory-event-store';

eventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  return { store, dispose: () => store.close() };
});
