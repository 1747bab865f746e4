import type { Relay } from '@serviceledger/platform/messaging';

/** Resolves once the relay has published up to `checkpoint`; fails after 5 s saying where it stopped. */
export async function relayCaughtUpTo(relay: Relay, checkpoint: string | undefined): Promise<void> {
  for (let waited = 0; relay.checkpoint !== checkpoint; waited += 5) {
    if (waited > 5000) throw new Error(`the relay stopped at ${relay.checkpoint}, short of ${checkpoint}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
