import { Client } from 'pg';
import { Brackets, DataSource, EntitySchema, Repository } from 'typeorm';
import type { Actor } from '@serviceledger/platform/core';
import { ScratchSchema, scratchSchema } from '@serviceledger/platform/postgres';
import { departmentColumn, departmentLinks, scopedQuery, ScopeColumns } from './scoped-query';
import { EVERY_DEPARTMENT, accessScope, canSee } from './scoping';

interface CaseRow {
  caseId: string;
  leadDepartmentId: string | null;
  customerId: string | null;
}
interface CaseDepartmentRow {
  caseId: string;
  departmentId: string;
}

const cases = new EntitySchema<CaseRow>({
  name: 'scoping_case',
  columns: {
    caseId: { type: String, primary: true, name: 'case_id' },
    leadDepartmentId: { type: String, nullable: true, name: 'lead_department_id' },
    customerId: { type: String, nullable: true, name: 'customer_id' },
  },
});
const caseDepartments = new EntitySchema<CaseDepartmentRow>({
  name: 'scoping_case_department',
  columns: {
    caseId: { type: String, primary: true, name: 'case_id' },
    departmentId: { type: String, primary: true, name: 'department_id' },
  },
});

/** Each case with the departments and customer `canSee` is given for it. */
const RECORDS = [
  { caseId: 'tech', lead: 'tech-support', linked: [], customerId: 'acme' },
  { caseId: 'joint', lead: 'software-development', linked: ['system-maintenance', 'tech-support'], customerId: 'globex' },
  { caseId: 'maintenance', lead: null, linked: ['system-maintenance'], customerId: 'globex' },
  { caseId: 'quoted', lead: "o'brien & sons", linked: [], customerId: "o'brien" },
  { caseId: 'unassigned', lead: null, linked: [], customerId: 'acme' },
  { caseId: 'anonymous', lead: null, linked: [], customerId: null },
] as const;

const actor = (userId: string, roles: string[], departments: string[] = [], customerId?: string): Actor => ({
  userId,
  roles,
  departments,
  ...(customerId && { customerId }),
});

/** Every kind of principal `accessScope` tells apart. */
const PRINCIPALS: Actor[] = [
  actor('analyst', ['analyst']),
  actor('agent', ['agent'], ['customer-service']),
  actor('tech-member', ['department-member'], ['tech-support']),
  actor('maintenance-head', ['department-head'], ['system-maintenance', 'software-development']),
  actor('quoted-member', ['technician'], ["o'brien & sons"]),
  actor('quality-assurance-member', ['department-member'], ['quality-assurance']),
  actor('acme', ['customer'], [], 'acme'),
  actor('quoted-customer', ['customer'], [], "o'brien"),
  actor('customer-without-organisation', ['customer']),
  actor('staff-without-departments', ['department-member']),
  actor('unknown-role', ['root'], ['tech-support']),
];

