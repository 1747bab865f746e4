import { readFileSync } from 'node:fs';
import {
  AGGREGATE_STATES,
  AnalyticsViewDefinition,
  AnalyticsViewSnapshot,
  ProjectionHost,
  ReadModelDatabase,
  analyticsColumns,
  analyticsViewName,
  compareViewsWithSnapshot,
} from '@serviceledger/platform/read-models';
import { READ_MODEL_DB } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, startTestApp } from '@serviceledger/platform/testing';
import { enquiringCustomer, phoneEnquiry, registerEnquiringCustomer } from '@serviceledger/intake/service/testing';
import { ANALYTICS_VIEW_SNAPSHOT, READ_MODELS_DOC, readModelsDoc } from './read-models-doc';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

const views = STANDALONE_SERVICES.flatMap((service) => service.analyticsViews ?? []);

/** Issue 23 item 6: the analysts' views (ADR 0024), their documentation, and the same views on the embedded default. */
describe('the analytics views', () => {
  it('cover every read-model table of every service once, under names unique across the services', () => {
    const tables = STANDALONE_SERVICES.flatMap((service) =>
      (service.projections ?? []).flatMap((projection) => Object.keys(projection.tables).filter((table) => table !== AGGREGATE_STATES).map((table) => `${projection.name}.${table}`)),
    );
    expect(views.map((view) => `${view.projection.name}.${view.table}`).sort()).toEqual(tables.sort());
    const names = views.map(analyticsViewName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('are listed with every column in docs/read-models.md, as their definitions generate it', () => {
    // Stale: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/standalone/src/write-read-models-doc.ts
    expect(readFileSync(READ_MODELS_DOC, 'utf8')).toBe(readModelsDoc());
  });

  describe('versioned like contracts', () => {
    const snapshot = () => JSON.parse(readFileSync(ANALYTICS_VIEW_SNAPSHOT, 'utf8')) as AnalyticsViewSnapshot;
    const demands = views.find((view) => view.name === 'demands')!;
    const withDemands = (replacement: AnalyticsViewDefinition) => views.map((view) => (view === demands ? replacement : view));

    it('find every view recorded with its columns, none removed or retyped', () => {
      // Record new views or columns: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/standalone/src/write-read-models-doc.ts
      expect(compareViewsWithSnapshot(snapshot(), views)).toEqual({ breaking: [], unrecorded: [] });
    });

    it('fail when a recorded view loses a column or a column changes type, and pass when the view moves to its next version', () => {
      const withoutPriority = { ...demands, omit: [...(demands.omit ?? []), 'priority'] };
      expect(compareViewsWithSnapshot(snapshot(), withDemands(withoutPriority)).breaking).toEqual(['demands_v1: column priority removed']);
      const tables = { ...demands.projection.tables, demand: { ...demands.projection.tables['demand'], columns: { ...demands.projection.tables['demand'].columns, impact: { type: String } } } };
      expect(compareViewsWithSnapshot(snapshot(), withDemands({ ...demands, projection: { ...demands.projection, tables } })).breaking).toEqual([
        'demands_v1: column impact changed from integer to text',
      ]);
      expect(compareViewsWithSnapshot(snapshot(), views.filter((view) => view !== demands)).breaking).toEqual(['demands_v1: the view is gone (raise its version to replace it)']);
      expect(compareViewsWithSnapshot(snapshot(), withDemands({ ...withoutPriority, version: 2 }))).toEqual({
        breaking: [],
        unrecorded: ['demands_v1: replaced by demands_v2', 'demands_v2: a new view'],
      });
    });
  });

  describe('on the embedded default (SQLite)', () => {
    let t: TestApp;
    let agent: RequestHeaders;
    let db: ReadModelDatabase;
    let demandId: string;
    const demandsView = (id: string) => db.manager.query(`SELECT * FROM analytics_demands_v1 WHERE demand_id = ?`, [id]) as Promise<Array<Record<string, unknown>>>;

    beforeAll(async () => {
      t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env: { EVENT_STORE: 'sqlite' } });
      agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
      db = t.app.get<ReadModelDatabase>(READ_MODEL_DB);
      const customerId = await registerEnquiringCustomer(t, agent);
      const registered = await t.app.inject({ method: 'POST', url: '/intake/demands', payload: phoneEnquiry(customerId), headers: agent });
      expect(registered.statusCode).toBe(201);
      demandId = registered.json().id;
      expect((await t.app.inject({ method: 'GET', url: `/intake/demands/${demandId}?after=${registered.json().checkpoint}`, headers: agent })).statusCode).toBe(200);
    });
    afterAll(() => t?.close());

    it('has every view, with the documented columns, each answering a query', async () => {
      for (const view of views) {
        const name = `analytics_${analyticsViewName(view)}`;
        const columns = (await db.manager.query(`PRAGMA table_info(${name})`)) as Array<{ name: string }>;
        expect({ name, columns: columns.map((column) => column.name) }).toEqual({ name, columns: analyticsColumns(view).map((column) => column.name) });
        await db.manager.query(`SELECT * FROM ${name} LIMIT 1`);
      }
    });

    it('shows a registered demand under the documented column names, without the contact’s details or the customer’s text', async () => {
      const [row] = await demandsView(demandId);
      expect(row).toMatchObject({ demand_id: demandId, channel: 'phone', kind: 'enquiry', priority: 'P3', status: 'registered', business_category: 'technical-support' });
      const text = JSON.stringify(row);
      for (const personal of [enquiringCustomer.contactPerson, enquiringCustomer.phone, '打印機無法連線']) expect(text).not.toContain(personal);
    });

    it('follows the demands read model through a rebuild into its other slot', async () => {
      const slot = async () => ((await db.manager.query(`SELECT active_slot FROM platform_projection WHERE name = 'intake.demands'`)) as Array<{ active_slot: string }>)[0].active_slot;
      const before = await slot();
      await t.app.get(ProjectionHost).rebuild('intake.demands');
      expect(await slot()).not.toBe(before);
      expect(await demandsView(demandId)).toEqual([expect.objectContaining({ demand_id: demandId, status: 'registered' })]);
    });
  });
});
