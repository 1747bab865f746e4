import { EventStore } from '@serviceledger/platform/core';

/**
 * Resolves once the store's head has not moved for a second: after start-up the services go on appending
 * for a moment (seeds relayed, the scheduler opening what is due), and a test that counts what its own
 * requests append waits for that to end first. The test app's scheduler polls every 20 ms.
 */
export async function storeHoldsStill(store: EventStore): Promise<void> {
  let head = await store.headCheckpoint();
  for (let still = 0; still < 4; ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await store.headCheckpoint();
    still = now === head ? still + 1 : 0;
    head = now;
  }
}
