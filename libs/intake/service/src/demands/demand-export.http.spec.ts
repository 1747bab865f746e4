import { ManualClock } from '@serviceledger/platform/core';
import { TestApp, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { phoneEnquiry } from '../testing/phone-enquiry';

const FORMULA = '=HYPERLINK("http://evil.example","click")';

/** The demand ids of a CSV export of demands, in the order exported (no cell of these demands spans lines). */
function exportedIds(csv: string): string[] {
  const [header, ...rows] = csv.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
  const column = header.split(',').indexOf('demandId');
  return rows.map((row) => row.split(',')[column]);
}

/** Issue 14: the demands export neutralises formulas and is streamed (item 10); responses with personal data are not stored (item 11). */
describe('the demands export over HTTP', () => {
  /** Stands still: every demand is registered at the same instant. */
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let t: TestApp;
  let agent: Record<string, string>;
  let customerId: string;
  const { get, ok } = readYourWrites(
    () => t.app,
    () => agent,
  );

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], env: { EVENT_STORE: 'sqlite' }, clock });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    customerId = (await ok('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' })).id;
  });
  afterAll(() => t.close());

  it('exports a subject or description that a spreadsheet would run as a formula as text, quoted as CSV quotes it', async () => {
    const hyperlink = (await ok('/intake/demands', phoneEnquiry(customerId, { subject: FORMULA, description: '@SUM(1+1)*cmd' }))).id;
    const signs = (await ok('/intake/demands', phoneEnquiry(customerId, { subject: '+1+2', description: '-2+3' }))).id;

    const csv = await get('/intake/demands.csv', agent);
    expect(csv.statusCode).toBe(200);
    const rows = csv.body.split('\r\n');
    expect(rows.find((row) => row.startsWith(hyperlink))).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",'@SUM(1+1)*cmd,`);
    expect(rows.find((row) => row.startsWith(signs))).toContain(",'+1+2,'-2+3,");
    expect(csv.body).not.toMatch(/(^|,)"?[=+\-@]/m);
  });

  it('streams every matching demand in registration order, page after page of the read model, as a download', async () => {
    const { id: ownCustomer } = await ok('/intake/customers', { organisation: '廣州某某貿易有限公司', contactPerson: '李小華', phone: '+86 139 0013 9000', tier: 'standard' });
    const registered: string[] = [];
    // More than a page (500) of the read model, all registered at the same instant: the pages go by registration time, then id.
    for (let n = 0; n < 520; n++) registered.push((await ok('/intake/demands', phoneEnquiry(ownCustomer))).id);

    const csv = await get(`/intake/demands.csv?customer=${ownCustomer}`, agent);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="demands.csv"');
    expect(csv.headers['content-length']).toBeUndefined();
    expect(csv.headers['transfer-encoding']).toBe('chunked');
    const exported = exportedIds(csv.body);
    expect(exported).toHaveLength(520);
    expect(new Set(exported)).toEqual(new Set(registered));
    const list = await get(`/intake/demands?customer=${ownCustomer}&sort=registeredAt&pageSize=100`, agent);
    expect(exported.slice(0, 100)).toEqual(list.json().items.map((row: { demandId: string }) => row.demandId));
  });

  it('sends Cache-Control: no-store with lists, details, reads with a reason, and the export', async () => {
    const demandId = (await ok('/intake/demands', phoneEnquiry(customerId))).id;
    const reads = [
      '/intake/demands',
      `/intake/demands/${demandId}`,
      `/intake/demands/${demandId}?reason=${encodeURIComponent('customer called back')}`,
      `/intake/customers/${customerId}?reason=${encodeURIComponent('customer called back')}`,
      `/intake/customers/${customerId}/demands`,
      '/intake/demands.csv',
    ];
    for (const url of reads) {
      const response = await get(url, agent);
      expect([url, response.statusCode]).toEqual([url, 200]);
      expect([url, response.headers['cache-control'], response.headers['x-content-type-options']]).toEqual([url, 'no-store', 'nosniff']);
    }
  });
});

describe('the demands export is an expensive read', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], env: { EVENT_STORE: 'sqlite', RATE_LIMIT_EXPENSIVE_READS: '2' } });
  });
  afterAll(() => t.close());

  it("answers a principal's third export in the window 429 with Retry-After, and leaves lists alone", async () => {
    const analyst = await t.headersFor({ userId: 'analyst-chen', roles: ['analyst'] });
    const exportAs = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/intake/demands.csv', headers });
    for (let n = 0; n < 2; n++) expect((await exportAs(analyst)).statusCode).toBe(200);
    const refused = await exportAs(analyst);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ status: 429, type: expect.stringContaining('too-many-requests') });
    expect((await t.app.inject({ method: 'GET', url: '/intake/demands', headers: analyst })).statusCode).toBe(200);
    expect((await exportAs(await t.headersFor({ userId: 'analyst-zhou', roles: ['analyst'] }))).statusCode).toBe(200);
  });
});
