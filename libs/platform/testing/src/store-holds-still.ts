import { EventStore } from '@serviceledger/platform/core';

/**
 * Resolves once the store's head has not moved for a second: after start-up the services go on appending
 * for a moment (seeds relayed, the scheduler opening what is due), and a test that counts what its own
 * requests append waits for that to end first. The test app's scheduler polls every 20 ms. A store that
 * never holds still fails with the types of what it went on appending, not with the hook's timeout.
 */
export async function storeHoldsStill(store: EventStore, timeoutMs = 45_000): Promise<void> {
  const start = await store.headCheckpoint();
  const deadline = Date.now() + timeoutMs;
  let head = start;
  for (let still = 0; still < 4; ) {
    if (Date.now() > deadline) throw new Error(`The store did not hold still for ${timeoutMs} ms; it went on appending ${await typesAfter(store, start)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await store.headCheckpoint();
    still = now === head ? still + 1 : 0;
    head = now;
  }
}

async function typesAfter(store: EventStore, after: string | undefined): Promise<string> {
  const { events } = await store.readAll({ after, batchSize: 500 });
  const counts = new Map<string, number>();
  for (const { type } of events) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${type} ×${n}`).join(', ');
}
