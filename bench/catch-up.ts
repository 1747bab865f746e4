// 3. Projection catch-up: a ProjectionHost (one ProjectionRunner) reads N events from a SqliteEventStore into a
//    simple upsert projection on a SQLite ReadModelDatabase (TypeORM), from checkpoint zero to the head. Against
//    (a) a raw read of the same rows: SELECT … ORDER BY global_position in batches, JSON.parse of data and metadata;
//    (b) the same raw read plus raw better-sqlite3 upserts of the same read-model rows and the checkpoint, one
//        transaction per batch, with the read-model database's own pragmas.
//    The measured projection writes the way services do: through the batch's tables, one upsert per event, which the
//    platform writes as one multi-row upsert per table per batch (ADR 0020). A projection that writes nothing, against
//    (a), shows the platform's plumbing alone.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionHost, ReadModelDatabase, aggregateStatesTable, foldEvent, tableName } from '@serviceledger/platform/read-models';
import { SqliteEventStore } from '@serviceledger/platform/sqlite';
import { BenchOptions, BenchResult, benchEvent, benchStream, median, now, withTempDir } from './harness';

/** The runner's default batch size (ProjectionRunner.start), used by the baselines too. */
export const BATCH = 500;

export type NoteData = { id: string; title: string };

export function notes(apply: ProjectionDefinition['apply'], folds = false): ProjectionDefinition {
  return {
    name: 'bench.notes',
    version: 1,
    filter: { streamPrefixes: ['bench.note-'] },
    tables: {
      note: {
        columns: {
          id: { type: String, primary: true },
          title: { type: String },
          status: { type: String },
        },
      },
      ...(folds ? { [AGGREGATE_STATES]: aggregateStatesTable } : {}),
    },
    apply,
  };
}

/** Like the sample service's notes: one row per note, one upsert per event through the batch's table. The measured projection. */
export const notesProjection = notes(async (events: EventEnvelope[], tables) => {
  const rows = tables.table('note');
  for (const e of events) {
    const data = e.data as NoteData;
    rows.upsert({ id: data.id, title: data.title, status: 'open' });
  }
});

/** The notes of a stream as a decider would fold them: how many it holds. */
const noteCount = { initialState: () => 0, evolve: (count: number) => count + 1 };

/** As services write: each event folded into its stream's state (foldEvent), then its row upserted. */
export const foldingNotesProjection = notes(async (events: EventEnvelope[], tables) => {
  const rows = tables.table('note');
  for (const e of events) {
    if (!(await foldEvent(tables, e, noteCount))) continue;
    const data = e.data as NoteData;
    rows.upsert({ id: data.id, title: data.title, status: 'open' });
  }
}, true);

/** For comparison: writes nothing, so only the platform's plumbing is left (read, envelopes, transaction, checkpoint). */
export const noopProjection = notes(async () => undefined);

export const NOTE_TABLE = tableName('bench.notes', 'note', 'a');

async function fillStore(store: SqliteEventStore, count: number): Promise<void> {
  for (let written = 0; written < count; written += 100) {
    const events = Array.from({ length: Math.min(100, count - written) }, () => benchEvent());
    await store.appendToStream(benchStream(), events, { expectedVersion: 'no_stream' });
  }
}

/** Events/s of the projection host catching up from scratch into a fresh read-model file; also returns its synchronous pragma. */
async function projectionCatchUp(
  store: SqliteEventStore,
  readFile: string,
  count: number,
  projection = notesProjection,
): Promise<{ rate: number; synchronous: number }> {
  const db = await ReadModelDatabase.open({ type: 'sqlite', filename: readFile }, ProjectionHost.entities([projection]));
  const host = new ProjectionHost(store, db, [projection]);
  try {
    const head = await store.headCheckpoint();
    if (!head) throw new Error('bench: empty store');
    const start = now();
    await host.start();
    if (!(await host.waitFor(projection.name, head, 300_000))) throw new Error('bench: the projection did not catch up');
    const rate = (count * 1000) / (now() - start);
    const [{ n }] = (await db.dataSource.query(`SELECT COUNT(*) AS n FROM "${NOTE_TABLE}"`)) as Array<{ n: number }>;
    if (n !== (projection === noopProjection ? 0 : count)) throw new Error(`bench: the projection holds ${n} rows, expected ${count}`);
    const [{ synchronous }] = (await db.dataSource.query('PRAGMA synchronous')) as Array<{ synchronous: number }>;
    return { rate, synchronous };
  } finally {
    await host.stop();
    await db.close();
  }
}

interface RawRow {
  global_position: number;
  event_id: string;
  stream: string;
  stream_position: number;
  type: string;
  data: string;
  metadata: string;
  occurred_at: string;
}

