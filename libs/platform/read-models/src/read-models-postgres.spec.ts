import { Client } from 'pg';
import { EntitySchema } from 'typeorm';
import { EventEnvelope, newId } from '@serviceledger/platform/core';
import { PostgresEventStore, ScratchSchema, scratchSchema } from '@serviceledger/platform/postgres';
import { newEvent } from '@serviceledger/platform/testing';
import { READ_MODEL_LOCK } from './advisory-locks';
import { CheckpointConflictError, CheckpointTable, loadCheckpoint } from './checkpoint';
import { ProjectionDefinition } from './projection';
import { ProjectionHost } from './projection-host';
import { ProjectionRunner, projectionCheckpointName } from './projection-runner';
import { PostgresReadModelConfig, ReadModelDatabase, migrateReadModels } from './read-model-database';
import { READ_MODEL_MIGRATION_TABLE, ReadModelSchemaBehindError } from './read-model-migrations';
import { countingProjection } from './testing/counting-projection';

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('PostgreSQL read models', () => {
  let scratch: ScratchSchema;
  let config: PostgresReadModelConfig;
  let sql: Client;
  const toClose: Array<{ close(): Promise<void> }> = [];

  beforeEach(async () => {
    scratch = scratchSchema();
    config = { type: 'postgres', url: scratch.url, schema: scratch.schema, poolSize: 4 };
    sql = new Client({ connectionString: scratch.url });
    await sql.connect();
  });
  afterEach(async () => {
    for (const c of toClose.splice(0).reverse()) await c.close().catch(() => undefined);
    await sql.end();
    await scratch.drop();
  });

  async function open(entities: EntitySchema[], extra: Partial<PostgresReadModelConfig> = {}): Promise<ReadModelDatabase> {
    const db = await ReadModelDatabase.open({ ...config, ...extra }, entities);
    toClose.push(db);
    return db;
  }

  describe('schema from migrations, never synchronize', () => {
    const Notes = (columns: Record<string, { type: StringConstructor | NumberConstructor; primary?: boolean }>) =>
      new EntitySchema({ name: 'test_note', columns });

    it('a service refuses to open a schema that is behind, naming the step to run', async () => {
      const error = await open([CheckpointTable]).catch((e) => e);
      expect(error).toBeInstanceOf(ReadModelSchemaBehindError);
      expect(error.message).toContain(`read-model schema "${scratch.schema}" is behind`);
      expect(error.message).toContain('migrateReadModels');
      expect(error.statements.join('\n')).toContain('CREATE TABLE');
    });

    it('the migration step applies the pending DDL once under a lock, records it, and then services open', async () => {
      const entities = [CheckpointTable, Notes({ id: { type: String, primary: true }, title: { type: String } })];
      const dry = await migrateReadModels(config, entities, { dryRun: true });
      expect(dry.applied).toBe(false);
      expect(dry.statements.some((s) => s.includes('"test_note"'))).toBe(true);
      await expect(open(entities)).rejects.toBeInstanceOf(ReadModelSchemaBehindError);

      // Three migrators at once (a Job and two replicas migrating at open): one applies, the others find nothing to do.
      const results = await Promise.all([
        migrateReadModels(config, entities),
        migrateReadModels(config, entities),
        migrateReadModels(config, entities),
      ]);
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      expect(results.filter((r) => !r.applied).map((r) => r.statements)).toEqual([[], []]);
      await open(entities);

      // A new column is a new migration; dropping one is refused unless asked for.
      const grown = [CheckpointTable, Notes({ id: { type: String, primary: true }, title: { type: String }, rank: { type: Number } })];
      await expect(open(grown)).rejects.toBeInstanceOf(ReadModelSchemaBehindError);
      expect((await migrateReadModels(config, grown)).statements).toEqual([expect.stringMatching(/ADD "rank" integer/)]);
      await open(grown);
      await expect(migrateReadModels(config, entities)).rejects.toThrow(/Refusing destructive read-model migration/);
      expect((await migrateReadModels(config, entities, { allowDestructive: true })).applied).toBe(true);

      const { rows } = await sql.query(`SELECT statements FROM "${scratch.schema}".${READ_MODEL_MIGRATION_TABLE} ORDER BY id`);
      expect(rows).toHaveLength(3);
      expect(rows[1].statements).toContain('"rank"');
      expect(rows[2].statements).toContain('DROP COLUMN "rank"');
    });
  });

  describe('exactly one runner per projection across replicas', () => {
    let store: PostgresEventStore;
    const applied: Record<'A' | 'B', string[]> = { A: [], B: [] };

    beforeEach(async () => {
      store = await PostgresEventStore.open({ connectionString: scratch.url, schema: scratch.schema, pollIntervalMs: 20, poolSize: 4 });
      toClose.push(store);
      applied.A = [];
      applied.B = [];
    });

    /** One replica: its own database connections (and lease connection) and its own host. */
    async function replica(name: 'A' | 'B') {
      const definition = countingProjection({
        beforeEach: async (event: EventEnvelope) => void applied[name].push(event.id),
      });
      const db = await open(ProjectionHost.entities([definition]), { schemaChanges: 'migrate' });
      const host = new ProjectionHost(store, db, [definition], { standbyPollMs: 50 });
      await host.start();
      const stop = async () => {
        await host.stop();
        await db.close();
      };
      return { host, db, stop };
    }

    async function append(count: number): Promise<string> {
      let checkpoint = '';
      for (let i = 0; i < count; i += 10) {
        ({ checkpoint } = await store.appendToStream(`test.thing-${newId()}`, Array.from({ length: Math.min(10, count - i) }, () => newEvent('Happened'))));
      }
      return checkpoint;
    }

    async function counts(): Promise<{ rows: number; total: number }> {
      const s = `"${scratch.schema}"`;
      const rows = await sql.query(`SELECT count(*)::int AS n FROM ${s}.test_counting__seen_a`);
      const total = await sql.query(`SELECT count FROM ${s}.test_counting__total_a WHERE id = 1`);
      return { rows: rows.rows[0].n, total: total.rows[0]?.count ?? 0 };
    }

    it('two replicas at once: one applies, the other stands by, then takes over when the first stops', async () => {
      await append(50);
      const a = await replica('A');
      const b = await replica('B');
      const [statusA] = await a.host.status();
      const [statusB] = await b.host.status();
      expect(statusA.standby).toBe(false);
      expect(statusB.standby).toBe(true);

      const second = await append(30);
      // Read-your-writes works on the standby too: it watches the checkpoint the runner commits.
      expect(await b.host.waitFor('test.counting', second, 15000)).toBe(true);
      expect(await a.host.waitFor('test.counting', second, 15000)).toBe(true);
      expect(applied.A).toHaveLength(80);
      expect(applied.B).toEqual([]);

      await a.stop();
      await until(async () => !(await b.host.status())[0].standby);
      const third = await append(20);
      expect(await b.host.waitFor('test.counting', third, 15000)).toBe(true);
      expect(applied.B).toHaveLength(20);
      expect(new Set([...applied.A, ...applied.B]).size).toBe(100);
      expect(await counts()).toEqual({ rows: 100, total: 100 });
      await b.stop();
    });

    it('events with nothing for the projection are reached at once, and their checkpoints written together within moments', async () => {
      const a = await replica('A');
      await until(async () => !(await a.host.status())[0].standby);
      const b = await replica('B');
      const first = await append(5);
      expect(await a.host.waitFor('test.counting', first, 15000)).toBe(true);

      const transactions = jest.spyOn(a.db, 'transaction');
      let last = '';
      for (let i = 0; i < 20; i++) {
        ({ checkpoint: last } = await store.appendToStream(`other.thing-${newId()}`, [newEvent('Elsewhere')]));
        expect(await a.host.waitFor('test.counting', last, 15000)).toBe(true);
      }
      // The standby reads the checkpoint row, as a replica serving queries does.
      expect(await b.host.waitFor('test.counting', last, 15000)).toBe(true);
      expect(await loadCheckpoint(a.db.manager, projectionCheckpointName('test.counting', 'a'))).toBe(last);
      expect(transactions.mock.calls.length).toBeLessThanOrEqual(10);
      expect(await counts()).toEqual({ rows: 5, total: 5 });
      await b.stop();
      await a.stop();
    });

    it('a replica whose lease connection dies stops applying, and the other takes over', async () => {
      const a = await replica('A');
      // A holds the lease before B starts: started together, either may win it, and the test ends A's.
      await until(async () => !(await a.host.status())[0].standby);
      const b = await replica('B');
      const first = await append(20);
      expect(await a.host.waitFor('test.counting', first, 15000)).toBe(true);

      // The server ends A's lease session, as a network partition or a failover would.
      await sql.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks
          WHERE locktype = 'advisory' AND classid = $1 AND objid = hashtext($2)::oid AND granted`,
        [READ_MODEL_LOCK.lease, `${scratch.schema}:projection:test.counting`],
      );
      await until(async () => (await a.host.status())[0].standby && !(await b.host.status())[0].standby);
      const second = await append(30);
      expect(await b.host.waitFor('test.counting', second, 15000)).toBe(true);
      expect(applied.B.length).toBeGreaterThanOrEqual(30);
      expect(await counts()).toEqual({ rows: 50, total: 50 });
      await b.stop();
      await a.stop();
    });

    it('the checkpoint is a fence: a second runner that somehow runs too cannot commit the same batch', async () => {
      const Total = new EntitySchema<{ id: number; count: number }>({
        name: 'test_fence_total',
        columns: { id: { type: Number, primary: true }, count: { type: Number } },
      });
      // Once armed, each runner waits in its first batch until the other is in its own: neither can load
      // the checkpoint after the other has committed (a slow pool under load did that) and have nothing to fence.
      let armed = false;
      let entered = 0;
      let enter: () => void = () => undefined;
      const bothEntered = new Promise<void>((resolve) => (enter = resolve));
      const definition: ProjectionDefinition = {
        name: 'test.fence',
        version: 1,
        filter: { streamPrefixes: ['test.'] },
        tables: {},
        async apply(events, tables) {
          if (armed) {
            if (++entered === 2) enter();
            await bothEntered;
          }
          // An increment, so applying a batch twice would show in the total.
          await tables.manager.query(`UPDATE "${scratch.schema}".test_fence_total SET count = count + $1 WHERE id = 1`, [events.length]);
        },
      };
      const db = await open([CheckpointTable, Total], { schemaChanges: 'migrate' });
      await db.manager.getRepository(Total).insert({ id: 1, count: 0 });
      const first = await append(10);
      const warmUp = new ProjectionRunner(store, db, definition, 'a', { total: Total });
      await warmUp.start();
      expect(await warmUp.waitFor(first, 15000)).toBe(true);
      await warmUp.stop();

      const last = await append(40);
      armed = true;
      // Bypass the lease: two runners start from the same checkpoint at once.
      const runners = [0, 1].map(() => new ProjectionRunner(store, db, definition, 'a', { total: Total }));
      await Promise.all(runners.map((r) => r.start()));
      await until(() => runners.some((r) => r.hasReached(last)) && runners.some((r) => r.failure !== undefined));
      await Promise.all(runners.map((r) => r.stop()));
      expect(runners.filter((r) => r.failure instanceof CheckpointConflictError)).toHaveLength(1);
      expect((await db.manager.getRepository(Total).findOneByOrFail({ id: 1 })).count).toBe(50);
    });
  });
});
