import {
  DuplicateEventIdError,
  EventEnvelope,
  EventStore,
  NewEvent,
  WrongExpectedVersionError,
  newId,
} from '@serviceledger/platform/core';

export interface StoreUnderTest {
  store: EventStore;
  /** A second connection to the same log (another process would have one); the store itself if none. */
  peer?: EventStore;
  dispose(): Promise<void>;
}

/**
 * A store and its peer, two connections opened alike to one log; disposing closes both, then runs
 * `cleanUp` (a scratch schema dropped, a temporary folder removed).
 */
export async function storeAndPeer(
  connect: () => EventStore | Promise<EventStore>,
  cleanUp: () => unknown = () => undefined,
): Promise<StoreUnderTest> {
  const store = await connect();
  const peer = await connect();
  return {
    store,
    peer,
    async dispose() {
      await store.close();
      await peer.close();
      await cleanUp();
    },
  };
}

const actor = { userId: 'contract-suite', roles: ['administrator'], departments: [] };

export function newEvent(type: string, data: unknown = {}, id = newId()): NewEvent {
  return {
    id,
    type,
    data,
    occurredAt: new Date('2026-11-30T08:00:00Z').toISOString(),
    metadata: { correlationId: 'corr-1', causationId: 'cause-1', actor, schemaVersion: 1 },
  };
}

async function readEverything(store: EventStore, after?: string, filter?: Parameters<EventStore['readAll']>[0] extends infer O ? O extends { filter?: infer F } ? F : never : never) {
  const all: EventEnvelope[] = [];
  let checkpoint = after;
  for (;;) {
    const batch = await store.readAll({ after: checkpoint, batchSize: 7, filter });
    all.push(...batch.events);
    checkpoint = batch.checkpoint;
    if (batch.isEnd) return all;
  }
}

