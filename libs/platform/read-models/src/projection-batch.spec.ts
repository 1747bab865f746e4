import { EntitySchema, ObjectLiteral } from 'typeorm';
import { EventEnvelope } from '@serviceledger/platform/core';
import { ScratchSchema, scratchSchema } from '@serviceledger/platform/postgres';
import { ProjectionDefinition, ProjectionTables, TableSpec, tableName } from './projection';
import { applyProjectionBatch } from './projection-batch';
import { ReadModelDatabase, ReadModelDatabaseConfig } from './read-model-database';

interface NoteRow {
  id: string;
  title: string;
  status: string;
  archived: boolean;
  owner: string | null;
}

interface TagRow {
  noteId: string;
  tag: string;
  addedBy: string;
}

const tables = {
  note: {
    columns: {
      id: { type: String, primary: true },
      title: { type: String },
      status: { type: String },
      archived: { type: Boolean, default: false },
      owner: { type: String, nullable: true },
    },
  } satisfies TableSpec<NoteRow>,
  tag: {
    columns: {
      noteId: { type: String, primary: true, name: 'note_id' },
      tag: { type: String, primary: true },
      addedBy: { type: String, name: 'added_by' },
    },
  } satisfies TableSpec<TagRow>,
};

const event = (n: number): EventEnvelope => ({
  id: `e-${n}`,
  type: 'Happened',
  data: {},
  stream: 'test.note-1',
  streamPosition: n,
  checkpoint: String(n),
  occurredAt: '2026-03-02T09:00:00.000Z',
  metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'u', roles: [], departments: [] }, schemaVersion: 1 },
});

