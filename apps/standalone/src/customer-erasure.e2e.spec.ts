import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '@serviceledger/platform/core';
import { eventually } from '@serviceledger/platform/testing';
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
 * erased, not one byte of their e-mail address, phone number or name, nor of what they wrote in their
 * demand's description and their message, is left in any file, and a rebuilt read model still has their
 * demand and its history, its contact and texts erased.
 */
describe('erasing a customer on SQLite (R-3.1: 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let e2e: StandaloneE2e;
  let customer: CustomerToErase;
  let monthBefore: unknown;
  const month = async () => (await e2e.t.app.inject({ method: 'GET', url: '/quality-monitoring/periods/2026-11/scorecards', headers: e2e.monitor })).json();
  const holding = (text: string) => filesUnder(e2e.t.dataDir).filter((file) => readFileSync(file).includes(Buffer.from(text)));
  /** The demand the customer's unproven mail opened under the unverified senders, as an agent reads it unmasked. */
  const unverifiedDemand = async () =>
    (await e2e.t.app.inject({ method: 'GET', url: `/intake/demands/${customer.unverifiedDemandId}?reason=check%20the%20erasure`, headers: e2e.agent })).json();

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock, { EVENT_STORE: 'sqlite' });
    customer = await registerCustomerToErase(e2e);
    const clocks = `/quality-monitoring/clocks?demand=${customer.demandId}&metric=first-response`;
    await eventually(async () => expect((await e2e.t.app.inject({ method: 'GET', url: clocks, headers: e2e.monitor })).json().items).toHaveLength(1));
    // The byte searches read the files, which wait for no projection: the unproven mail's demand, registered last,
    // must be in the read models first.
    await eventually(async () => expect(await unverifiedDemand()).toMatchObject({ subject: expect.stringContaining(customer.freeText.unverifiedSubject) }));
    monthBefore = await month();
  });
  afterAll(() => e2e.t.close());

  it('keeps personal data out of the event log from the start: only the read models hold it, for the agents who need it', async () => {
    expect(await customer.customerRead()).toMatchObject({ contactPerson: customer.personal.name, email: customer.personal.email });
    const files = holding(customer.personal.email).map((file) => file.slice(e2e.t.dataDir.length));
    expect(files).toContainEqual(expect.stringMatching(/read-models\.db/));
    expect(files).not.toContainEqual(expect.stringMatching(/events\.db/));
  });

  it('keeps what the customer wrote out of the event log too: a name or a number typed into the description or a message', async () => {
    for (const text of [...Object.values(customer.freeText), ...Object.values(customer.staffText)]) {
      const files = holding(text).map((file) => file.slice(e2e.t.dataDir.length));
      expect({ text, inReadModels: files.some((file) => /read-models\.db/.test(file)) }).toEqual({ text, inReadModels: true });
      expect({ text, inEventLog: files.some((file) => /events\.db/.test(file)) }).toEqual({ text, inEventLog: false });
    }
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
    expect(demand).toMatchObject({
      demandId: customer.demandId,
      status: 'registered',
      contactName: '[erased]',
      contactPhone: '[erased]',
      contactEmail: '[erased]',
      subject: '[erased]',
      description: '[erased]',
    });
    expect(demand.timeline).toEqual([
      expect.objectContaining({ entry: 'DemandRegistered', details: expect.objectContaining({ subject: '[erased]', description: '[erased]', kind: 'enquiry' }) }),
      expect.objectContaining({ entry: 'CustomerMessageReceived', details: expect.objectContaining({ channel: 'email', from: '[erased]', body: '[erased]' }) }),
      expect.objectContaining({ entry: 'InternalNoteAdded', details: expect.objectContaining({ body: '[erased]', author: 'agent-li' }) }),
      expect.objectContaining({ entry: 'DemandWaitingOnCustomer', details: expect.objectContaining({ reason: '[erased]' }) }),
    ]);
    // The mail from the customer's address that did not prove its sender is the customer's too.
    expect(await unverifiedDemand()).toMatchObject({ senderNotVerified: true, contactName: '[erased]', contactEmail: '[erased]', subject: '[erased]', description: '[erased]' });
    const demands = await e2e.t.app.inject({ method: 'GET', url: `/intake/demands?customer=${customer.customerId}`, headers: e2e.agent });
    expect(demands.json().items).toContainEqual(expect.objectContaining({ demandId: customer.demandId, subject: '[erased]' }));
    const csv = await e2e.t.app.inject({ method: 'GET', url: `/intake/demands.csv?customer=${customer.customerId}`, headers: e2e.agent });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('[erased]');
    expect(csv.body).not.toContain(customer.freeText.description);
    for (const text of [...Object.values(customer.personal), ...Object.values(customer.freeText), ...Object.values(customer.staffText)]) expect({ text, files: holding(text) }).toEqual({ text, files: [] });
  });

  it('still shows the demand, its contact erased, and the month\'s quality figures unchanged, when every read model is rebuilt from the start', async () => {
    const projections = (await e2e.t.app.inject({ method: 'GET', url: '/operations/projections', headers: customer.admin })).json() as Array<{ name: string }>;
    expect(projections.map((p) => p.name)).toEqual(expect.arrayContaining(['intake.customers', 'intake.demands']));
    for (const { name } of projections) expect((await customer.rebuild(name)).statusCode).toBe(200);
    expect(await customer.demandRead()).toMatchObject({
      demandId: customer.demandId,
      customerId: customer.customerId,
      status: 'registered',
      subject: '[erased]',
      description: '[erased]',
      contactName: '[erased]',
      contactEmail: '[erased]',
    });
    expect((await customer.demandRead()).timeline).toEqual([
      expect.objectContaining({ entry: 'DemandRegistered', details: expect.objectContaining({ description: '[erased]' }) }),
      expect.objectContaining({ entry: 'CustomerMessageReceived', details: expect.objectContaining({ body: '[erased]' }) }),
      expect.objectContaining({ entry: 'InternalNoteAdded', details: expect.objectContaining({ body: '[erased]' }) }),
      expect.objectContaining({ entry: 'DemandWaitingOnCustomer', details: expect.objectContaining({ reason: '[erased]' }) }),
    ]);
    expect(await unverifiedDemand()).toMatchObject({ senderNotVerified: true, contactEmail: '[erased]', subject: '[erased]', description: '[erased]' });
    expect(await month()).toEqual(monthBefore);
    for (const text of [customer.personal.email, ...Object.values(customer.freeText), ...Object.values(customer.staffText)]) expect(holding(text)).toEqual([]);
  });
});