/** Reads every event in global order in batches, parsing data and metadata; hands each batch to `sink`. */
function rawRead(storeFile: string, sink?: (rows: Array<RawRow & { parsed: { id: string; title: string } }>, last: number) => void): number {
  const db = new Database(storeFile, { readonly: true });
  try {
    const select = db.prepare<[number, number], RawRow>('SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?');
    let after = 0;
    let seen = 0;
    for (;;) {
      const rows = select.all(after, BATCH);
      if (rows.length === 0) return seen;
      const batch = rows.map((row) => {
        JSON.parse(row.metadata);
        return { ...row, parsed: JSON.parse(row.data) as { id: string; title: string } };
      });
      after = rows[rows.length - 1].global_position;
      seen += rows.length;
      sink?.(batch, after);
    }
  } finally {
    db.close();
  }
}

function rawReadAndUpsert(storeFile: string, readFile: string, synchronous: number): number {
  const db = new Database(readFile);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.exec(`CREATE TABLE note (id varchar PRIMARY KEY NOT NULL, title varchar NOT NULL, status varchar NOT NULL);
             CREATE TABLE checkpoint (name varchar(200) PRIMARY KEY NOT NULL, checkpoint varchar(100) NOT NULL, updated_at datetime NOT NULL)`);
    const upsert = db.prepare(
      'INSERT INTO note (id, title, status) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, status = excluded.status',
    );
    const save = db.prepare(
      'INSERT INTO checkpoint (name, checkpoint, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at',
    );
    const apply = db.transaction((rows: Array<{ parsed: { id: string; title: string } }>, last: number) => {
      for (const row of rows) upsert.run(row.parsed.id, row.parsed.title, 'open');
      save.run('bench', String(last), new Date().toISOString());
    });
    return rawRead(storeFile, (rows, last) => apply(rows, last));
  } finally {
    db.close();
  }
}

function timedRate(count: number, work: () => number): number {
  const start = now();
  const seen = work();
  if (seen !== count) throw new Error(`bench: read ${seen} events, expected ${count}`);
  return (count * 1000) / (now() - start);
}

export function measureCatchUp(options: BenchOptions): Promise<BenchResult[]> {
  const count = options.quick ? 5_000 : 50_000;
  return withTempDir('catchup', async (dir) => {
    const warmFile = join(dir, 'warm-events.db');
    const storeFile = join(dir, 'events.db');
    const warm = new SqliteEventStore({ filename: warmFile });
    const store = new SqliteEventStore({ filename: storeFile });
    try {
      await fillStore(warm, 2_000);
      await fillStore(store, count);
      options.log(`  catch-up: ${count} events written`);
      // Warm-up: the same code paths on a small log.
      const { synchronous } = await projectionCatchUp(warm, join(dir, 'warm-read.db'), 2_000);
      await projectionCatchUp(warm, join(dir, 'warm-read-folding.db'), 2_000, foldingNotesProjection);
      await projectionCatchUp(warm, join(dir, 'warm-read-noop.db'), 2_000, noopProjection);
      rawReadAndUpsert(warmFile, join(dir, 'warm-raw-read.db'), synchronous);
      rawRead(warmFile);

      const ours: number[] = [];
      const read: number[] = [];
      const readUpsert: number[] = [];
      const folding: number[] = [];
      const noop: number[] = [];
      const rounds = options.quick ? 1 : 5;
      for (let round = 0; round < rounds; round++) {
        read.push(timedRate(count, () => rawRead(storeFile)));
        readUpsert.push(timedRate(count, () => rawReadAndUpsert(storeFile, join(dir, `raw-read-${round}.db`), synchronous)));
        ours.push((await projectionCatchUp(store, join(dir, `read-${round}.db`), count)).rate);
        folding.push((await projectionCatchUp(store, join(dir, `read-folding-${round}.db`), count, foldingNotesProjection)).rate);
        noop.push((await projectionCatchUp(store, join(dir, `read-noop-${round}.db`), count, noopProjection)).rate);
      }
      const rawReadLabel = `raw read: SELECT … ORDER BY global_position LIMIT ${BATCH}, JSON.parse of data and metadata`;
      const metric = `catch-up ${count / 1000}k events`;
      return [
        {
          metric: `${metric} vs raw read`,
          unit: 'events/s',
          ours: median(ours),
          baseline: median(read),
          baselineLabel: `${rawReadLabel} (ours: an upsert per event through the batch's table, one multi-row upsert per batch)`,
          target: 0.5,
        },
        {
          metric: `${metric} vs raw read+upsert`,
          unit: 'events/s',
          ours: median(ours),
          baseline: median(readUpsert),
          baselineLabel: `raw read + raw better-sqlite3 upserts of the same rows and the checkpoint, one transaction per ${BATCH} events`,
          target: 0.75,
        },
        {
          metric: `${metric}, folding projection, vs raw read+upsert`,
          unit: 'events/s',
          ours: median(folding),
          baseline: median(readUpsert),
          baselineLabel: `the raw read + upsert baseline above (ours: each event folded into its stream's state with foldEvent, then its row upserted; states and rows written once per batch)`,
        },
        {
          metric: `${metric}, no-op projection, vs raw read`,
          unit: 'events/s',
          ours: median(noop),
          baseline: median(read),
          baselineLabel: `${rawReadLabel} (ours: a projection that writes nothing; the platform's read, transaction and checkpoint)`,
        },
      ] satisfies BenchResult[];
    } finally {
      await warm.close();
      await store.close();
    }
  });
}
