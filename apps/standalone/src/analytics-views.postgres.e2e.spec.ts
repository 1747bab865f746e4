import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { PlatformConfig, loadPlatformConfig, migratePlatformSchemas } from '@serviceledger/platform/nest';
import { ANALYST_ROLE, ProjectionHost, analyticsColumns, analyticsViewName, tableName } from '@serviceledger/platform/read-models';
import { pgTestUrl, quoteIdent } from '@serviceledger/platform/postgres';
import { RequestHeaders, TestApp, startTestApp } from '@serviceledger/platform/testing';
import { phoneEnquiry, registerEnquiringCustomer } from '@serviceledger/intake/service/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

const views = STANDALONE_SERVICES.flatMap((service) => service.analyticsViews ?? []);

/**
 * Issue 23 item 6 on PostgreSQL: the read-model migration creates the `analytics` schema's views and the read-only
 * analyst role; as that role a client reads every view and is refused every write, on the views and on the tables
 * under them, and the views follow a projection rebuild. In a database of its own: the views' names are the same in
 * every installation, and other suites migrate installations of their own in the shared one.
 */
describe('the analytics schema on PostgreSQL, as the analyst role', () => {
  const database = `sl_analytics_${randomBytes(5).toString('hex')}`;
  const admin = new Pool({ connectionString: pgTestUrl(), max: 1 });
  const url = Object.assign(new URL(pgTestUrl()), { pathname: `/${database}` }).toString();
  const env = {
    EVENT_STORE: 'postgres',
    EVENT_STORE_URL: url,
    EVENT_STORE_SCHEMA: 'events',
    READ_MODEL_DB: 'postgres',
    READ_MODEL_URL: url,
    READ_MODEL_SCHEMA: 'read_models',
    PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  let t: TestApp;
  let analyst: Client;
  let demandId: string;
  let agent: RequestHeaders;

  /** The SQLSTATE the analyst's statement fails with, or `ok`. */
  const asAnalyst = async (sql: string): Promise<string> => {
    try {
      await analyst.query(sql);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  };
  const demandRows = async () => (await analyst.query(`SELECT demand_id, status, priority FROM analytics.demands_v1 WHERE demand_id = $1`, [demandId])).rows;

  beforeAll(async () => {
    await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
    // The release's migration step creates the schemas, the views and the role; the app then only verifies.
    const config: PlatformConfig = loadPlatformConfig(env);
    await migratePlatformSchemas(config, STANDALONE_SERVICES);
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    const customerId = await registerEnquiringCustomer(t, agent);
    const registered = await t.app.inject({ method: 'POST', url: '/intake/demands', payload: phoneEnquiry(customerId), headers: agent });
    demandId = registered.json().id;
    await t.app.inject({ method: 'GET', url: `/intake/demands/${demandId}?after=${registered.json().checkpoint}`, headers: agent });
    analyst = new Client({ connectionString: url });
    await analyst.connect();
    await analyst.query(`SET ROLE ${ANALYST_ROLE}`);
  }, 120000);
  afterAll(async () => {
    await analyst?.end();
    await t?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await admin.end();
  });

  it('is a role that cannot log in, create databases or roles, nor bypass privileges', async () => {
    const { rows } = await admin.query(`SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1`, [ANALYST_ROLE]);
    expect(rows).toEqual([{ rolcanlogin: false, rolsuper: false, rolcreatedb: false, rolcreaterole: false }]);
    expect((await analyst.query('SELECT current_user')).rows).toEqual([{ current_user: ANALYST_ROLE }]);
  });

  it('reads every view, each with its documented columns and comments', async () => {
    for (const view of views) {
      const name = analyticsViewName(view);
      expect({ name, outcome: await asAnalyst(`SELECT * FROM analytics.${name} LIMIT 1`) }).toEqual({ name, outcome: 'ok' });
      const { rows } = await analyst.query(
        `SELECT a.attname AS column, col_description(a.attrelid, a.attnum) AS comment FROM pg_attribute a
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 ORDER BY a.attnum`,
        [`analytics.${name}`],
      );
      expect({ name, columns: rows }).toEqual({ name, columns: analyticsColumns(view).map((column) => ({ column: column.name, comment: column.description })) });
      expect((await analyst.query(`SELECT obj_description($1::regclass, 'pg_class') AS comment`, [`analytics.${name}`])).rows).toEqual([{ comment: view.description }]);
    }
    expect(await demandRows()).toEqual([{ demand_id: demandId, status: 'registered', priority: 'P3' }]);
  });

  it('is refused every write to a view, and every read or write of the read-model tables under it', async () => {
    const denied = '42501';
    // Writes to a view fail before its privileges are checked (a UNION is not updatable, 55000); the role has none of them anyway.
    for (const sql of [`INSERT INTO analytics.demands_v1 (demand_id) VALUES ('d-1')`, `UPDATE analytics.demands_v1 SET status = 'closed'`, `DELETE FROM analytics.demands_v1`]) {
      expect({ sql, outcome: await asAnalyst(sql) }).toEqual({ sql, outcome: expect.stringMatching(/^(42501|55000)$/) });
    }
    for (const view of views) {
      const privileges = await analyst.query(
        `SELECT ${['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'].map((p) => `has_table_privilege($1, $2, '${p}') AS ${p.toLowerCase()}`).join(', ')}`,
        [ANALYST_ROLE, `analytics.${analyticsViewName(view)}`],
      );
      expect(privileges.rows).toEqual([{ select: true, insert: false, update: false, delete: false, truncate: false }]);
    }
    expect(await asAnalyst(`CREATE VIEW analytics.mine AS SELECT 1`)).toBe(denied);
    const table = `read_models.${quoteIdent(tableName('intake.demands', 'demand', 'a'))}`;
    for (const sql of [`SELECT * FROM ${table}`, `INSERT INTO ${table} (demand_id) VALUES ('d-1')`, `UPDATE ${table} SET status = 'closed'`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]) {
      expect({ sql, outcome: await asAnalyst(sql) }).toEqual({ sql, outcome: denied });
    }
    expect(await asAnalyst(`SELECT * FROM events.events LIMIT 1`)).toBe(denied);
    expect(await demandRows()).toEqual([{ demand_id: demandId, status: 'registered', priority: 'P3' }]);
  });

  it('keeps reading the demand when its read model is rebuilt into the other slot, and after the migration step runs again', async () => {
    const registry = new Client({ connectionString: url });
    await registry.connect();
    try {
      const active = async () => (await registry.query(`SELECT active_slot FROM read_models.platform_projection WHERE name = 'intake.demands'`)).rows[0]?.active_slot;
      const before = await active();
      await t.app.get(ProjectionHost).rebuild('intake.demands');
      expect(await active()).not.toBe(before);
      expect(await demandRows()).toEqual([{ demand_id: demandId, status: 'registered', priority: 'P3' }]);
      await migratePlatformSchemas(loadPlatformConfig(env), STANDALONE_SERVICES);
      expect(await demandRows()).toEqual([{ demand_id: demandId, status: 'registered', priority: 'P3' }]);
    } finally {
      await registry.end();
    }
  });
});
