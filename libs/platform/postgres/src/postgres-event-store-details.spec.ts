import { Pool } from 'pg';
import { DuplicateEventIdError, newId } from '@serviceledger/platform/core';
import { newEvent } from '@serviceledger/platform/testing';
import { parseCheckpoint, postgresCheckpoints } from './checkpoints';
import { Migration, pendingMigrations, runMigrations } from './migrations';
import { PostgresEventStore, eventStoreMigrations, migrateEventStore } from './postgres-event-store';
import { ScratchSchema, scratchSchema } from './scratch-schema';
import { quoteIdent } from './sql';

describe('PostgreSQL checkpoints', () => {
  it('order by transaction id, then position, with 64-bit values compared exactly', () => {
    const { compare } = postgresCheckpoints;
    expect(compare('9007199254740993:1', '9007199254740992:5')).toBe(1);
    expect(compare('9007199254740992:9007199254740993', '9007199254740992:9007199254740992')).toBe(1);
    expect(compare('10:2', '9:30')).toBe(1);
    expect(compare('7:3', '7:3')).toBe(0);
    expect(compare(undefined, '0:1')).toBe(-1);
    expect(compare(undefined, undefined)).toBe(0);
  });

  it('measure distance as the difference of positions, never negative', () => {
    expect(postgresCheckpoints.distance('5:10', '9:25')).toBe(15);
    expect(postgresCheckpoints.distance(undefined, '9:25')).toBe(25);
    expect(postgresCheckpoints.distance('9:25', '5:10')).toBe(0);
  });

  it('refuse a checkpoint of another adapter', () => {
    expect(() => parseCheckpoint('42')).toThrow(/expected "<txid>:<position>"/);
  });
});

