import { EntitySchema, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { TestBackend, readModelBackends } from '@serviceledger/platform/testing';
import { TableSpec, tableName } from './projection';
import { ReadModelDatabase } from './read-model-database';
import { readRows } from './read-rows';

interface TicketRow {
  id: string;
  title: string;
  priority: number;
  urgent: boolean;
  owner: string | null;
  tags: string[] | null;
  openedAt: string;
}

const spec = {
  columns: {
    id: { type: String, primary: true },
    title: { type: String },
    priority: { type: Number },
    urgent: { type: Boolean, default: false },
    owner: { type: String, nullable: true },
    tags: { type: 'simple-json', nullable: true },
    openedAt: { type: String, name: 'opened_at' },
  },
} satisfies TableSpec<TicketRow>;

const tickets: TicketRow[] = Array.from({ length: 30 }, (_, i) => ({
  id: `t-${String(i).padStart(2, '0')}`,
  title: `工单 ${i}`,
  priority: i % 4,
  urgent: i % 3 === 0,
  owner: i % 2 === 0 ? `agent-${i}` : null,
  tags: i % 5 === 0 ? ['vip', `n${i}`] : null,
  openedAt: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00.000Z`,
}));

describe.each(readModelBackends)('readRows on $name', ({ create }) => {
  const schema = new EntitySchema<ObjectLiteral>({ ...(spec as TableSpec), name: 'test.rows.ticket', tableName: tableName('test.rows', 'ticket', 'a') });
  let backend: TestBackend;
  let db: ReadModelDatabase;

  beforeAll(async () => {
    backend = create();
    db = await ReadModelDatabase.open(backend.config, [schema]);
    await db.manager.getRepository<TicketRow>(schema as unknown as EntitySchema<TicketRow>).insert(tickets);
  });
  afterAll(async () => {
    await db?.close();
    await backend?.dispose();
  });

  const query = (): SelectQueryBuilder<TicketRow> => db.manager.getRepository<TicketRow>(schema as unknown as EntitySchema<TicketRow>).createQueryBuilder('t');

  // JSON compares the properties' order too: what a client of the list receives.
  const same = async (builder: SelectQueryBuilder<TicketRow>) => {
    const rows = await readRows(builder.clone());
    expect(JSON.stringify(rows)).toBe(JSON.stringify(await builder.getMany()));
    return rows;
  };

  it('reads what getMany reads, with booleans, nulls and JSON converted by the column types', async () => {
    const rows = await same(query().orderBy('t.openedAt', 'DESC').addOrderBy('t.id', 'DESC'));
    expect(rows).toHaveLength(30);
    expect(rows.find((r) => r.id === 't-00')).toEqual(tickets[0]);
    expect(rows.find((r) => r.id === 't-01')).toEqual(tickets[1]);
  });

  it('takes the filters, the bounds and the limit of the query', async () => {
    const rows = await same(
      query()
        .where('t.priority IN (:...priorities)', { priorities: [1, 2] })
        .andWhere('t.openedAt >= :from', { from: '2026-03-05T00:00:00.000Z' })
        .andWhere('t.urgent = :urgent', { urgent: false })
        .orderBy('t.id', 'ASC')
        .limit(5),
    );
    expect(rows.map((r) => r.id)).toEqual(['t-05', 't-10', 't-13', 't-14', 't-17']);
  });

  it('answers nothing when nothing matches', async () => {
    expect(await same(query().where('t.owner = :owner', { owner: 'nobody' }))).toEqual([]);
  });
});
