import { EventEnvelope } from '@serviceledger/platform/core';
import { newEvent } from '@serviceledger/platform/testing';
import { CatchUpSubscription, CatchUpTuning, DEFAULT_CATCH_UP_TUNING } from './catch-up-subscription';
import { parseCheckpoint } from './checkpoints';
import { EsdbClient } from './client';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEsdbServer, FakeSubscription } from './testing/fake-esdb-client';

const quiet: Partial<CatchUpTuning> = {
  idleCheckpointMs: 0,
  reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
  onConnectionError: () => undefined,
};

function setup(tuning: Partial<CatchUpTuning> = {}) {
  const server = new FakeEsdbServer();
  server.appendSystem();
  const store = new EventStoreDbEventStore({ client: server.client(), subscriptions: { ...quiet, ...tuning } });
  return { server, store };
}

/** Collects what a handler receives; `until` resolves once `count` events arrived. */
function recorder() {
  const batches: Array<{ events: EventEnvelope[]; checkpoint: string }> = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const events = () => batches.flatMap((b) => b.events);
  return {
    batches,
    events,
    types: () => events().map((e) => e.type),
    handler: async (batch: EventEnvelope[], checkpoint: string) => {
      batches.push({ events: batch, checkpoint });
      for (const w of [...waiters]) if (events().length >= w.count) w.resolve();
    },
    until(count: number): Promise<void> {
      if (events().length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

const until = async (condition: () => boolean, timeoutMs = 2000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
};

describe('catch-up subscription to $all', () => {
  it('delivers the history, then live events, in order, one handler call at a time, at most batchSize each', async () => {
    const { store } = setup();
    for (let i = 0; i < 5; i++) await store.appendToStream('a-1', [newEvent(`H${i}`)]);
    let running = 0;
    let overlapped = false;
    const rec = recorder();
    const subscription = store.subscribe({ filter: { streamPrefixes: ['a-'] }, batchSize: 2 }, async (events, checkpoint) => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((r) => setTimeout(r, 3));
      await rec.handler(events, checkpoint);
      running -= 1;
    });
    await rec.until(5);
    await store.appendToStream('a-2', [newEvent('L0'), newEvent('L1'), newEvent('L2')]);
    await rec.until(8);
    await subscription.stop();

    expect(rec.types()).toEqual(['H0', 'H1', 'H2', 'H3', 'H4', 'L0', 'L1', 'L2']);
    expect(overlapped).toBe(false);
    for (const batch of rec.batches) {
      expect(batch.events.length).toBeLessThanOrEqual(2);
      if (batch.events.length) expect(batch.checkpoint).toBe(batch.events[batch.events.length - 1].checkpoint);
    }
    const checkpoints = rec.batches.map((b) => b.checkpoint);
    for (let i = 1; i < checkpoints.length; i++) expect(store.checkpoints.compare(checkpoints[i - 1], checkpoints[i])).toBeLessThan(0);
    await store.close();
  });

  it('starts after its checkpoint, filters on the server, and drops system events, claims and what the filter leaves out', async () => {
    const { server, store } = setup();
    const { checkpoint: before } = await store.appendToStream('a-1', [newEvent('Keep')]);
    await store.appendToStream('a-1', [newEvent('Drop'), newEvent('Keep')]);
    server.appendSystem('$$a-1', '$metadata');
    await store.appendToStream('b-1', [newEvent('Keep')]);
    const rec = recorder();
    const subscription = store.subscribe({ after: before, filter: { streamPrefixes: ['a-'], eventTypes: ['Keep'] } }, rec.handler);
    await rec.until(1);
    await store.appendToStream('a-2', [newEvent('Keep')]);
    await rec.until(2);
    await subscription.stop();

    expect(rec.events().map((e) => `${e.stream}:${e.type}:${e.streamPosition}`)).toEqual(['a-1:Keep:2', 'a-2:Keep:0']);
    expect(server.subscribeCalls[0].fromPosition).toEqual(parseCheckpoint(before));
    expect(server.subscribeCalls[0].filter).toMatchObject({ filterOn: 'streamName', prefixes: ['a-'] });
    await store.close();
  });

  it('resumes after a dropped connection from the last handled checkpoint: nothing lost, nothing twice', async () => {
    const errors: Array<{ message: string; attempt: number }> = [];
    const { server, store } = setup({ onConnectionError: (e, attempt) => errors.push({ message: e.message, attempt }) });
    await store.appendToStream('a-1', [newEvent('E0'), newEvent('E1')]);
    const rec = recorder();
    const subscription = store.subscribe({ filter: { streamPrefixes: ['a-'] } }, rec.handler);
    await rec.until(2);
    const handled = rec.batches[rec.batches.length - 1].checkpoint;

    server.dropSubscriptions();
    await store.appendToStream('a-1', [newEvent('E2')]);
    await store.appendToStream('a-2', [newEvent('E3')]);
    await rec.until(4);
    server.dropSubscriptions();
    await store.appendToStream('a-1', [newEvent('E4')]);
    await rec.until(5);
    await subscription.stop();

    expect(rec.types()).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
    expect(server.subscribeCalls.length).toBe(3);
    expect(server.subscribeCalls[1].fromPosition).toEqual(parseCheckpoint(handled));
    expect(errors.map((e) => e.attempt)).toEqual([1, 1]);
    expect(errors[0].message).toMatch(/UNAVAILABLE/);
    await store.close();
  });

  it('waits longer after each failed attempt, up to the maximum, and starts again from the first delay once connected', async () => {
    const server = new FakeEsdbServer();
    const client = server.client();
    let failures = 3;
    const calls: number[] = [];
    const flaky: EsdbClient = Object.assign(Object.create(client), {
      subscribeToAll(options: Parameters<EsdbClient['subscribeToAll']>[0]) {
        calls.push(Date.now());
        if (failures-- > 0) throw new Error('connect ECONNREFUSED');
        return client.subscribeToAll(options);
      },
    });
    const attempts: number[] = [];
    let delivered = 0;
    const store = new EventStoreDbEventStore({ client: server.client() });
    const subscription = new CatchUpSubscription(
      { client: flaky, readAll: (o) => store.readAll(o), headCheckpoint: () => store.headCheckpoint() },
      {},
      async (events) => {
        delivered += events.length;
      },
      { ...DEFAULT_CATCH_UP_TUNING, ...quiet, reconnect: { initialDelayMs: 20, maxDelayMs: 50 }, onConnectionError: (_e, a) => attempts.push(a) },
    );
    await until(() => calls.length === 4);
    await store.appendToStream('a-1', [newEvent('E0')]);
    await until(() => delivered === 1);
    server.dropSubscriptions();
    await until(() => calls.length === 5);
    await subscription.stop();
    expect(attempts).toEqual([1, 2, 3, 1]);
    const gaps = calls.slice(1).map((t, i) => t - calls[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(38);
    expect(gaps[2]).toBeGreaterThanOrEqual(48);
    expect(gaps[2]).toBeLessThan(500);
    await store.close();
  });

  it('starts over from the shortest delay once the server confirms a subscription, even if no event came', async () => {
    const attempts: number[] = [];
    const { server, store } = setup({ onConnectionError: (_e, attempt) => attempts.push(attempt) });
    const subscription = store.subscribe({ filter: { streamPrefixes: ['nothing-'] } }, async () => undefined);
    for (let drop = 1; drop <= 3; drop++) {
      await until(() => server.subscribeCalls.length === drop && server.openSubscriptions.length === 1);
      await new Promise((r) => setTimeout(r, 5)); // let the confirmation arrive
      server.dropSubscriptions();
    }
    await until(() => server.subscribeCalls.length === 4);
    await subscription.stop();
    expect(attempts).toEqual([1, 1, 1]);
    await store.close();
  });

  it('ends when the handler throws: failed resolves with the error and nothing is retried', async () => {
    const { server, store } = setup();
    await store.appendToStream('a-1', [newEvent('E0')]);
    const boom = new Error('projection failed');
    let calls = 0;
    const subscription = store.subscribe({}, async () => {
      calls += 1;
      throw boom;
    });
    await expect(subscription.failed).resolves.toBe(boom);
    await store.appendToStream('a-1', [newEvent('E1')]);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(1);
    expect(server.subscribeCalls.length).toBe(1);
    expect(server.openSubscriptions.length).toBe(0);
    await subscription.stop();
    await store.close();
  });

  it('stops after the batch in flight, and failed never resolves for a stopped subscription', async () => {
    const { store } = setup();
    await store.appendToStream('a-1', [newEvent('E0')]);
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const subscription = store.subscribe({}, async () => {
      entered();
      await held;
    });
    await inHandler;
    let stopped = false;
    const stopping = subscription.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const outcome = await Promise.race([
      subscription.failed.then(() => 'failed'),
      new Promise((r) => setTimeout(() => r('pending'), 30)),
    ]);
    expect(outcome).toBe('pending');
    await store.close();
  });

  it('hands the server checkpoints over in order, after the events that came before them', async () => {
    const { server, store } = setup();
    const rec = recorder();
    const slow = async (events: EventEnvelope[], checkpoint: string) => {
      await new Promise((r) => setTimeout(r, 5));
      await rec.handler(events, checkpoint);
    };
    const head = await store.headCheckpoint();
    const subscription = store.subscribe({ after: head, filter: { streamPrefixes: ['a-'] }, batchSize: 1 }, slow);
    await until(() => server.openSubscriptions.length === 1);
    await store.appendToStream('a-1', [newEvent('E0'), newEvent('E1'), newEvent('E2')]);
    await store.appendToStream('b-1', [newEvent('Other')]);
    const other = server.log[server.log.length - 1].position;
    const open = server.openSubscriptions[0] as FakeSubscription;
    await until(() => open.readableLength >= 2); // the events are buffered, the handler is still busy
    await open.reportCheckpoint(other);
    await open.reportCheckpoint({ commit: 1n, prepare: 1n }); // behind: ignored
    await until(() => rec.batches.length === 4);
    await subscription.stop();

    expect(rec.batches.map((b) => b.events.map((e) => e.type))).toEqual([['E0'], ['E1'], ['E2'], []]);
    expect(rec.batches[3].checkpoint).toBe(`${other.commit}:${other.prepare}`);
    await store.close();
  });

  it('moves its checkpoint past what its filter leaves out once the log is quiet, so it reaches the head', async () => {
    const { store } = setup({ idleCheckpointMs: 15 });
    const rec = recorder();
    const subscription = store.subscribe({ after: await store.headCheckpoint(), filter: { streamPrefixes: ['a-'] } }, rec.handler);
    await store.appendToStream('b-1', [newEvent('Other0'), newEvent('Other1')]);
    const head = await store.headCheckpoint();
    await until(() => rec.batches.some((b) => b.checkpoint === head));
    expect(rec.events()).toEqual([]);

    await store.appendToStream('a-1', [newEvent('Mine')]);
    await rec.until(1);
    await subscription.stop();
    expect(rec.types()).toEqual(['Mine']);
    await store.close();
  });

  it('fails at once on a checkpoint that is not an EventStoreDB position', async () => {
    const { store } = setup();
    const subscription = store.subscribe({ after: '42' }, async () => undefined);
    await expect(subscription.failed).resolves.toThrow(/Not an EventStoreDB checkpoint/);
    await store.close();
  });

  it('stops at once while waiting to reconnect', async () => {
    const server = new FakeEsdbServer();
    const client = server.client();
    const down: EsdbClient = Object.assign(Object.create(client), {
      subscribeToAll() {
        throw new Error('connect ECONNREFUSED');
      },
    });
    const store = new EventStoreDbEventStore({ client, subscriptions: quiet });
    const subscription = new CatchUpSubscription(
      { client: down, readAll: (o) => store.readAll(o), headCheckpoint: () => store.headCheckpoint() },
      { after: undefined },
      async () => undefined,
      { ...DEFAULT_CATCH_UP_TUNING, ...quiet, reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 } },
    );
    await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await subscription.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    await store.close();
  });

  it('is stopped by closing the store, which disposes the client', async () => {
    const server = new FakeEsdbServer();
    const client = server.client();
    const store = new EventStoreDbEventStore({ client, subscriptions: quiet });
    const subscription = store.subscribe({ after: undefined }, async () => undefined);
    await until(() => server.openSubscriptions.length === 1);
    await store.close();
    expect(server.openSubscriptions.length).toBe(0);
    expect(client.disposed).toBe(true);
    await subscription.stop();
    await expect(store.readAll()).rejects.toThrow(/closed/);
  });
});