describe.each([
  { name: 'SQLite', open: openSqlite },
  { name: 'PostgreSQL', open: openPostgres },
])('scopedQuery on $name', ({ open }) => {
  let database: { dataSource: DataSource; close(): Promise<void> };
  let caseRepository: Repository<CaseRow>;
  let links: Repository<CaseDepartmentRow>;
  let columns: ScopeColumns;

  beforeAll(async () => {
    database = await open();
    caseRepository = database.dataSource.getRepository(cases);
    links = database.dataSource.getRepository(caseDepartments);
    for (const { caseId, lead, linked, customerId } of RECORDS) {
      await caseRepository.insert({ caseId, leadDepartmentId: lead, customerId });
      for (const departmentId of linked) await links.insert({ caseId, departmentId });
    }
    columns = {
      departments: [departmentColumn('c.leadDepartmentId'), departmentLinks('c.caseId', links, 'caseId', 'departmentId')],
      customer: 'c.customerId',
    };
  }, 30_000);
  afterAll(() => database?.close());

  const visibleIds = async (who: Actor, scope: ScopeColumns = columns) =>
    (await scopedQuery(who, caseRepository, 'c', scope).orderBy('c.caseId').getMany()).map((row) => row.caseId);
  const principal = (userId: string) => PRINCIPALS.find((p) => p.userId === userId)!;

  it.each(PRINCIPALS.map((p) => [p.userId, p] as const))('returns %s exactly the rows canSee lets them see', async (_, who) => {
    const expected = RECORDS.filter(({ lead, linked, customerId }) =>
      canSee(accessScope(who), { departments: [...(lead ? [lead] : []), ...linked], ...(customerId && { customerId }) }),
    )
      .map((r) => r.caseId)
      .sort();
    expect(await visibleIds(who)).toEqual(expected);
  });

  it('gives cross-department roles every row, whatever departments they belong to', async () => {
    const every = RECORDS.map((r) => r.caseId).sort();
    expect(await visibleIds(principal('analyst'))).toEqual(every);
    expect(await visibleIds(principal('agent'))).toEqual(every);
  });

  it("gives department members and heads the rows any source names one of their departments for", async () => {
    expect(await visibleIds(principal('tech-member'))).toEqual(['joint', 'tech']);
    expect(await visibleIds(principal('maintenance-head'))).toEqual(['joint', 'maintenance']);
    expect(await visibleIds(principal('quality-assurance-member'))).toEqual([]);
  });

  it("gives a customer their own organisation's rows only", async () => {
    expect(await visibleIds(principal('acme'))).toEqual(['tech', 'unassigned']);
  });

  it('gives nothing to staff without departments, a customer without an organisation, or an unknown role', async () => {
    for (const userId of ['staff-without-departments', 'customer-without-organisation', 'unknown-role']) {
      expect(await visibleIds(principal(userId))).toEqual([]);
    }
  });

  it('binds departments and customers as parameters, so a quote in a value is just a character', async () => {
    expect(await visibleIds(principal('quoted-member'))).toEqual(['quoted']);
    expect(await visibleIds(principal('quoted-customer'))).toEqual(['quoted']);
  });

  it('hides a table without a customer column from customers, and one without department sources from staff', async () => {
    expect(await visibleIds(principal('acme'), { departments: [departmentColumn('c.leadDepartmentId')] })).toEqual([]);
    expect(await visibleIds(principal('tech-member'), { departments: [], customer: 'c.customerId' })).toEqual([]);
  });

  it("shows every row to any department's staff where every department may serve the records", async () => {
    const everyDepartment: ScopeColumns = { departments: EVERY_DEPARTMENT, customer: 'c.customerId' };
    expect(await visibleIds(principal('quality-assurance-member'), everyDepartment)).toEqual(RECORDS.map((r) => r.caseId).sort());
    expect(await visibleIds(principal('acme'), everyDepartment)).toEqual(['tech', 'unassigned']);
    expect(await visibleIds(principal('staff-without-departments'), everyDepartment)).toEqual([]);
  });

  it('is narrowed by a caller’s alternatives in brackets, not widened', async () => {
    const query = scopedQuery(principal('tech-member'), caseRepository, 'c', columns)
      .andWhere(new Brackets((either) => either.where('c.customerId = :customer', { customer: 'globex' }).orWhere('c.customerId IS NULL')))
      .orderBy('c.caseId');
    expect((await query.getMany()).map((row) => row.caseId)).toEqual(['joint']);
  });

  it('counts and pages within the scope', async () => {
    const [rows, total] = await scopedQuery(principal('maintenance-head'), caseRepository, 'c', columns).orderBy('c.caseId').take(1).getManyAndCount();
    expect(rows.map((row) => row.caseId)).toEqual(['joint']);
    expect(total).toBe(2);
  });
});

async function openSqlite() {
  const dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [cases, caseDepartments], synchronize: true }).initialize();
  return { dataSource, close: () => dataSource.destroy() };
}

/** On a scratch schema, so that a link table left unqualified would not be found. */
async function openPostgres() {
  const scratch: ScratchSchema = scratchSchema('sl_scoping');
  const admin = new Client({ connectionString: scratch.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${scratch.schema}`);
  await admin.end();
  const dataSource = await new DataSource({
    type: 'postgres',
    url: scratch.url,
    schema: scratch.schema,
    entities: [cases, caseDepartments],
    synchronize: true,
  }).initialize();
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await scratch.drop();
    },
  };
}
