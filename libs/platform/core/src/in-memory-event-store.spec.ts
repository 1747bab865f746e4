import { eventStoreContract, newEvent } from '@serviceledger/platform/testing';
import { InMemoryEventStore } from './in-memory-event-store';

eventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  return { store, dispose: () => store.close() };
});

describe('in-memory event store', () => {
  it('keeps nothing beyond its instance: a new one starts with an empty log', async () => {
    const first = new InMemoryEventStore();
    await first.appendToStream('test.gone-1', [newEvent('Gone')]);
    const fresh = new InMemoryEventStore();
    expect(await fresh.headCheckpoint()).toBeUndefined();
    expect(await fresh.streamExists('test.gone-1')).toBe(false);
  });
});
