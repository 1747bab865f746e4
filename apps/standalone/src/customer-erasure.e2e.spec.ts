import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '@serviceledger/platform/core';
import { eventually } from '@serviceledger/platform/testing';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { CustomerToErase, registerCustomerToErase } from './testing/customer-to-erase';
import { StandaloneE2e, startStandaloneE2e } from './testing/standalone-e2e';

/** Every file under the directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Issue 18's proof of erasure on the store `npm start` uses (SQLite under DATA_DIR): after a customer is
 * erased, not one byte of their e-mail address, phone number or name is left in any file, and a rebuilt
 * read model still has their demand, its contact erased.
 */
describe('erasing a customer on SQLite (R-3.1: 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let e2e: StandaloneE2e;
  let customer: CustomerToErase;
  let monthBefore: unknown;
  const month = async () => (await e2e.t.app.inject({ method: 'GET', url: '/quality-monitoring/periods/2026-11/scorecards', headers: e2e.monitor })).json();
  const holding = (text: string) => filesUnder(e2e.t.dataDir).filter((file) => readFileSync(file).includes(Buffer.from(text)));

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock, { EVENT_STORE: 'sqlite' });
    customer = await registerCustomerToErase(e2e);
    const clocks = `/quality-monitoring/clocks?demand=${customer.demandId}&metric=first-response`;
    await eventually(async () => expect((await e2e.t.app.inject({ method: 'GET', url: clocks, headers: e2e.monitor })).json().items).toHaveLength(1));
    monthBefore = await month();
  });
  afterAll(() => e2e.t.close());

  it('keeps personal data out of the event log from the start: only the read models hold it, for the agents who need it', async () => {
    expect(await customer.customerRead()).toMatchObject({ contactPerson: customer.personal.name, email: customer.personal.email });
    const files = holding(customer.personal.email).map((file) => file.slice(e2e.t.dataDir.length));
    expect(files).toContainEqual(expect.stringMatching(/read-models\.db/));
    expect(files).not.toContainEqual(expect.stringMatching(/events\.db/));
  });

  it('is for the data-protection duty only, needs a reason, and answers 404 for a customer who does not exist', async () => {
    expect((await customer.erase(customer.customerId, e2e.agent)).statusCode).toBe(403);
    const reasonless = await e2e.t.app.inject({ method: 'POST', url: `/intake/customers/${customer.customerId}/erasure`, payload: {}, headers: customer.admin });
    expect(reasonless.statusCode).toBe(400);
    expect((await customer.erase('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('erases: the fields read as erased everywhere, erasing again is the same answer, and no file under DATA_DIR holds them', async () => {
    const erased = await customer.erase();
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ id: customer.customerId });
    const again = await customer.erase();
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(customer.customerId);

    expect(await customer.customerRead()).toMatchObject({ contactPerson: '[erased]', phone: '[erased]', email: '[erased]' });
    const list = await e2e.t.app.inject({ method: 'GET', url: '/intake/customers?pageSize=100', headers: e2e.agent });
    expect(list.json().items).toContainEqual(expect.objectContaining({ customerId: customer.customerId, contactPerson: '[erased]', email: '[erased]' }));
    const demand = await customer.demandRead();
    expect(demand).toMatchObject({ demandId: customer.demandId, contactName: '[erased]', contactPhone: '[erased]', contactEmail: '[erased]' });
    expect(demand.timeline).toContainEqual(
      expect.objectContaining({ entry: 'CustomerMessageReceived', details: expect.objectContaining({ from: '[erased]', body: '請盡快回覆' }) }),
    );
    for (const text of Object.values(customer.personal)) expect(holding(text)).toEqual([]);
  });

  it('still shows the demand, its contact erased, and the month\'s quality figures unchanged, when every read model is rebuilt from the start', async () => {
    const projections = (await e2e.t.app.inject({ method: 'GET', url: '/operations/projections', headers: customer.admin })).json() as Array<{ name: string }>;
    expect(projections.map((p) => p.name)).toEqual(expect.arrayContaining(['intake.customers', 'intake.demands']));
    for (const { name } of projections) expect((await customer.rebuild(name)).statusCode).toBe(200);
    expect(await customer.demandRead()).toMatchObject({
      demandId: customer.demandId,
      customerId: customer.customerId,
      subject: phoneEnquiry(customer.customerId).subject,
      contactName: '[erased]',
      contactEmail: '[erased]',
    });
    expect(await month()).toEqual(monthBefore);
    expect(holding(customer.personal.email)).toEqual([]);
  });
});
