// 1. SqliteEventStore.appendToStream with one event per append, each to a fresh stream ('no_stream'), against raw
//    better-sqlite3 inserts of the same rows, one transaction per row; with synchronous FULL (the default) and NORMAL.
import { join } from 'node:path';
import type { NewEvent } from '@serviceledger/platform/core';
import { SqliteEventStore } from '@serviceledger/platform/sqlite';
import { BenchOptions, BenchResult, benchEvent, benchStream, compareRates, withTempDir } from './harness';
import { Synchronous, assertSameShape, openRawEventTable } from './raw-events';

export function measureSingleAppends(synchronous: Synchronous, options: BenchOptions): Promise<BenchResult> {
  return withTempDir(`append1-${synchronous.toLowerCase()}`, async (dir) => {
    const storeFile = join(dir, 'store.db');
    const store = new SqliteEventStore({ filename: storeFile, synchronous });
    const raw = openRawEventTable(join(dir, 'raw.db'), synchronous);
    try {
      assertSameShape(store, storeFile, raw);
      const rates = await compareRates<{ stream: string; events: NewEvent[] }>({
        make: () => ({ stream: benchStream(), events: [benchEvent()] }),
        ours: ({ stream, events }) => store.appendToStream(stream, events, { expectedVersion: 'no_stream' }),
        baseline: ({ stream, events }) => raw.append(stream, events),
        warmup: options.quick ? 200 : 1000,
        rounds: options.quick ? 2 : 5,
        roundMs: options.quick ? 150 : 500,
      });
      return {
        metric: `append 1 event, sync ${synchronous}`,
        unit: 'ops/s',
        ...rates,
        baselineLabel: `raw better-sqlite3 INSERT, one transaction per row, WAL, synchronous ${synchronous}`,
        target: synchronous === 'FULL' ? 0.5 : undefined,
      } satisfies BenchResult;
    } finally {
      await store.close();
      raw.close();
    }
  });
}
