// Appends under concurrency (issue 22): 1, 8 and 32 clients, each appending one event to a fresh stream with
// 'no_stream' as soon as its previous append answered, for a fixed time; on SQLite (SqliteEventStore, synchronous
// FULL) and on PostgreSQL (PostgresEventStore, its default pool of 10). The baseline is the raw driver writing the
// same rows at the same concurrency in the same run: better-sqlite3, one transaction per row (synchronous, so its
// clients take turns); `pg`, one autocommit INSERT per row over a pool of the same size.
import { join } from 'node:path';
import type { NewEvent } from '@serviceledger/platform/core';
import { PostgresEventStore } from '@serviceledger/platform/postgres';
import { SqliteEventStore } from '@serviceledger/platform/sqlite';
import { BenchOptions, BenchResult, benchEvent, benchStream, median, now, p50p99, skippedResult, withTempDir } from './harness';
import { openRawPgEventTable, postgresUnreachable, withScratchSchemas } from './pg-events';
import { openRawEventTable } from './raw-events';

export const APPEND_CLIENTS = [1, 8, 32];

type Append = (stream: string, events: NewEvent[]) => unknown;

/** `clients` closed loops of single appends for `durationMs`; the rate and every append's latency. */
async function closedLoop(append: Append, clients: number, durationMs: number): Promise<{ rate: number; latencies: number[] }> {
  const latencies: number[] = [];
  const end = now() + durationMs;
  const start = now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (now() < end) {
        const item = { stream: benchStream(), events: [benchEvent()] };
        const sent = now();
        await append(item.stream, item.events);
        latencies.push(now() - sent);
      }
    }),
  );
  return { rate: (latencies.length * 1000) / (now() - start), latencies };
}

/** Both sides at each concurrency: a warm-up of each, then alternating rounds; the median rate and the pooled latencies. */
async function compareAtConcurrency(store: string, ours: Append, baseline: Append, baselineLabel: string, options: BenchOptions): Promise<BenchResult[]> {
  const roundMs = options.quick ? 300 : 1500;
  const rounds = options.quick ? 1 : 3;
  const results: BenchResult[] = [];
  for (const clients of APPEND_CLIENTS) {
    await closedLoop(ours, clients, roundMs / 3);
    await closedLoop(baseline, clients, roundMs / 3);
    const sides = { ours: { rates: [] as number[], latencies: [] as number[] }, baseline: { rates: [] as number[], latencies: [] as number[] } };
    for (let round = 0; round < rounds; round++) {
      const order: Array<[keyof typeof sides, Append]> = [
        ['ours', ours],
        ['baseline', baseline],
      ];
      if (round % 2) order.reverse();
      for (const [side, append] of order) {
        const measured = await closedLoop(append, clients, roundMs);
        sides[side].rates.push(measured.rate);
        sides[side].latencies.push(...measured.latencies);
      }
    }
    results.push({
      metric: `${store} append 1 event, ${clients} client${clients > 1 ? 's' : ''}`,
      unit: 'ops/s',
      ours: median(sides.ours.rates),
      baseline: median(sides.baseline.rates),
      baselineLabel,
      latency: { ours: p50p99(sides.ours.latencies), baseline: p50p99(sides.baseline.latencies) },
    });
  }
  return results;
}

export function measureConcurrentSqliteAppends(options: BenchOptions): Promise<BenchResult[]> {
  return withTempDir('append-concurrent', async (dir) => {
    const store = new SqliteEventStore({ filename: join(dir, 'store.db') });
    const raw = openRawEventTable(join(dir, 'raw.db'), 'FULL');
    try {
      return await compareAtConcurrency(
        'SQLite',
        (stream, events) => store.appendToStream(stream, events, { expectedVersion: 'no_stream' }),
        async (stream, events) => raw.append(stream, events),
        'raw better-sqlite3 INSERT, one transaction per row, WAL, synchronous FULL, same number of clients',
        options,
      );
    } finally {
      await store.close();
      raw.close();
    }
  });
}

export async function measureConcurrentPgAppends(options: BenchOptions): Promise<BenchResult[]> {
  const unreachable = await postgresUnreachable();
  if (unreachable) return APPEND_CLIENTS.map((c) => skippedResult(`PostgreSQL append 1 event, ${c} client${c > 1 ? 's' : ''}`, unreachable));
  return withScratchSchemas(async (scratch) => {
    const storeSchema = scratch();
    const rawSchema = scratch();
    const store = await PostgresEventStore.open({ connectionString: storeSchema.url, schema: storeSchema.schema });
    const raw = await openRawPgEventTable(rawSchema.url, rawSchema.schema);
    try {
      return await compareAtConcurrency(
        'PostgreSQL',
        (stream, events) => store.appendToStream(stream, events, { expectedVersion: 'no_stream' }),
        (stream, events) => raw.append(stream, events),
        'raw pg: one autocommit INSERT … VALUES of the same row into the same table shape, pool of 10, same number of clients',
        options,
      );
    } finally {
      await store.close();
      await raw.close();
    }
  });
}
