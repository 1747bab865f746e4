// 7. Projection catch-up on PostgreSQL: a ProjectionHost reads N events from a PostgresEventStore into the same
//    upsert projection as the SQLite catch-up (bench/catch-up.ts), on a PostgreSQL ReadModelDatabase (TypeORM), from
//    checkpoint zero to the head. Against
//    (a) a raw `pg` read of the same rows: SELECT … WHERE global_position > $1 ORDER BY global_position LIMIT 500
//        (the driver parses the json columns);
//    (b) the same raw read plus raw `pg` upserts of the same read-model rows, one statement per event, and a
//        checkpoint row, one transaction per batch, into a table of the same shape.
//    The projection writes through the batch's tables (one multi-row upsert per batch, ADR 0020); a no-op projection
//    against (a) shows the platform's plumbing alone.
import { Pool } from 'pg';
import { PostgresEventStore, ScratchSchema, quoteIdent } from '@serviceledger/platform/postgres';
import { ProjectionDefinition, ProjectionHost, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { BATCH, NOTE_TABLE, NoteData, foldingNotesProjection, noopProjection, notesProjection } from './catch-up';
import { BenchOptions, BenchResult, benchEvent, benchStream, median, now, skippedResult } from './harness';
import { postgresUnreachable, withScratchSchemas } from './pg-events';

async function fillStore(store: PostgresEventStore, count: number): Promise<void> {
  for (let written = 0; written < count; written += 100) {
    const events = Array.from({ length: Math.min(100, count - written) }, () => benchEvent());
    await store.appendToStream(benchStream(), events, { expectedVersion: 'no_stream' });
  }
}

/** Events/s of the projection host catching up from scratch into a fresh read-model schema. */
async function projectionCatchUp(store: PostgresEventStore, readModels: ScratchSchema, count: number, projection: ProjectionDefinition): Promise<number> {
  const db = await ReadModelDatabase.open(
    { type: 'postgres', url: readModels.url, schema: readModels.schema, schemaChanges: 'migrate' },
    ProjectionHost.entities([projection]),
  );
  const host = new ProjectionHost(store, db, [projection]);
  try {
    const head = await store.headCheckpoint();
    if (!head) throw new Error('bench: empty store');
    const start = now();
    await host.start();
    if (!(await host.waitFor(projection.name, head, 300_000))) throw new Error('bench: the projection did not catch up');
    const rate = (count * 1000) / (now() - start);
    const [{ n }] = (await db.dataSource.query(
      `SELECT COUNT(*)::int AS n FROM ${quoteIdent(readModels.schema)}.${quoteIdent(NOTE_TABLE)}`,
    )) as Array<{ n: number }>;
    if (n !== (projection === noopProjection ? 0 : count)) throw new Error(`bench: the projection holds ${n} rows, expected ${count}`);
    return rate;
  } finally {
    await host.stop();
    await db.close();
  }
}

type Row = { global_position: string; data: NoteData; metadata: unknown };

/** Reads every event of the store's table in position order, in batches; hands each batch to `sink`. */
async function rawRead(pool: Pool, schema: string, sink?: (rows: Row[], last: string) => Promise<void>): Promise<number> {
  // Ordered by the qualified column: an output alias of the same name would order the text.
  const sql = `SELECT e.global_position::text AS global_position, e.transaction_id::text AS transaction_id, e.event_id::text AS event_id,
                      e.stream, e.stream_position::text AS stream_position, e.type, e.data, e.metadata, e.occurred_at
                 FROM ${quoteIdent(schema)}.events e WHERE e.global_position > $1 ORDER BY e.global_position LIMIT $2`;
  let after = '0';
  let seen = 0;
  for (;;) {
    const { rows } = await pool.query<Row>(sql, [after, BATCH]);
    if (rows.length === 0) return seen;
    after = rows[rows.length - 1].global_position;
    seen += rows.length;
    await sink?.(rows, after);
  }
}

async function rawReadAndUpsert(read: Pool, storeSchema: string, readModels: ScratchSchema): Promise<number> {
  const pool = new Pool({ connectionString: readModels.url, max: 1 });
  const s = quoteIdent(readModels.schema);
  try {
    await pool.query(`CREATE SCHEMA ${s}`);
    await pool.query(`CREATE TABLE ${s}.note (id varchar PRIMARY KEY, title varchar NOT NULL, status varchar NOT NULL);
                      CREATE TABLE ${s}.checkpoint (name varchar(200) PRIMARY KEY, checkpoint varchar(100) NOT NULL, updated_at timestamp NOT NULL)`);
    const upsert = `INSERT INTO ${s}.note (id, title, status) VALUES ($1, $2, $3)
                    ON CONFLICT (id) DO UPDATE SET title = excluded.title, status = excluded.status`;
    const save = `INSERT INTO ${s}.checkpoint (name, checkpoint, updated_at) VALUES ($1, $2, $3)
                  ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at`;
    const client = await pool.connect();
    try {
      return await rawRead(read, storeSchema, async (rows, last) => {
        await client.query('BEGIN');
        for (const row of rows) await client.query(upsert, [row.data.id, row.data.title, 'open']);
        await client.query(save, ['bench', last, new Date()]);
        await client.query('COMMIT');
      });
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

async function timedRate(count: number, work: () => Promise<number>): Promise<number> {
  const start = now();
  const seen = await work();
  if (seen !== count) throw new Error(`bench: read ${seen} events, expected ${count}`);
  return (count * 1000) / (now() - start);
}

export async function measurePgCatchUp(options: BenchOptions): Promise<BenchResult[]> {
  const count = options.quick ? 2_000 : 10_000;
  const metric = `PostgreSQL catch-up ${count / 1000}k events`;
  const unreachable = await postgresUnreachable();
  if (unreachable) return [skippedResult(`${metric} vs raw read`, unreachable)];
  return withScratchSchemas(async (scratch) => {
    const warmSchema = scratch();
    const storeSchema = scratch();
    const warm = await PostgresEventStore.open({ connectionString: warmSchema.url, schema: warmSchema.schema });
    const store = await PostgresEventStore.open({ connectionString: storeSchema.url, schema: storeSchema.schema });
    const read = new Pool({ connectionString: storeSchema.url, max: 1 });
    try {
      await fillStore(warm, 1_000);
      await fillStore(store, count);
      // What autovacuum would do within a minute. Without statistics on a freshly written table, the planner
      // expects the projection's stream-prefix filter to match almost nothing, and each readAll batch scans
      // the rest of the log and sorts it instead of walking the index (docs/benchmarks.md).
      for (const s of [warmSchema, storeSchema]) await read.query(`ANALYZE ${quoteIdent(s.schema)}.events`);
      options.log(`  PostgreSQL catch-up: ${count} events written`);
      const variants = [notesProjection, noopProjection, foldingNotesProjection];
      // Warm-up: the same code paths on a small log.
      for (const projection of variants) await projectionCatchUp(warm, scratch(), 1_000, projection);
      await rawReadAndUpsert(read, warmSchema.schema, scratch());
      await rawRead(read, warmSchema.schema);

      const rates = new Map<string, number[]>();
      const push = (key: string, rate: number) => rates.set(key, [...(rates.get(key) ?? []), rate]);
      const rounds = options.quick ? 1 : 3;
      for (let round = 0; round < rounds; round++) {
        push('read', await timedRate(count, () => rawRead(read, storeSchema.schema)));
        push('readUpsert', await timedRate(count, () => rawReadAndUpsert(read, storeSchema.schema, scratch())));
        for (const [i, projection] of variants.entries()) push(`ours${i}`, await projectionCatchUp(store, scratch(), count, projection));
      }
      const m = (key: string) => median(rates.get(key) ?? []);
      const rawReadLabel = `raw pg read: SELECT … WHERE global_position > $1 ORDER BY global_position LIMIT ${BATCH}, json parsed by the driver`;
      return [
        {
          metric: `${metric} vs raw read`,
          unit: 'events/s',
          ours: m('ours0'),
          baseline: m('read'),
          baselineLabel: `${rawReadLabel} (ours: an upsert per event through the batch's table, one multi-row upsert per batch, PostgreSQL read models)`,
        },
        {
          metric: `${metric} vs raw read+upsert`,
          unit: 'events/s',
          ours: m('ours0'),
          baseline: m('readUpsert'),
          baselineLabel: `raw pg read + raw pg upserts of the same rows (one statement per event) and the checkpoint, one transaction per ${BATCH} events`,
          target: 0.9,
        },
        {
          metric: `${metric}, folding projection, vs raw read+upsert`,
          unit: 'events/s',
          ours: m('ours2'),
          baseline: m('readUpsert'),
          baselineLabel: `the raw read + upsert baseline above (ours: each event folded into its stream's state with foldEvent, then its row upserted; states and rows written once per batch)`,
        },
        {
          metric: `${metric}, no-op projection, vs raw read`,
          unit: 'events/s',
          ours: m('ours1'),
          baseline: m('read'),
          baselineLabel: `${rawReadLabel} (ours: a projection that writes nothing; the store's readAll, transaction and checkpoint)`,
        },
      ] satisfies BenchResult[];
    } finally {
      await read.end();
      await warm.close();
      await store.close();
    }
  });
}
