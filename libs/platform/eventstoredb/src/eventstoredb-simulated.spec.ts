import { eventStoreContract, newEvent, storeAndPeer } from '@serviceledger/platform/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEsdbServer } from './testing/fake-esdb-client';

/**
 * The same contract suite, run here without a server: the adapter over FakeEsdbServer, an in-memory model
 * of what EventStoreDB does (positions, expected revisions, idempotent appends per stream, `$all` reads and
 * filtered catch-up subscriptions). It proves the adapter's own logic, not the server; the suite against
 * a real server is eventstoredb-event-store.spec.ts.
 */
eventStoreContract('EventStoreDB adapter over a simulated server (FakeEsdbServer, not a real EventStoreDB)', async () => {
  const server = new FakeEsdbServer();
  server.appendSystem(); // a real log starts with system records
  const options = { subscriptions: { idleCheckpointMs: 50 } };
  return storeAndPeer(() => new EventStoreDbEventStore({ ...options, client: server.client() }));
});

describe('EventStoreDB adapter checkpoints over the simulated server', () => {
  it('hands out $all positions that order the appends, and measures lag in log bytes, not events', async () => {
    const server = new FakeEsdbServer();
    const store = new EventStoreDbEventStore({ client: server.client() });
    try {
      const first = await store.appendToStream('test.order-1', [newEvent('First')]);
      const second = await store.appendToStream('test.order-2', [newEvent('Second')]);
      expect(first.checkpoint).toMatch(/^\d+:\d+$/);
      expect(store.checkpoints.compare(first.checkpoint, second.checkpoint)).toBeLessThan(0);
      const commit = (checkpoint: string) => Number(checkpoint.split(':')[0]);
      expect(store.checkpoints.distance(first.checkpoint, second.checkpoint)).toBe(commit(second.checkpoint) - commit(first.checkpoint));
    } finally {
      await store.close();
    }
  });
});
