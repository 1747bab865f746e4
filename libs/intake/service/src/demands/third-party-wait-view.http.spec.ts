import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, TestApp, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { complainingCustomer, complaintInProgress } from '../testing/complaint-in-progress';

const PARTY = 'Cheap Vendor Ltd (blacklisted)';
const PARTNER = 'partner-cheap-vendor';
const SINCE = '2026-12-07T02:00:00.000Z';

/**
 * Issue 7 §6, customers as users: a demand waiting on a third party tells its customer that it waits, and since
 * when, not on whom: the party is the company's vendor or partner as staff named it, which is internal. Staff
 * read the party as before. Every read of a demand a customer may make: detail, `?asOf=`, lists, the export
 * and the overdue complaints.
 */
describe('a demand waiting on a third party, as its customer and as staff read it', () => {
  const clock = new ManualClock(new Date('2026-12-07T01:00:00Z'));
  let t: TestApp;
  const as: Record<string, RequestHeaders> = {};
  let customerId: string;
  let demandId: string;

  const { get, ok } = readYourWrites(() => t.app, () => as.agent);
  const keptInternal = (body: string) => {
    expect(body).not.toContain(PARTY);
    expect(body).not.toContain('Cheap Vendor');
    expect(body).not.toContain(PARTNER);
  };

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    as.agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    customerId = (await ok('/intake/customers', complainingCustomer)).id;
    as.customer = await t.headersFor({ userId: 'portal-wang', roles: ['customer'], customerId });
    demandId = await complaintInProgress(ok, customerId);
    clock.set(SINCE);
    await ok(`/intake/demands/${demandId}/waiting-on-third-party`, { party: PARTY, reason: '等待供應商寄送零件', partnerId: PARTNER });
    clock.set('2026-12-07T03:00:00Z');
  });
  afterAll(() => t.close());

  it('tells the customer in the detail that the demand waits on a third party, and since when, without naming it', async () => {
    const response = await get(`/intake/demands/${demandId}`, as.customer);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ demandId, waitingOnThirdParty: true, waitingOnThirdPartySince: SINCE });
    keptInternal(response.body);
  });

  it('tells the customer the same as of an instant: since when, without the party or the partner', async () => {
    const response = await get(`/intake/demands/${demandId}?asOf=${encodeURIComponent('2026-12-07T02:30:00Z')}`, as.customer);
    expect(response.statusCode).toBe(200);
    expect(response.json().state.waitingOnThirdParty).toEqual({ since: SINCE });
    keptInternal(response.body);
    const before = (await get(`/intake/demands/${demandId}?asOf=${encodeURIComponent('2026-12-07T01:30:00Z')}`, as.customer)).json();
    expect(Object.keys(before.state)).not.toContain('waitingOnThirdParty');
  });

  it('tells the customer the same in every list, the export and the overdue complaints', async () => {
    for (const url of ['/intake/demands', `/intake/customers/${customerId}/demands`]) {
      const response = await get(url, as.customer);
      expect(response.json().items).toEqual([expect.objectContaining({ demandId, waitingOnThirdParty: true, waitingOnThirdPartySince: SINCE })]);
      keptInternal(response.body);
    }
    const csv = await get('/intake/demands.csv', as.customer);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(demandId);
    keptInternal(csv.body);

    clock.set('2026-12-12T03:00:00Z');
    const overdue = await get('/intake/complaints/overdue', as.customer);
    expect(overdue.json()).toEqual([expect.objectContaining({ demandId, waitingOnThirdParty: true })]);
    keptInternal(overdue.body);
  });

  it('names the party, and the partner as of an instant, to staff as before', async () => {
    expect((await get(`/intake/demands/${demandId}`, as.agent)).json()).toMatchObject({ waitingOnThirdParty: PARTY, waitingOnThirdPartySince: SINCE });
    expect((await get('/intake/demands', as.agent)).json().items).toEqual([expect.objectContaining({ waitingOnThirdParty: PARTY })]);
    expect((await get('/intake/demands.csv', as.agent)).body).toContain(PARTY);
    const asOf = (await get(`/intake/demands/${demandId}?asOf=${encodeURIComponent('2026-12-07T02:30:00Z')}`, as.agent)).json();
    expect(asOf.state.waitingOnThirdParty).toEqual({ party: PARTY, since: SINCE, partnerId: PARTNER });
  });

  it('tells the customer nothing of a wait once the demand is resumed', async () => {
    await ok(`/intake/demands/${demandId}/resumption`);
    expect((await get(`/intake/demands/${demandId}`, as.customer)).json()).toMatchObject({ waitingOnThirdParty: null, waitingOnThirdPartySince: null });
  });
});
