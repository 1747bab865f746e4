// 6. PostgresEventStore.appendToStream with 1 and with 100 events per append (a fresh stream each, 'no_stream'),
//    against raw `pg` INSERTs of the same rows into the same table shape (the store's own migration, in another
//    schema), one autocommit statement per append. Same server, same process, alternating rounds.
import type { NewEvent } from '@serviceledger/platform/core';
import { PostgresEventStore } from '@serviceledger/platform/postgres';
import { BenchOptions, BenchResult, benchEvent, benchStream, compareRates, skippedResult } from './harness';
import { assertSamePgShape, openRawPgEventTable, postgresSettings, postgresUnreachable, withScratchSchemas } from './pg-events';

const BATCH = 100;

export async function measurePgAppends(options: BenchOptions): Promise<BenchResult[]> {
  const unreachable = await postgresUnreachable();
  if (unreachable) return [skippedResult('PostgreSQL append 1 event', unreachable), skippedResult(`PostgreSQL append ${BATCH} events`, unreachable)];
  return withScratchSchemas(async (scratch) => {
    const storeSchema = scratch();
    const rawSchema = scratch();
    options.log(`  PostgreSQL: ${await postgresSettings(storeSchema.url)}`);
    const store = await PostgresEventStore.open({ connectionString: storeSchema.url, schema: storeSchema.schema });
    const raw = await openRawPgEventTable(rawSchema.url, rawSchema.schema);
    try {
      await assertSamePgShape(storeSchema.url, storeSchema.schema, rawSchema.schema);
      const compare = (size: number) =>
        compareRates<{ stream: string; events: NewEvent[] }>({
          make: () => ({ stream: benchStream(), events: Array.from({ length: size }, () => benchEvent()) }),
          ours: ({ stream, events }) => store.appendToStream(stream, events, { expectedVersion: 'no_stream' }),
          baseline: ({ stream, events }) => raw.append(stream, events),
          warmup: options.quick ? 50 : size === 1 ? 300 : 50,
          rounds: options.quick ? 2 : 5,
          roundMs: options.quick ? 150 : 500,
          perItem: size,
        });
      const single = await compare(1);
      const batched = await compare(BATCH);
      return [
        {
          metric: 'PostgreSQL append 1 event',
          unit: 'ops/s',
          ...single,
          target: 0.75,
          baselineLabel: 'raw pg: one autocommit INSERT … VALUES of the same row into the same table shape (synchronous_commit on)',
        },
        {
          metric: `PostgreSQL append ${BATCH} events`,
          unit: 'events/s',
          ...batched,
          target: 0.85,
          baselineLabel: `raw pg: one autocommit INSERT … SELECT FROM unnest(…) of the same ${BATCH} rows`,
        },
      ] satisfies BenchResult[];
    } finally {
      await store.close();
      await raw.close();
    }
  });
}