describe.each<[string, () => Promise<{ config: ReadModelDatabaseConfig; drop(): Promise<void> }>]>([
  ['SQLite', async () => ({ config: { type: 'sqlite', filename: ':memory:' }, drop: async () => undefined })],
  [
    'PostgreSQL',
    async () => {
      const scratch: ScratchSchema = scratchSchema('sl_batch');
      return { config: { type: 'postgres', url: scratch.url, schema: scratch.schema, schemaChanges: 'migrate' }, drop: () => scratch.drop() };
    },
  ],
])('a projection batch on %s', (_store, open) => {
  const schemas: Record<string, EntitySchema<ObjectLiteral>> = Object.fromEntries(
    Object.entries(tables).map(([table, spec]) => [
      table,
      new EntitySchema<ObjectLiteral>({ ...(spec as TableSpec), name: `test.batch.${table}`, tableName: tableName('test.batch', table, 'a') }),
    ]),
  );
  let db: ReadModelDatabase;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const opened = await open();
    drop = opened.drop;
    db = await ReadModelDatabase.open(opened.config, Object.values(schemas));
  });
  afterEach(async () => {
    await db.close();
    await drop();
  });

  /** Runs `apply` as one batch, as the runner does; counts the statements it sends. */
  async function batch(apply: (tables: ProjectionTables) => Promise<void> | void): Promise<string[]> {
    const definition: ProjectionDefinition = { name: 'test.batch', version: 1, tables, apply: (_events, t) => Promise.resolve(apply(t)) };
    const sent: string[] = [];
    await db.transaction(async (manager) => {
      const runner = manager.queryRunner;
      if (!runner) throw new Error('a transaction has its query runner');
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        sent.push(sql.trim().split(/\s+/)[0]);
        return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof runner.query;
      await applyProjectionBatch(definition, manager, schemas, [event(0)]);
    });
    return sent;
  }

  const notes = () => db.manager.getRepository<NoteRow>(schemas.note as unknown as EntitySchema<NoteRow>).find({ order: { id: 'ASC' } });
  const tags = () => db.manager.getRepository<TagRow>(schemas.tag as unknown as EntitySchema<TagRow>).find({ order: { noteId: 'ASC', tag: 'ASC' } });
  const note = (id: string, title = `Note ${id}`): NoteRow => ({ id, title, status: 'open', archived: false, owner: null });

  it('writes a batch of upserts as one statement per table, and reads within the batch see them', async () => {
    const seen: Array<NoteRow | undefined> = [];
    const sent = await batch(async (t) => {
      const rows = t.table<NoteRow>('note');
      for (let i = 0; i < 300; i++) rows.upsert(note(String(i).padStart(3, '0')));
      await rows.update({ id: '001' }, { status: 'closed', archived: true });
      seen.push(await rows.get({ id: '001' }));
      t.table<TagRow>('tag').upsert({ noteId: '001', tag: 'urgent', addedBy: 'u' });
    });

    expect(seen).toEqual([{ ...note('001'), status: 'closed', archived: true }]);
    expect(sent.filter((statement) => statement === 'INSERT')).toHaveLength(2);
    const stored = await notes();
    expect(stored).toHaveLength(300);
    expect(stored[1]).toEqual({ ...note('001'), status: 'closed', archived: true });
    expect(await tags()).toEqual([{ noteId: '001', tag: 'urgent', addedBy: 'u' }]);
  });

  it('reads the stored rows a batch names in one query, and its later reads from memory', async () => {
    await batch((t) => t.table<NoteRow>('note').upsert(note('a'), note('b'), { ...note('c'), owner: 'u-1' }));

    const found: unknown[] = [];
    const sent = await batch(async (t) => {
      const rows = t.table<NoteRow>('note');
      await rows.load([{ id: 'a' }, { id: 'b' }, { id: 'x' }]);
      found.push(await rows.get({ id: 'a' }), await rows.get({ id: 'x' }), (await rows.get({ id: 'b' }))?.title);
      rows.upsert({ ...note('b'), title: 'Renamed' });
      found.push((await rows.get({ id: 'b' }))?.title);
    });

    expect(found).toEqual([note('a'), undefined, 'Note b', 'Renamed']);
    expect(sent.filter((statement) => statement === 'SELECT')).toHaveLength(1);
  });

  it('finds by any columns, with the batch’s writes and deletes over the stored rows (null matches a null column)', async () => {
    await batch((t) => t.table<NoteRow>('note').upsert(note('a'), note('b'), { ...note('c'), owner: 'u-1' }));

    let unowned: NoteRow[] = [];
    let open: NoteRow[] = [];
    await batch(async (t) => {
      const rows = t.table<NoteRow>('note');
      await rows.delete({ id: 'a' });
      rows.upsert(note('d'));
      await rows.update({ id: 'b' }, { status: 'closed' });
      unowned = await rows.find({ owner: null });
      open = await rows.find({ status: 'open' });
    });

    expect(unowned.map((row) => row.id).sort()).toEqual(['b', 'd']);
    expect(open.map((row) => row.id).sort()).toEqual(['c', 'd']);
    expect((await notes()).map((row) => [row.id, row.status])).toEqual([
      ['b', 'closed'],
      ['c', 'open'],
      ['d', 'open'],
    ]);
  });

  it('deletes by part of a composite key, and a row deleted then written again is the new row alone', async () => {
    await batch((t) => {
      t.table<TagRow>('tag').upsert({ noteId: 'a', tag: 'x', addedBy: 'u' }, { noteId: 'a', tag: 'y', addedBy: 'u' }, { noteId: 'b', tag: 'x', addedBy: 'u' });
      t.table<NoteRow>('note').upsert({ ...note('a'), owner: 'u-1', archived: true });
    });

    await batch(async (t) => {
      const tagged = t.table<TagRow>('tag');
      await tagged.delete({ noteId: 'a' });
      tagged.upsert({ noteId: 'a', tag: 'y', addedBy: 'v' });
      const rows = t.table<NoteRow>('note');
      await rows.delete({ id: 'a' });
      rows.upsert({ id: 'a', title: 'Again', status: 'open' } as NoteRow);
    });

    expect(await tags()).toEqual([
      { noteId: 'a', tag: 'y', addedBy: 'v' },
      { noteId: 'b', tag: 'x', addedBy: 'u' },
    ]);
    expect(await notes()).toEqual([{ id: 'a', title: 'Again', status: 'open', archived: false, owner: null }]);
  });

  it('leaves the stored values of the fields an upsert leaves out', async () => {
    await batch((t) => t.table<NoteRow>('note').upsert({ ...note('a'), owner: 'u-1' }));

    await batch((t) => t.table<NoteRow>('note').upsert({ id: 'a', title: 'Renamed', status: 'open', archived: false } as NoteRow));

    expect(await notes()).toEqual([{ ...note('a'), owner: 'u-1', title: 'Renamed' }]);
  });

  it('writes more rows than one statement may bind parameters for', async () => {
    const count = 14_000; // 5 columns: 70,000 parameters, past SQLite's limit and PostgreSQL's
    const sent = await batch((t) => {
      const rows = t.table<NoteRow>('note');
      for (let i = 0; i < count; i++) rows.upsert(note(String(i).padStart(5, '0')));
    });

    expect(sent.filter((statement) => statement === 'INSERT').length).toBeGreaterThan(1);
    const stored = await notes();
    expect(stored).toHaveLength(count);
    expect(stored[count - 1]).toEqual(note(String(count - 1).padStart(5, '0')));
  });

  it('fails the batch, writing nothing, when a row that must be new is already stored', async () => {
    await batch((t) => t.table<NoteRow>('note').upsert(note('a')));

    await expect(batch((t) => t.table<NoteRow>('note').insert(note('b'), { ...note('a'), title: 'Twice' }))).rejects.toThrow();

    expect(await notes()).toEqual([note('a')]);
  });
});
