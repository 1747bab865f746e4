import { Pool } from 'pg';
import { ManualClock } from '@serviceledger/platform/core';
import { pgTestUrl, postgresServiceEnv, quoteIdent, scratchSchema } from '@serviceledger/platform/postgres';
import { eventually } from '@serviceledger/platform/testing';
import { AcceptedCase, acceptCustomersCase } from './testing/accepted-case';
import { CustomerToErase, registerCustomerToErase } from './testing/customer-to-erase';
import { StandaloneE2e, startStandaloneE2e } from './testing/standalone-e2e';

/**
 * Issue 18's proof of erasure on PostgreSQL (event store and read models in two schemas, as production
 * runs them): after a customer is erased, no row of any table of either schema holds their e-mail
 * address, phone number or name, nor what they wrote in their demand's description, their message and
 * their case's acceptance comments, nor the name or title of the person who signed that acceptance, and a
 * rebuilt read model still has their demand, its contact and texts erased.
 */
describe('erasing a customer on PostgreSQL (R-3.1: 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  const events = scratchSchema('sl_erasure_events');
  const readModels = scratchSchema('sl_erasure_models');
  const pool = new Pool({ connectionString: pgTestUrl(), max: 2 });
  let e2e: StandaloneE2e;
  let customer: CustomerToErase;
  let accepted: AcceptedCase;

  /** `schema.table` of every table, in both schemas, with a row that holds the text anywhere. */
  async function tablesHolding(text: string): Promise<string[]> {
    const { rows } = await pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE'`,
      [[events.schema, readModels.schema]],
    );
    const holding: string[] = [];
    for (const { schema, name } of rows) {
      const table = `${quoteIdent(schema)}.${quoteIdent(name)}`;
      const found = await pool.query(`SELECT 1 FROM ${table} t WHERE strpos(t::text, $1) > 0 LIMIT 1`, [text]);
      if (found.rowCount) holding.push(`${schema}.${name}`);
    }
    return holding;
  }

  // Budgets, not timings: start-up migrates two schemas and the search reads every row of every table once per text.
  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock, { ...postgresServiceEnv(events, readModels), SCHEMA_CHANGES: 'migrate' });
    customer = await registerCustomerToErase(e2e);
    accepted = await acceptCustomersCase(e2e, customer);
  }, 180000);
  afterAll(async () => {
    await e2e?.t.close();
    await pool.end();
    await Promise.all([events.drop(), readModels.drop()]);
  });

  it('keeps personal data out of the event store from the start: only read-model rows hold it', async () => {
    for (const text of [customer.personal.email, customer.freeText.description, customer.freeText.message, accepted.signatory.name, accepted.comments]) {
      const holding = await tablesHolding(text);
      expect(holding.length).toBeGreaterThan(0);
      expect(holding.filter((table) => table.startsWith(events.schema))).toEqual([]);
    }
  });

  it('erases: no row of any table holds the e-mail, phone or name, the texts, nor the signatory, the key is gone, and a rebuilt read model shows the demand with its contact erased', async () => {
    expect((await customer.erase()).statusCode).toBe(200);
    expect(await customer.demandRead()).toMatchObject({ contactName: '[erased]', contactPhone: '[erased]', contactEmail: '[erased]', description: '[erased]' });
    for (const text of [...Object.values(customer.personal), ...Object.values(customer.freeText), ...Object.values(customer.staffText)]) expect(await tablesHolding(text)).toEqual([]);
    const keys = await pool.query(`SELECT wrapped_key FROM ${quoteIdent(events.schema)}.data_keys WHERE subject_id = $1`, [customer.customerId]);
    expect(keys.rows).toEqual([{ wrapped_key: null }]);
    // Service-delivery hears of it through customer.erased: its case shows the signatory erased, and no row keeps them.
    await eventually(async () => expect((await accepted.read()).acceptanceRounds[0]).toMatchObject({ signatory: { name: '[erased]', title: '[erased]' }, comments: '[erased]' }));
    for (const text of [...Object.values(accepted.signatory), accepted.comments]) expect(await tablesHolding(text)).toEqual([]);

    expect((await customer.rebuild('intake.demands')).statusCode).toBe(200);
    expect(await customer.demandRead()).toMatchObject({ demandId: customer.demandId, customerId: customer.customerId, contactName: '[erased]', contactEmail: '[erased]', description: '[erased]' });
    for (const text of [customer.personal.email, customer.freeText.description]) expect(await tablesHolding(text)).toEqual([]);
  }, 180000);
});
