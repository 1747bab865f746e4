import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders } from '@serviceledger/platform/testing';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
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
describe('erasing a customer (R-3.1: 客户信息受到保护，严格管控，杜绝泄露)', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  const unique = randomBytes(4).toString('hex');
  const email = `erase-${unique}@example.cn`;
  const phone = `+86139${parseInt(unique, 16).toString().padStart(10, '0').slice(0, 8)}`;
  const name = `陳${unique}`;
  let e2e: StandaloneE2e;
  let admin: RequestHeaders;
  let customerId: string;
  let demandId: string;

  const post = (url: string, payload: object, headers: RequestHeaders) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers: RequestHeaders = e2e.agent) => e2e.t.app.inject({ method: 'GET', url, headers });
  const holding = (text: string) => filesUnder(e2e.t.dataDir).filter((file) => readFileSync(file).includes(Buffer.from(text)));
  const erase = (id: string, headers = admin) => post(`/intake/customers/${id}/erasure`, { reason: 'The customer asked to be forgotten' }, headers);

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock, { EVENT_STORE: 'sqlite' });
    admin = await e2e.t.headersFor({ userId: 'dpo-wu', roles: ['administrator'], departments: [] });
    const customer = await post('/intake/customers', { organisation: '某某貿易有限公司', contactPerson: name, phone, email, tier: 'standard' }, e2e.agent);
    expect(customer.statusCode).toBe(201);
    customerId = customer.json().id;
    const demand = await post('/intake/demands', phoneEnquiry(customerId, { contact: { name, phone, email } }), e2e.agent);
    expect(demand.statusCode).toBe(201);
    demandId = demand.json().id;
    const message = await post(`/intake/demands/${demandId}/customer-messages`, { channel: 'email', from: email, body: '請盡快回覆' }, e2e.agent);
    expect(message.statusCode).toBe(201);
  });
  afterAll(() => e2e.t.close());

  it('keeps personal data out of the event log from the start: only the read models hold it, for the agents who need it', async () => {
    const detail = await get(`/intake/customers/${customerId}?reason=call%20back%20about%20the%20printer`);
    expect(detail.json()).toMatchObject({ contactPerson: name, email });
    const files = holding(email).map((file) => file.slice(e2e.t.dataDir.length));
    expect(files).toContainEqual(expect.stringMatching(/read-models\.db/));
    expect(files).not.toContainEqual(expect.stringMatching(/events\.db/));
  });

  it('is for the data-protection duty only, needs a reason, and answers 404 for a customer who does not exist', async () => {
    expect((await erase(customerId, e2e.agent)).statusCode).toBe(403);
    expect((await post(`/intake/customers/${customerId}/erasure`, {}, admin)).statusCode).toBe(400);
    expect((await erase('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('erases: the fields read as erased everywhere, erasing again is the same answer, and no file under DATA_DIR holds them', async () => {
    const erased = await erase(customerId);
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ id: customerId });
    const again = await erase(customerId);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(customerId);

    const reason = 'reason=check%20the%20erasure';
    expect((await get(`/intake/customers/${customerId}?${reason}`)).json()).toMatchObject({ contactPerson: '[erased]', phone: '[erased]', email: '[erased]' });
    const demand = (await get(`/intake/demands/${demandId}?${reason}`)).json();
    expect(demand).toMatchObject({ demandId, contactName: '[erased]', contactPhone: '[erased]', contactEmail: '[erased]' });
    expect(demand.timeline).toContainEqual(expect.objectContaining({ entry: 'CustomerMessageReceived', details: expect.objectContaining({ from: '[erased]', body: '請盡快回覆' }) }));

    expect(holding(email)).toEqual([]);
    expect(holding(phone)).toEqual([]);
    expect(holding(name)).toEqual([]);
  });

  it('still shows the demand, its contact erased, when its read model is rebuilt from the start', async () => {
    const rebuilt = await post('/operations/projections/intake.demands/rebuild', {}, admin);
    expect(rebuilt.statusCode).toBe(200);
    const demand = (await get(`/intake/demands/${demandId}?reason=after%20the%20rebuild`)).json();
    expect(demand).toMatchObject({ demandId, customerId, subject: phoneEnquiry(customerId).subject, contactName: '[erased]', contactEmail: '[erased]' });
    expect(holding(email)).toEqual([]);
  });
});
