import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { demandStream } from '@serviceledger/intake/domain';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';

/**
 * Issue 7 §6, customers as users: a customer principal registers demands through the portal for their
 * own organisation, and sees that organisation's demands only, with only the customer-visible part of
 * each timeline.
 */
describe('customers as users of intake', () => {
  const clock = new ManualClock(new Date('2026-12-03T02:00:00Z'));
  let t: TestApp;
  let agent: RequestHeaders;
  let portalA: RequestHeaders;
  let portalB: RequestHeaders;
  let orgless: RequestHeaders;
  let acme: string;
  let beta: string;
  /** Acme's demand, taken by phone and worked on by staff. */
  let acmeByPhone: string;
  /** Beta's demand. */
  let betaByPhone: string;
  const internalNote = '客戶合同即將到期，報價時注意折扣上限';

  const { get, post, ok } = readYourWrites(() => t.app, () => agent);
  const idsIn = async (url: string, headers: RequestHeaders): Promise<string[]> => {
    const response = await get(url, headers);
    expect(response.statusCode).toBe(200);
    return response.json().items.map((d: { demandId: string }) => d.demandId).sort();
  };

  function portalDemand(overrides: object = {}) {
    return {
      contact: { name: '林美玲', email: 'lin@acme.example' },
      channel: 'web',
      subChannel: 'portal',
      kind: 'after-sales',
      subject: '門禁系統讀卡器失靈',
      description: '二樓門禁讀卡器無法識別員工卡。',
      impact: 2,
      urgency: 2,
      ...overrides,
    };
  }
  const demandsOf = async (customerId: string) => (await get(`/intake/demands?customer=${customerId}&count=exact`, agent)).json().total;

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    agent = await t.headersFor({ userId: 'agent-zhou', roles: ['agent'], departments: ['customer-service'] });
    acme = (await ok('/intake/customers', { organisation: 'Acme 智能科技', contactPerson: '林美玲', email: 'lin@acme.example', tier: 'gold' })).id;
    beta = (await ok('/intake/customers', { organisation: 'Beta 貿易', contactPerson: '黃志強', phone: '+85298765432', tier: 'standard' })).id;
    portalA = await t.headersFor({ userId: 'lin@acme', roles: ['customer'], customerId: acme });
    portalB = await t.headersFor({ userId: 'wong@beta', roles: ['customer'], customerId: beta });
    orgless = await t.headersFor({ userId: 'nobody', roles: ['customer'] });

    const phone = (customerId: string) => ({
      ...portalDemand({ channel: 'phone', subChannel: undefined, kind: 'enquiry', subject: '續約報價', businessCategory: 'technical-support' }),
      customerId,
    });
    acmeByPhone = (await ok('/intake/demands', phone(acme))).id;
    betaByPhone = (await ok('/intake/demands', phone(beta))).id;
    await ok(`/intake/demands/${acmeByPhone}/triage`);
    await ok(`/intake/demands/${acmeByPhone}/assignment`);
    await ok(`/intake/demands/${acmeByPhone}/notes`, { text: internalNote });
    await ok(`/intake/demands/${acmeByPhone}/replies`, { channel: 'portal', body: '報價單已上傳至門戶，請查收。' });
  });
  afterAll(() => t.close());

  describe('registering through the portal', () => {
    it('registers for their own organisation, whatever customerId the body names', async () => {
      const registered = await post('/intake/demands', { ...portalDemand(), customerId: beta }, portalA);
      expect(registered.statusCode).toBe(201);
      expect(registered.json().reference).toMatch(/^SR-2026-\d{6}$/);
      const { id } = registered.json();

      const detail = await get(`/intake/demands/${id}`, agent);
      expect(detail.json()).toMatchObject({ customerId: acme, channel: 'web', subChannel: 'portal', status: 'registered' });
      const [event] = await t.app.get<EventStore>(EVENT_STORE).readStream(demandStream(id));
      expect(event).toMatchObject({
        type: 'DemandRegistered',
        data: { customerId: acme, channel: 'web', subChannel: 'portal' },
        metadata: { actor: { userId: 'lin@acme', roles: ['customer'], customerId: acme } },
      });

      const withoutCustomerId = await post('/intake/demands', portalDemand({ subject: '發票抬頭更正' }), portalA);
      expect(withoutCustomerId.statusCode).toBe(201);
      expect((await get(`/intake/demands/${withoutCustomerId.json().id}`, agent)).json().customerId).toBe(acme);
    });

    it('cannot claim a staff channel: phone or chat is refused with 422 and nothing is registered', async () => {
      const before = await demandsOf(acme);
      const byPhone = await post('/intake/demands', portalDemand({ channel: 'phone', subChannel: undefined }), portalA);
      expect(byPhone.statusCode).toBe(422);
      expect(byPhone.json().detail).toBe('A customer registers demands through the portal: channel web, subChannel portal');
      expect((await post('/intake/demands', portalDemand({ subChannel: 'chat' }), portalA)).statusCode).toBe(422);
      expect(await demandsOf(acme)).toBe(before);
    });

    it('cannot register without an organisation in the token', async () => {
      const response = await post('/intake/demands', { ...portalDemand(), customerId: acme }, orgless);
      expect(response.statusCode).toBe(403);
      expect(response.json().detail).toContain('without an organisation');
    });
  });

  describe("reading the organisation's demands", () => {
    it("lists, exports and counts their own organisation's demands only", async () => {
      const own = await idsIn('/intake/demands', portalA);
      expect(own).toContain(acmeByPhone);
      expect(own).not.toContain(betaByPhone);
      const everyAcmeDemand = await idsIn(`/intake/demands?customer=${acme}&pageSize=200`, agent);
      expect(own).toEqual(everyAcmeDemand);

      const csv = await get('/intake/demands.csv', portalA);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain(acmeByPhone);
      expect(csv.body).not.toContain(betaByPhone);
      expect(csv.body).not.toContain(beta);

      expect(await idsIn('/intake/demands', portalB)).toEqual([betaByPhone]);
    });

    it("gets an empty list when asking for another organisation's demands", async () => {
      expect(await idsIn(`/intake/demands?customer=${beta}`, portalA)).toEqual([]);
      expect(await idsIn(`/intake/customers/${beta}/demands`, portalA)).toEqual([]);
      expect(await idsIn('/intake/departments/tech-support/queue', portalA)).toEqual([acmeByPhone]);
      expect((await get('/intake/complaints/overdue', portalA)).json()).toEqual([]);
    });

    it("gets 404 for another organisation's demand, exactly as for one that does not exist", async () => {
      const other = await get(`/intake/demands/${betaByPhone}`, portalA);
      const missing = await get('/intake/demands/00000000-0000-4000-8000-000000000000', portalA);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual({ ...missing.json(), detail: `Demand ${betaByPhone} was not found` });
    });

    it('sees its own demand without anything internal: no notes, no triage, no assignment in the timeline', async () => {
      const asCustomer = await get(`/intake/demands/${acmeByPhone}`, portalA);
      expect(asCustomer.statusCode).toBe(200);
      const timeline = asCustomer.json().timeline;
      expect(timeline.map((e: { entry: string }) => e.entry)).toEqual(['DemandRegistered', 'CustomerReplySent']);
      expect(timeline.every((e: { visibility: string }) => e.visibility === 'customer')).toBe(true);
      expect(timeline[1].details).toMatchObject({ body: '報價單已上傳至門戶，請查收。' });
      expect(asCustomer.body).not.toContain(internalNote);

      const asAgent = (await get(`/intake/demands/${acmeByPhone}`, agent)).json();
      expect(asAgent.timeline.map((e: { entry: string }) => e.entry)).toEqual([
        'DemandRegistered',
        'DemandTriaged',
        'DemandAssigned',
        'InternalNoteAdded',
        'CustomerReplySent',
      ]);
      expect(asAgent.timeline[3].details.body).toBe(internalNote);
    });

    it('a customer token without an organisation sees nothing', async () => {
      expect((await get('/intake/demands', orgless)).json()).toEqual({ items: [], page: 1, pageSize: 50 });
      expect((await get(`/intake/demands/${acmeByPhone}`, orgless)).statusCode).toBe(404);
    });
  });

  describe('customer records', () => {
    it("cannot read another organisation's customer record, and cannot tell whether it exists", async () => {
      const other = await get(`/intake/customers/${beta}`, portalA);
      const missing = await get('/intake/customers/00000000-0000-4000-8000-000000000000', portalA);
      expect(other.statusCode).toBe(404);
      expect(other.json().detail).toBe(`Customer ${beta} was not found`);
      expect({ ...other.json(), detail: undefined }).toEqual({ ...missing.json(), detail: undefined });
      expect(other.body).not.toContain('黃志強');
    });

    it('reads its own record, masked, and finds only itself in the customer list', async () => {
      const own = await get(`/intake/customers/${acme}`, portalA);
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ customerId: acme, organisation: 'Acme 智能科技', contactPerson: '林**' });
      const list = (await get('/intake/customers', portalA)).json();
      expect(list.items.map((c: { customerId: string }) => c.customerId)).toEqual([acme]);
      expect((await get('/intake/customers?phone=%2B85298765432', portalA)).statusCode).toBe(403);
    });
  });
});
