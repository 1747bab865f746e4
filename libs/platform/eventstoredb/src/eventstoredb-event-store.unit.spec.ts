import { DuplicateEventIdError, WrongExpectedVersionError } from '@serviceledger/platform/core';
import { newEvent } from '@serviceledger/platform/testing';
import { formatCheckpoint } from './checkpoints';
import { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb-event-store';
import { EVENT_ID_CLAIM_TYPE } from './mapping';
import { FakeEsdbServer } from './testing/fake-esdb-client';

function setup(options: Partial<EventStoreDbEventStoreOptions> = {}) {
  const server = new FakeEsdbServer();
  server.appendSystem();
  const store = new EventStoreDbEventStore({ client: server.client(), ...options });
  return { server, store };
}

afterEach(() => jest.restoreAllMocks());

describe('EventStoreDbEventStore over a simulated server', () => {
  describe('appends', () => {
    it.each(['none', 'last-event'] as const)(
      'answers a retry the server recognises with the original result (position on the retry: %s)',
      async (idempotentPosition) => {
        const { server, store } = setup();
        server.idempotentPosition = idempotentPosition;
        const events = [newEvent('A'), newEvent('B')];
        const first = await store.appendToStream('s-1', events, { expectedVersion: 'no_stream' });
        const again = await store.appendToStream('s-1', events, { expectedVersion: 'no_stream' });
        expect(again).toEqual(first);
        expect(first).toEqual({ nextExpectedVersion: 1, checkpoint: (await store.readStream('s-1'))[1].checkpoint });
        expect(server.log.filter((r) => r.streamId === 's-1')).toHaveLength(2);
      },
    );

    it('reads back on a conflict: its own events at the expected positions make it a retry that landed', async () => {
      const { server, store } = setup();
      const events = [newEvent('A'), newEvent('B')];
      const first = await store.appendToStream('s-1', events, { expectedVersion: 'no_stream' });
      server.recognisesRepeats = false; // the server calls it a conflict
      await expect(store.appendToStream('s-1', events, { expectedVersion: 'no_stream' })).resolves.toEqual(first);
      await store.appendToStream('s-1', [newEvent('C')], { expectedVersion: 1 });
      await expect(store.appendToStream('s-1', events, { expectedVersion: 'no_stream' })).resolves.toEqual(first);
      expect(server.log.filter((r) => r.streamId === 's-1')).toHaveLength(3);
    });

    it('reports a partial overlap with what is stored as a DuplicateEventIdError, and a real conflict with the actual version', async () => {
      const { store } = setup();
      const [a, b] = [newEvent('A'), newEvent('B')];
      await store.appendToStream('s-1', [a, b], { expectedVersion: 'no_stream' });
      await expect(store.appendToStream('s-1', [a, newEvent('C')], { expectedVersion: 'no_stream' })).rejects.toMatchObject({
        name: 'DuplicateEventIdError',
        eventId: a.id,
      });
      const conflict = await store.appendToStream('s-1', [newEvent('D')], { expectedVersion: 0 }).catch((e) => e);
      expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
      expect(conflict).toMatchObject({ stream: 's-1', expected: 0, actual: 1 });
      await expect(store.appendToStream('s-2', [newEvent('E')], { expectedVersion: 3 })).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        actual: undefined,
      });
    });

    it('refuses an id already claimed by another stream before writing anything', async () => {
      const { server, store } = setup();
      const event = newEvent('A');
      await store.appendToStream('s-1', [event]);
      const calls = server.appendCalls.length;
      const reused = await store.appendToStream('s-2', [newEvent('B'), event]).catch((e) => e);
      expect(reused).toBeInstanceOf(DuplicateEventIdError);
      expect(reused).toMatchObject({ eventId: event.id, stream: 's-2' });
      expect(await store.streamExists('s-2')).toBe(false);
      expect(server.appendCalls.slice(calls).every((s) => s.startsWith('serviceledger-event-id-'))).toBe(true);
    });

    it('without claims, lets EventStoreDB append an id that another stream holds (the divergence the claims close)', async () => {
      const { server, store } = setup({ uniqueEventIds: false });
      const event = newEvent('A');
      await store.appendToStream('s-1', [event]);
      await store.appendToStream('s-2', [event]);
      expect(await store.streamExists('s-2')).toBe(true);
      expect(server.log.some((r) => r.type === EVENT_ID_CLAIM_TYPE)).toBe(false);
    });

    it('keeps claims out of every read: readAll, the head and subscriptions see only events', async () => {
      const { server, store } = setup({ eventIdStreamPrefix: 'ids-' });
      const { checkpoint } = await store.appendToStream('s-1', [newEvent('A'), newEvent('B')]);
      expect(server.log.filter((r) => r.streamId.startsWith('ids-') && r.type === EVENT_ID_CLAIM_TYPE)).toHaveLength(2);
      expect((await store.readAll()).events.map((e) => e.type)).toEqual(['A', 'B']);
      expect(await store.headCheckpoint()).toBe(checkpoint);
      const seen: string[] = [];
      const subscription = store.subscribe({}, async (events) => void seen.push(...events.map((e) => e.stream)));
      while (seen.length < 2) await new Promise((r) => setTimeout(r, 2));
      await subscription.stop();
      expect(seen).toEqual(['s-1', 's-1']);
      await store.close();
    });

    it('checks the expected version of an empty append against the stream as it is', async () => {
      const { store } = setup();
      await expect(store.appendToStream('s-1', [], { expectedVersion: 'exists' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.appendToStream('s-1', [], { expectedVersion: 'no_stream' })).resolves.toMatchObject({ nextExpectedVersion: -1 });
      const { checkpoint } = await store.appendToStream('s-1', [newEvent('A')]);
      await expect(store.appendToStream('s-1', [], { expectedVersion: 0 })).resolves.toEqual({ nextExpectedVersion: 0, checkpoint });
      await expect(store.appendToStream('s-1', [], { expectedVersion: 'no_stream' })).rejects.toMatchObject({ actual: 0 });
    });
  });

  describe('reads', () => {
    it('reads $all strictly after the checkpoint, and says when it reached the end', async () => {
      const store = new EventStoreDbEventStore({ client: new FakeEsdbServer().client(), uniqueEventIds: false });
      for (let i = 0; i < 5; i++) await store.appendToStream(`s-${i}`, [newEvent(`E${i}`)]);
      const first = await store.readAll({ batchSize: 2 });
      expect(first.events.map((e) => e.type)).toEqual(['E0', 'E1']);
      expect(first).toMatchObject({ checkpoint: first.events[1].checkpoint, isEnd: false });
      const second = await store.readAll({ after: first.checkpoint, batchSize: 2 });
      expect(second.events.map((e) => e.type)).toEqual(['E2', 'E3']);
      const third = await store.readAll({ after: second.checkpoint, batchSize: 2 });
      expect(third.events.map((e) => e.type)).toEqual(['E4']);
      expect(third.isEnd).toBe(true);
      const past = await store.readAll({ after: third.checkpoint, batchSize: 2 });
      expect(past).toEqual({ events: [], checkpoint: third.checkpoint, isEnd: true });
    });

    it('moves the checkpoint past system events and events the filter leaves out, at most batchSize scanned per read', async () => {
      const { server, store } = setup();
      const start = await store.headCheckpoint();
      await store.appendToStream('other-1', [newEvent('X'), newEvent('Y'), newEvent('Z')]);
      const system = server.appendSystem();
      const read = await store.readAll({ after: start, batchSize: 10, filter: { streamPrefixes: ['mine-'] } });
      expect(read).toEqual({ events: [], checkpoint: formatCheckpoint(system.position), isEnd: true });
      const partial = await store.readAll({ after: start, batchSize: 2, filter: { streamPrefixes: ['mine-'] } });
      expect(partial.events).toEqual([]);
      expect(partial.isEnd).toBe(false);
      expect(store.checkpoints.compare(partial.checkpoint, start)).toBeGreaterThan(0);
      // Reading on from a system event's position works, and returns what follows it.
      await store.appendToStream('mine-1', [newEvent('M')]);
      const next = await store.readAll({ after: read.checkpoint, filter: { streamPrefixes: ['mine-'] } });
      expect(next.events.map((e) => e.type)).toEqual(['M']);
    });

    it('finds the head behind any number of system events, and has none for a log of system events only', async () => {
      const { server, store } = setup();
      expect(await store.headCheckpoint()).toBeUndefined();
      const { checkpoint } = await store.appendToStream('s-1', [newEvent('A')]);
      for (let i = 0; i < 70; i++) server.appendSystem();
      expect(await store.headCheckpoint()).toBe(checkpoint);
    });

    it('reads stream ranges, and needs the $all positions that servers send from 22.6 on', async () => {
      const { server, store } = setup();
      await store.appendToStream('s-1', ['E0', 'E1', 'E2'].map((t) => newEvent(t)));
      expect((await store.readStream('s-1', { from: 1, maxCount: 1 })).map((e) => e.type)).toEqual(['E1']);
      expect(await store.readStream('s-1', { from: 7 })).toEqual([]);
      expect(await store.readStream('s-1', { maxCount: 0 })).toEqual([]);
      expect(await store.readStream('missing', { maxCount: 0 })).toEqual([]);
      expect(await store.readStream('missing')).toEqual([]);
      server.positionsOnStreamReads = false;
      await expect(store.readStream('s-1')).rejects.toThrow(/22\.6/);
    });
  });

  it('needs a connection string or a client', () => {
    expect(() => new EventStoreDbEventStore({})).toThrow(/connectionString/);
  });
});