/** The one suite every event store adapter must pass. */
export function eventStoreContract(adapter: string, open: () => Promise<StoreUnderTest>): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;
    // Fresh stream names per test, so the suite also runs against a shared, non-empty server.
    let prefix: string;
    const stream = (name: string) => `${prefix}.${name}`;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
      prefix = `contract${newId().replace(/-/g, '').slice(0, 12)}`;
    });
    afterEach(async () => subject.dispose());

    describe('expected version', () => {
      it('no_stream appends to a new stream and refuses an existing one', async () => {
        const s = stream('order-1');
        const first = await store.appendToStream(s, [newEvent('Opened')], { expectedVersion: 'no_stream' });
        expect(first.nextExpectedVersion).toBe(0);
        await expect(store.appendToStream(s, [newEvent('Opened')], { expectedVersion: 'no_stream' })).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
      });

      it('exists refuses a missing stream and appends to an existing one', async () => {
        const s = stream('order-2');
        await expect(store.appendToStream(s, [newEvent('Touched')], { expectedVersion: 'exists' })).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
        await store.appendToStream(s, [newEvent('Opened')]);
        const result = await store.appendToStream(s, [newEvent('Touched')], { expectedVersion: 'exists' });
        expect(result.nextExpectedVersion).toBe(1);
      });

      it('a number must equal the last position, and the error says where the stream is', async () => {
        const s = stream('order-3');
        await store.appendToStream(s, [newEvent('A'), newEvent('B')], { expectedVersion: 'no_stream' });
        const ok = await store.appendToStream(s, [newEvent('C')], { expectedVersion: 1 });
        expect(ok.nextExpectedVersion).toBe(2);
        const error = await store.appendToStream(s, [newEvent('D')], { expectedVersion: 1 }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ stream: s, expected: 1, actual: 2 });
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('any appends whatever the state', async () => {
        const s = stream('order-4');
        await store.appendToStream(s, [newEvent('A')], { expectedVersion: 'any' });
        const result = await store.appendToStream(s, [newEvent('B')], { expectedVersion: 'any' });
        expect(result.nextExpectedVersion).toBe(1);
      });
    });

    it('two writers racing on one stream: one wins, the other gets a conflict', async () => {
      const s = stream('race');
      await store.appendToStream(s, [newEvent('Opened')]);
      const other = subject.peer ?? store;
      const outcomes = await Promise.allSettled([
        store.appendToStream(s, [newEvent('ByFirst')], { expectedVersion: 0 }),
        other.appendToStream(s, [newEvent('BySecond')], { expectedVersion: 0 }),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('a retried append with the same event ids appends nothing twice', async () => {
      const s = stream('retry');
      const events = [newEvent('A'), newEvent('B')];
      const first = await store.appendToStream(s, events, { expectedVersion: 'no_stream' });
      const again = await store.appendToStream(s, events, { expectedVersion: 'no_stream' });
      expect(again).toEqual(first);
      expect(await store.readStream(s)).toHaveLength(2);
      const reused = await store.appendToStream(stream('elsewhere'), [events[0]]).catch((e) => e);
      expect(reused).toBeInstanceOf(DuplicateEventIdError);
      expect(await store.streamExists(stream('elsewhere'))).toBe(false);
    });

    it('the same append sent twice at once through two connections is stored once, and both get its result', async () => {
      const s = stream('twins');
      await store.appendToStream(s, [newEvent('Opened')]);
      const events = [newEvent('A'), newEvent('B')];
      const other = subject.peer ?? store;
      const [first, second] = await Promise.all([
        store.appendToStream(s, events, { expectedVersion: 0 }),
        other.appendToStream(s, events, { expectedVersion: 0 }),
      ]);
      expect(second).toEqual(first);
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['Opened', 'A', 'B']);
    });

    it('finds an event by its id, on whichever stream, and nothing for an unknown id', async () => {
      const events = [newEvent('A'), newEvent('B', { n: 2 })];
      await store.appendToStream(stream('by-id'), events);
      const found = await store.readEvent(events[1].id);
      expect(found).toMatchObject({ id: events[1].id, type: 'B', data: { n: 2 }, stream: stream('by-id'), streamPosition: 1 });
      expect(await store.readEvent(newId())).toBeUndefined();
    });

    describe('numbered appends', () => {
      const numbered = (type: string) => (n: number) => [newEvent(type, { n })];

      it('numbers from 1 per counter, one number per append', async () => {
        const counter = stream('counter');
        const first = await store.appendNumbered(stream('n-1'), counter, numbered('Numbered'), { expectedVersion: 'no_stream' });
        const second = await store.appendNumbered(stream('n-2'), counter, numbered('Numbered'));
        const other = await store.appendNumbered(stream('n-3'), stream('other-counter'), numbered('Numbered'));
        expect([first.number, second.number, other.number]).toEqual([1, 2, 1]);
        expect((await store.readStream(stream('n-2')))[0].data).toEqual({ n: 2 });
        expect(second.checkpoint).toBe((await store.readStream(stream('n-2')))[0].checkpoint);
      });

      it('a refused build or a refused append takes no number', async () => {
        const counter = stream('counter');
        await store.appendNumbered(stream('n-1'), counter, numbered('Numbered'));
        const refusal = await store
          .appendNumbered(stream('n-2'), counter, () => {
            throw new Error('refused by the decider');
          })
          .catch((e: Error) => e.message);
        expect(refusal).toBe('refused by the decider');
        const conflict = await store.appendNumbered(stream('n-1'), counter, numbered('Numbered'), { expectedVersion: 'no_stream' }).catch((e) => e);
        expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
        const nothing = await store.appendNumbered(stream('n-3'), counter, () => []);
        expect(nothing.number).toBeUndefined();
        expect((await store.appendNumbered(stream('n-4'), counter, numbered('Numbered'))).number).toBe(2);
        expect(await store.streamExists(stream('n-2'))).toBe(false);
      });

      it('a repeated append (same event ids) takes no number and answers with the original result', async () => {
        const counter = stream('counter');
        const id = newId();
        const build = (n: number) => [newEvent('Numbered', { n }, id)];
        const first = await store.appendNumbered(stream('n-1'), counter, build);
        const again = await store.appendNumbered(stream('n-1'), counter, build);
        expect(again).toEqual({ ...first, number: undefined });
        expect(await store.readStream(stream('n-1'))).toHaveLength(1);
        expect((await store.appendNumbered(stream('n-2'), counter, numbered('Numbered'))).number).toBe(2);
      });

      it('concurrent callers, also through a second connection, get unique consecutive numbers', async () => {
        const counter = stream('counter');
        const other = subject.peer ?? store;
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).appendNumbered(stream(`c-${i}`), counter, numbered('Numbered'))),
        );
        expect(results.map((r) => r.number).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });
    });

    it('reads stream ranges', async () => {
      const s = stream('range');
      await store.appendToStream(s, ['E0', 'E1', 'E2', 'E3', 'E4'].map((t) => newEvent(t)));
      expect((await store.readStream(s, { from: 2 })).map((e) => e.type)).toEqual(['E2', 'E3', 'E4']);
      expect((await store.readStream(s, { from: 1, maxCount: 2 })).map((e) => e.streamPosition)).toEqual([1, 2]);
      expect(await store.readStream(s, { from: 9 })).toEqual([]);
      expect(await store.streamExists(s)).toBe(true);
    });

    it('reading a missing stream returns it empty, no error', async () => {
      const missing = stream('missing');
      expect(await store.readStream(missing)).toEqual([]);
      expect(await store.readStream(missing, { from: 3, maxCount: 2 })).toEqual([]);
      expect(await store.streamExists(missing)).toBe(false);
      // Empty means new: the first append expects no stream, and the stream then reads at version 0.
      await store.appendToStream(missing, [newEvent('First')], { expectedVersion: 'no_stream' });
      expect((await store.readStream(missing)).map((e) => e.streamPosition)).toEqual([0]);
    });

    it('keeps the envelope: ids, metadata, time and positions round-trip', async () => {
      const s = stream('envelope');
      const event = newEvent('Registered', { n: 1, nested: { list: [1, 'two'] } });
      event.metadata.traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const { checkpoint } = await store.appendToStream(s, [event]);
      const [read] = await store.readStream(s);
      expect(read).toEqual({ ...event, stream: s, streamPosition: 0, checkpoint });
    });

    it('readAll returns every event in global order, from any checkpoint', async () => {
      const a = stream('a');
      const b = stream('b');
      const start = await store.headCheckpoint();
      await store.appendToStream(a, [newEvent('A0')]);
      await store.appendToStream(b, [newEvent('B0'), newEvent('B1')]);
      await store.appendToStream(a, [newEvent('A1')]);
      const mine = (await readEverything(store, start)).filter((e) => e.stream.startsWith(prefix));
      expect(mine.map((e) => e.type)).toEqual(['A0', 'B0', 'B1', 'A1']);
      for (let i = 1; i < mine.length; i++) {
        expect(store.checkpoints.compare(mine[i - 1].checkpoint, mine[i].checkpoint)).toBeLessThan(0);
      }
      const fromSecond = (await readEverything(store, mine[1].checkpoint)).filter((e) => e.stream.startsWith(prefix));
      expect(fromSecond.map((e) => e.type)).toEqual(['B1', 'A1']);
      expect(store.checkpoints.compare(await store.headCheckpoint(), mine[3].checkpoint)).toBeGreaterThanOrEqual(0);
      expect(store.checkpoints.compare(await store.newestCheckpoint(), mine[3].checkpoint)).toBeGreaterThanOrEqual(0);
    });

    it('readAll filters by stream prefix and by event type', async () => {
      const start = await store.headCheckpoint();
      await store.appendToStream(stream('demand-1'), [newEvent('Registered'), newEvent('Triaged')]);
      await store.appendToStream(`other${prefix}.demand-1`, [newEvent('Registered')]);
      await store.appendToStream(stream('plan-1'), [newEvent('Drafted')]);
      const byPrefix = await readEverything(store, start, { streamPrefixes: [stream('demand-')] });
      expect(byPrefix.map((e) => e.type)).toEqual(['Registered', 'Triaged']);
      const byType = (await readEverything(store, start, { eventTypes: ['Registered', 'Drafted'] })).filter((e) =>
        e.stream.includes(prefix),
      );
      expect(byType.map((e) => `${e.stream.split('.')[0].startsWith('other') ? 'other' : 'mine'}:${e.type}`)).toEqual([
        'mine:Registered',
        'other:Registered',
        'mine:Drafted',
      ]);
    });

    it('a live subscription gets events appended after it started, in order', async () => {
      const s = stream('live');
      await store.appendToStream(s, [newEvent('Before')]);
      const head = await store.headCheckpoint();
      const received: string[] = [];
      let resolveDone: () => void;
      const done = new Promise<void>((r) => (resolveDone = r));
      const subscription = store.subscribe({ after: head, filter: { streamPrefixes: [prefix] } }, async (events) => {
        received.push(...events.map((e) => e.type));
        if (received.length >= 3) resolveDone();
      });
      await (subject.peer ?? store).appendToStream(s, [newEvent('After1')]);
      await store.appendToStream(s, [newEvent('After2'), newEvent('After3')]);
      await done;
      await subscription.stop();
      expect(received).toEqual(['After1', 'After2', 'After3']);
    });

    it('stores large payloads and Chinese text exactly', async () => {
      const s = stream('payload');
      const text = '客戶需求受理：服務熱線、在線客服平台、電子郵件。𠀀🙂 «ß» \u0000 end';
      const big = { text, blob: 'x'.repeat(2 * 1024 * 1024), items: Array.from({ length: 2000 }, (_, i) => ({ i, 名稱: `項目${i}` })) };
      await store.appendToStream(s, [newEvent('服務方案已提交', big)]);
      const [read] = await store.readStream(s);
      expect(read.type).toBe('服務方案已提交');
      expect(read.data).toEqual(big);
    });
  });
}
