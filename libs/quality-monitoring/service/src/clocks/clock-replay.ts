import { EventEnvelope, InMemoryEventStore, NotFoundError, RuleViolation } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { ClockEvent, ClockSignal, SlaClock, slaClock, slaClocks } from '@serviceledger/quality-monitoring/domain';
import { ClockDriver, ClockRules } from './clock-driver';

export interface ClockReplay {
  /** Every clock the signals started, as it stands after the last signal. */
  clocks: SlaClock[];
  /** Signals the clocks refused under these rules (the live consumer would have dead-lettered them). */
  refusedSignals: Array<{ signalId: string; reason: string }>;
}

/**
 * Demands' clocks as they would have run under other rules: each demand's recorded signals replayed, in
 * the order they arrived, through the live consumer's driver on a scratch in-memory store. Nothing
 * reaches the service's own store, so a recomputation changes nothing official.
 */
export async function replayClocks(signalsByDemand: ClockSignal[][], rules: ClockRules): Promise<ClockReplay> {
  // Deciders never mutate what they fold, so the scratch store need not copy events (docs/benchmarks.md).
  const store = new InMemoryEventStore({ isolate: false });
  const driver = new ClockDriver(new Commands(store), async () => rules);
  const refusedSignals: ClockReplay['refusedSignals'] = [];
  for (const signals of signalsByDemand) {
    // The scratch store answers at once, so a month's replay (seconds: docs/benchmarks.md) would be one long
    // chain of microtasks; between demands the API process serves its other requests.
    await new Promise((resolve) => setImmediate(resolve));
    for (const signal of signals) {
      try {
        await driver.handle(signal);
      } catch (error) {
        if (!(error instanceof RuleViolation || error instanceof NotFoundError)) throw error;
        refusedSignals.push({ signalId: signal.id, reason: error.message });
      }
    }
  }
  return { clocks: await clocksIn(store), refusedSignals };
}

async function clocksIn(store: InMemoryEventStore): Promise<SlaClock[]> {
  const byStream = new Map<string, EventEnvelope[]>();
  let after: string | undefined;
  for (;;) {
    const batch = await store.readAll({ after, filter: { streamPrefixes: [slaClocks.streamPrefix] } });
    for (const event of batch.events) byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event]);
    after = batch.checkpoint;
    if (batch.isEnd) break;
  }
  return [...byStream.values()]
    .map((events) => (events as unknown as ClockEvent[]).reduce(slaClock.evolve, slaClock.initialState()))
    .filter((clock): clock is SlaClock => clock !== null);
}
