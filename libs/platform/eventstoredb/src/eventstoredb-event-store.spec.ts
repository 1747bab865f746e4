import { createServer } from 'node:net';
import { eventStoreContract, storeAndPeer } from '@serviceledger/platform/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The contract suite against a real EventStoreDB. There is none in CI (no Docker engine, and no package of
 * the server in the reachable registries), so it runs only when EVENTSTORE_CONNECTION_STRING is set, and
 * says so in the output when it is skipped. See this library's README.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING?.trim();

const SKIPPED =
  'EventStoreDB contract suite skipped: set EVENTSTORE_CONNECTION_STRING ' +
  '(e.g. esdb://localhost:2113?tls=false after docker compose -f deploy/compose.yaml up -d eventstore)';

if (connectionString) {
  eventStoreContract('EventStoreDB', async () => {
    // A short idle check, so a subscription also passes events of other tests quickly on a shared server.
    const options = { connectionString, subscriptions: { idleCheckpointMs: 200 } };
    return storeAndPeer(() => new EventStoreDbEventStore(options));
  });
} else {
  console.warn(SKIPPED);
  describe.skip('EventStore contract: EventStoreDB', () => {
    it(SKIPPED, () => undefined);
  });
}

/** These need no server: the real client, pointed at a port nothing listens on. */
describe('EventStoreDbEventStore with the real client and no server', () => {
  let url: string;

  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    url = `esdb://127.0.0.1:${port}?tls=false`;
  });

  it('connects lazily, and reports an unreachable server as such, not as a missing stream', async () => {
    const store = new EventStoreDbEventStore({ connectionString: url });
    await expect(store.streamExists('intake-demand-1')).rejects.toMatchObject({ type: 'unavailable' });
    await expect(store.readStream('intake-demand-1')).rejects.toMatchObject({ type: 'unavailable' });
    await store.close();
  });

  it('keeps a subscription retrying while the server is unreachable, and stops it cleanly', async () => {
    const attempts: number[] = [];
    const store = new EventStoreDbEventStore({
      connectionString: url,
      subscriptions: { reconnect: { initialDelayMs: 5, maxDelayMs: 20 }, onConnectionError: (_e, attempt) => attempts.push(attempt) },
    });
    const subscription = store.subscribe({}, async () => undefined);
    const deadline = Date.now() + 10_000;
    while (attempts.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(attempts.slice(0, 3)).toEqual([1, 2, 3]);
    await subscription.stop();
    const outcome = await Promise.race([subscription.failed.then(() => 'failed'), new Promise((r) => setTimeout(() => r('pending'), 50))]);
    expect(outcome).toBe('pending');
    await store.close();
  });
});