describe('PostgreSQL event store schema and details', () => {
  let scratch: ScratchSchema;
  let pool: Pool;
  beforeEach(() => {
    scratch = scratchSchema();
    pool = new Pool({ connectionString: scratch.url, max: 2 });
  });
  afterEach(async () => {
    await pool.end();
    await scratch.drop();
  });

  it('replicas starting together apply each migration once, in order, recorded', async () => {
    let runs = 0;
    const migrations: Migration[] = [
      { id: '0001-a', up: (s) => `CREATE TABLE ${s}.a (id int PRIMARY KEY); INSERT INTO ${s}.a VALUES (${++runs})` },
      { id: '0002-b', up: (s) => `CREATE TABLE ${s}.b (id int REFERENCES ${s}.a (id) DEFERRABLE)` },
    ];
    const set = { schema: scratch.schema, table: 'test_migrations', migrations };
    const pools = Array.from({ length: 4 }, () => new Pool({ connectionString: scratch.url, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((p) => runMigrations(p, set)));
      expect(applied.filter((a) => a.length > 0)).toEqual([['0001-a', '0002-b']]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
    expect(runs).toBe(1);
    expect(await pendingMigrations(pool, set)).toEqual([]);
    const recorded = await pool.query(`SELECT id FROM ${quoteIdent(scratch.schema)}.test_migrations ORDER BY applied_at, id`);
    expect(recorded.rows.map((r) => r.id)).toEqual(['0001-a', '0002-b']);
    await expect(runMigrations(pool, { ...set, migrations: [migrations[1], migrations[0]] })).rejects.toThrow(/ascending order/);
  });

  it('a failing migration applies nothing', async () => {
    const set = {
      schema: scratch.schema,
      table: 'test_migrations',
      migrations: [
        { id: '0001-ok', up: (s: string) => `CREATE TABLE ${s}.ok (id int)` },
        { id: '0002-broken', up: () => 'SELECT * FROM no_such_table' },
      ],
    };
    await expect(runMigrations(pool, set)).rejects.toThrow(/no_such_table/);
    expect(await pendingMigrations(pool, set)).toEqual(['0001-ok', '0002-broken']);
  });

  it('with migrate: false, refuses to open a schema that is behind, and opens once the migration step ran', async () => {
    const options = { connectionString: scratch.url, schema: scratch.schema, migrate: false };
    await expect(PostgresEventStore.open(options)).rejects.toThrow(
      new RegExp(`event store schema "${scratch.schema}" is behind: migration\\(s\\) 0001-events, 0002-counters, 0003-data-keys, 0004-append-function, 0005-data-keys-by-master-key not applied`),
    );
    expect(await migrateEventStore(options)).toEqual(['0001-events', '0002-counters', '0003-data-keys', '0004-append-function', '0005-data-keys-by-master-key']);
    expect(await pendingMigrations(pool, eventStoreMigrations(scratch.schema))).toEqual([]);
    const store = await PostgresEventStore.open(options);
    await store.close();
  });

  it('keeps stream order numeric past nine events, and refuses ids that are not UUIDs', async () => {
    const store = await PostgresEventStore.open({ connectionString: scratch.url, schema: scratch.schema });
    try {
      for (let i = 0; i < 6; i++) await store.appendToStream('test.long', Array.from({ length: 1 + (i % 3) }, () => newEvent('X')));
      expect((await store.readStream('test.long')).map((e) => e.streamPosition)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expect((await store.readStream('test.long', { from: 9, maxCount: 2 })).map((e) => e.streamPosition)).toEqual([9, 10]);
      await expect(store.appendToStream('test.long', [newEvent('X', {}, 'not-a-uuid')])).rejects.toThrow(/is not a UUID/);
    } finally {
      await store.close();
    }
  });

  it('refuses an append reusing part of a stored one, whatever version it expects, and stores none of it', async () => {
    const store = await PostgresEventStore.open({ connectionString: scratch.url, schema: scratch.schema });
    try {
      const stored = [newEvent('A'), newEvent('B')];
      await store.appendToStream('test.overlap', stored);
      for (const expectedVersion of ['any', 1, 0, 'no_stream'] as const) {
        const error = await store.appendToStream('test.overlap', [stored[1], newEvent('C')], { expectedVersion }).catch((e) => e);
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({ eventId: stored[1].id });
      }
      expect((await store.readStream('test.overlap')).map((e) => e.type)).toEqual(['A', 'B']);
      expect(await store.appendToStream('test.overlap', stored, { expectedVersion: 'any' })).toMatchObject({ nextExpectedVersion: 1 });
    } finally {
      await store.close();
    }
  });

  it('refuses an append that repeats an id within itself, and stores none of it', async () => {
    const store = await PostgresEventStore.open({ connectionString: scratch.url, schema: scratch.schema });
    try {
      const twice = newEvent('X');
      const error = await store.appendToStream('test.twice', [newEvent('Y'), twice, twice]).catch((e) => e);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ eventId: twice.id });
      expect(await store.readStream('test.twice')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('migrates a database written before the append function forward: its streams go on where they were', async () => {
    const before = eventStoreMigrations(scratch.schema);
    await runMigrations(pool, { ...before, migrations: before.migrations.filter((m) => m.id < '0004') });
    const s = quoteIdent(scratch.schema);
    await pool.query(
      `INSERT INTO ${s}.events (event_id, stream, stream_position, type, data, metadata, occurred_at)
       VALUES ($1, 'test.old', 0, 'Opened', '{}', '{}', now()), ($2, 'test.old', 1, 'Touched', '{}', '{}', now())`,
      [newId(), newId()],
    );
    const store = await PostgresEventStore.open({ connectionString: scratch.url, schema: scratch.schema });
    try {
      expect(await pendingMigrations(pool, before)).toEqual([]);
      await expect(store.appendToStream('test.old', [newEvent('Late')], { expectedVersion: 0 })).rejects.toMatchObject({ actual: 1 });
      const appended = await store.appendToStream('test.old', [newEvent('Closed')], { expectedVersion: 1 });
      expect(appended.nextExpectedVersion).toBe(2);
      expect((await store.readStream('test.old')).map((e) => e.type)).toEqual(['Opened', 'Touched', 'Closed']);
    } finally {
      await store.close();
    }
  });
});
