import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendResult, WrongExpectedVersionError } from '@serviceledger/platform/core';
import { eventStoreContract, eventually, newEvent, storeAndPeer } from '@serviceledger/platform/testing';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-sqlite-'));
  const filename = join(dir, 'events.db');
  return storeAndPeer(() => new SqliteEventStore({ filename, pollIntervalMs: 20 }), () => rmSync(dir, { recursive: true, force: true }));
});

describe('SQLite event store on disk', () => {
  it('keeps its events in the file: a store opened again reads what an earlier one appended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-sqlite-'));
    const filename = join(dir, 'events.db');
    try {
      const first = new SqliteEventStore({ filename });
      const { checkpoint } = await first.appendToStream('test.kept-1', [newEvent('Kept', { 名稱: '保留' })]);
      await first.close();
      const again = new SqliteEventStore({ filename });
      const [event] = await again.readStream('test.kept-1');
      expect(event).toMatchObject({ type: 'Kept', data: { 名稱: '保留' }, checkpoint });
      expect(await again.headCheckpoint()).toBe(checkpoint);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite event store: group commit', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sl-sqlite-group-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits appends made together one by one in their order: a refused one fails alone, a retried one gets its first answer', async () => {
    const first = newEvent('Opened');
    const [opened, next, conflicting, retried, other] = await Promise.allSettled([
      store.appendToStream('test.group-1', [first], { expectedVersion: 'no_stream' }),
      store.appendToStream('test.group-1', [newEvent('Changed')], { expectedVersion: 0 }),
      store.appendToStream('test.group-1', [newEvent('Changed')], { expectedVersion: 0 }),
      store.appendToStream('test.group-1', [first], { expectedVersion: 'no_stream' }),
      store.appendToStream('test.group-2', [newEvent('Opened')], { expectedVersion: 'no_stream' }),
    ]);

    expect(opened).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 0 } });
    expect(next).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
    expect(conflicting).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersionError) });
    expect(retried).toEqual(opened);
    expect(other).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 0 } });
    expect((await store.readStream('test.group-1')).map((e) => e.type)).toEqual(['Opened', 'Changed']);
    expect(await store.readStream('test.group-2')).toHaveLength(1);
  });

  it('numbers appends made together without gaps, a build that throws taking no number', async () => {
    const results = await Promise.allSettled([
      store.appendNumbered('test.numbered-1', 'test-counter', (n) => [newEvent('Numbered', { n })]),
      store.appendNumbered('test.numbered-2', 'test-counter', () => {
        throw new Error('no event for this number');
      }),
      store.appendNumbered('test.numbered-3', 'test-counter', (n) => [newEvent('Numbered', { n })]),
    ]);

    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.number : 'refused'))).toEqual([1, 'refused', 2]);
    expect(await store.streamExists('test.numbered-2')).toBe(false);
  });

  it('wakes a subscription of another store on the same file in this process at once, without waiting for its poll', async () => {
    const neighbour = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 600_000 });
    try {
      let heard: (types: string[]) => void;
      const received = new Promise<string[]>((resolve) => (heard = resolve));
      const subscription = neighbour.subscribe({}, async (events) => heard(events.map((e) => e.type)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      await store.appendToStream('test.neighbour-1', [newEvent('Heard')]);

      expect(await received).toEqual(['Heard']);
      await subscription.stop();
    } finally {
      await neighbour.close();
    }
  });
});

describe('SQLite event store: a filter that matches little', () => {
  it('reads the log a window at a time, short of the head without being at its end, and misses nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-sqlite-sparse-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    try {
      // 25,000 events, of which three are in the streams read: the first, one in the middle and the last.
      await store.appendToStream('rare.1', [newEvent('Rare')]);
      await store.appendToStream('common.1', Array.from({ length: 12_000 }, () => newEvent('Common')));
      await store.appendToStream('rare.2', [newEvent('Rare')]);
      await store.appendToStream('common.2', Array.from({ length: 12_997 }, () => newEvent('Common')));
      await store.appendToStream('rare.3', [newEvent('Rare')]);

      const filter = { streamPrefixes: ['rare.'] };
      const reads: Array<{ events: string[]; isEnd: boolean }> = [];
      for (let after: string | undefined; ; ) {
        const read = await store.readAll({ after, filter, batchSize: 500 });
        reads.push({ events: read.events.map((e) => e.stream), isEnd: read.isEnd });
        after = read.checkpoint;
        if (read.isEnd) break;
      }
      expect(reads).toEqual([
        { events: ['rare.1'], isEnd: false },
        { events: ['rare.2'], isEnd: false },
        { events: ['rare.3'], isEnd: true },
      ]);

      const heard: string[] = [];
      const subscription = store.subscribe({ filter }, async (events) => void heard.push(...events.map((e) => e.stream)));
      await eventually(async () => expect(heard).toEqual(['rare.1', 'rare.2', 'rare.3']));
      await subscription.stop();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite event store: commits a subscription has nothing in', () => {
  it('passes them over at the head without reading the log, and reads the ones that hold its events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-sqlite-pass-over-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 600_000 });
    try {
      await store.appendToStream('mine.1', [newEvent('Mine')]);
      const calls: Array<{ streams: string[]; checkpoint: string }> = [];
      const subscription = store.subscribe({ filter: { streamPrefixes: ['mine.'] } }, async (events, checkpoint) => {
        calls.push({ streams: events.map((e) => e.stream), checkpoint });
      });
      await eventually(async () => expect(calls).toHaveLength(1));
      const reads = jest.spyOn(store, 'readAll');

      const others: AppendResult[] = [];
      for (let i = 0; i < 3; i++) others.push(await store.appendToStream(`other.${i}`, [newEvent('Other'), newEvent('Other')]));
      await eventually(async () => expect(calls.at(-1)?.checkpoint).toBe(others[2].checkpoint));
      expect(reads).not.toHaveBeenCalled();
      expect(calls.slice(1)).toEqual(others.map(({ checkpoint }) => ({ streams: [], checkpoint })));

      const mine = await store.appendToStream('mine.2', [newEvent('Mine')]);
      await eventually(async () => expect(calls.at(-1)).toEqual({ streams: ['mine.2'], checkpoint: mine.checkpoint }));
      expect(reads).toHaveBeenCalledTimes(1);
      await subscription.stop();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
