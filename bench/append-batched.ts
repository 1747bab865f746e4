// 2. SqliteEventStore.appendToStream with 100 events per append (a fresh stream each, 'no_stream') against raw
//    better-sqlite3 inserts of the same 100 rows in one transaction. Reported in events/s.
import { join } from 'node:path';
import type { NewEvent } from '@serviceledger/platform/core';
import { SqliteEventStore } from '@serviceledger/platform/sqlite';
import { BenchOptions, BenchResult, benchEvent, benchStream, compareRates, withTempDir } from './harness';
import { assertSameShape, openRawEventTable } from './raw-events';

export const BATCH = 100;

export function measureBatchedAppends(options: BenchOptions): Promise<BenchResult> {
  return withTempDir('append100', async (dir) => {
    const storeFile = join(dir, 'store.db');
    const store = new SqliteEventStore({ filename: storeFile });
    const raw = openRawEventTable(join(dir, 'raw.db'), 'FULL');
    try {
      assertSameShape(store, storeFile, raw);
      const rates = await compareRates<{ stream: string; events: NewEvent[] }>({
        make: () => ({ stream: benchStream(), events: Array.from({ length: BATCH }, () => benchEvent()) }),
        ours: ({ stream, events }) => store.appendToStream(stream, events, { expectedVersion: 'no_stream' }),
        baseline: ({ stream, events }) => raw.append(stream, events),
        warmup: options.quick ? 20 : 100,
        rounds: options.quick ? 2 : 5,
        roundMs: options.quick ? 150 : 500,
        perItem: BATCH,
      });
      return {
        metric: `append ${BATCH} events, sync FULL`,
        unit: 'events/s',
        ...rates,
        baselineLabel: `raw better-sqlite3 INSERT of ${BATCH} rows per transaction, WAL, synchronous FULL`,
        target: 0.7,
      } satisfies BenchResult;
    } finally {
      await store.close();
      raw.close();
    }
  });
}
