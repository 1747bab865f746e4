import { eventStoreContract } from '@serviceledger/platform/testing';
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
  const store = new EventStoreDbEventStore({ ...options, client: server.client() });
  const peer = new EventStoreDbEventStore({ ...options, client: server.client() });
  return {
    store,
    peer,
    async dispose() {
      await store.close();
      await peer.close();
    },
  };
});
