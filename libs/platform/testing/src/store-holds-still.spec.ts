import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '@serviceledger/platform/core';
import { storeHoldsStill } from './store-holds-still';

const tick = (store: InMemoryEventStore) =>
  store.appendToStream('clock-1', [{ id: randomUUID(), type: 'Ticked', data: {}, metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'clock', roles: [], departments: [] }, schemaVersion: 1 }, occurredAt: new Date().toISOString() }]);

describe('storeHoldsStill', () => {
  it('resolves once nothing has been appended for a second', async () => {
    const store = new InMemoryEventStore();
    await tick(store);
    const started = Date.now();
    await storeHoldsStill(store);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('fails, naming what was appended, when the store never holds still', async () => {
    const store = new InMemoryEventStore();
    const ticking = setInterval(() => void tick(store), 100);
    try {
      await expect(storeHoldsStill(store, 1500)).rejects.toThrow(/did not hold still for 1500 ms; it went on appending Ticked ×\d+/);
    } finally {
      clearInterval(ticking);
    }
  });
});
