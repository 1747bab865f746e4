import { EventEnvelope, EventStore, ManualClock, newId } from '@serviceledger/platform/core';
import { ROLES, Role, permissionsOf } from '@serviceledger/platform/auth';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { CustomerRegistered, customerStream, personalDataAccessStream } from '@serviceledger/intake/domain';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';

const PHONE = '+86 138 0013 8000';
const EMAIL = 'wang@example.com';
const REASON = `reason=${encodeURIComponent('來電客戶核對身份')}`;

/**
 * 「嚴格控制客戶信息的訪問權限」: finding a customer by phone or e-mail compares their personal data, so it
 * is a read of it. Only the agents who take calls (`customer-pii:read`) may, with a reason, and each customer a
 * look-up finds is recorded in the access register; to anyone else "total 1 or 0" would reveal the masked digits
 * of a number, a request at a time. The number is compared in any of its common written forms.
 */
describe('customer look-up by phone or e-mail over HTTP (R-3.1)', () => {
  const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
  let t: TestApp;
  let agent: RequestHeaders;
  let customerId: string;
  /** A customer whose mobile was recorded before it was normalised to +86: as "13800138001". */
  let recordedBefore: string;
  let afterRecordedBefore: string;

  const { get, ok } = readYourWrites(() => t.app, () => agent);
  const headersOf = (role: Role) =>
    t.headersFor({ userId: `lookup-${role}`, roles: [role], departments: role === 'customer' ? [] : ['customer-service'], ...(role === 'customer' && { customerId }) });
  const found = async (query: string, headers: RequestHeaders = agent) => {
    const response = await t.app.inject({ method: 'GET', url: `/intake/customers?${query}&after=${afterRecordedBefore}`, headers });
    expect(response.statusCode).toBe(200);
    return response.json().items.map((customer: { customerId: string }) => customer.customerId);
  };
  async function accessLog(of: string): Promise<EventEnvelope[]> {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const stream = personalDataAccessStream(of);
    return (await store.streamExists(stream)) ? store.readStream(stream) : [];
  }

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    agent = await t.headersFor({ userId: 'agent-li', displayName: '李客服', roles: ['agent'], departments: ['customer-service'] });
    customerId = (await ok('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: PHONE, email: EMAIL, tier: 'gold' })).id;

    recordedBefore = newId();
    const registered: CustomerRegistered = {
      type: 'CustomerRegistered',
      data: { customerId: recordedBefore, organisation: '廣州某某貿易', contactPerson: '陳大文', phone: '13800138001', tier: 'standard', flaggedForReview: false, source: 'agent' },
    };
    const actor = { userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] };
    const id = newId();
    const appended = await t.app.get<EventStore>(EVENT_STORE).appendToStream(
      customerStream(recordedBefore),
      [{ id, ...registered, metadata: { correlationId: id, causationId: id, actor, schemaVersion: 1 }, occurredAt: clock.now().toISOString() }],
      { expectedVersion: 'no_stream' },
    );
    afterRecordedBefore = appended.checkpoint;
  });
  afterAll(() => t.close());

  describe('who may look customers up by phone or e-mail: every role, from the permission table', () => {
    const comparing = ROLES.filter((role) => permissionsOf([role]).has('customer:read') && !permissionsOf([role]).has('customer-pii:read'));

    it('the table gives customer:read to roles without customer-pii:read, and customer-pii:read only with customer:read', () => {
      expect(comparing).toEqual(expect.arrayContaining(['analyst', 'quality-monitor', 'customer']));
      for (const role of ROLES) if (permissionsOf([role]).has('customer-pii:read')) expect(permissionsOf([role]).has('customer:read')).toBe(true);
    });

    it.each(comparing)('%s gets 403 naming customer-pii:read, with a reason or without, and nothing is recorded', async (role) => {
      const headers = await headersOf(role);
      for (const query of [`phone=${encodeURIComponent(PHONE)}`, 'phone=%2B86%20138%200013%209999', `email=${EMAIL}`, `email=${EMAIL}&${REASON}`, `organisation=x&phone=${encodeURIComponent(PHONE)}&${REASON}`]) {
        const response = await get(`/intake/customers?${query}`, headers);
        expect(response.statusCode).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ type: 'https://serviceledger.dev/problems/forbidden', status: 403 });
        expect(response.json().detail).toMatch(/^Missing permission customer-pii:read to look customers up by (phone|email): the look-up reads their personal data \(R-3\.1\)$/);
        expect(response.body).not.toContain('"total"');
      }
      expect((await get('/intake/customers', headers)).statusCode).toBe(200);
      expect(await accessLog(customerId)).toEqual([]);
    });

    it.each(ROLES.filter((role) => permissionsOf([role]).has('customer-pii:read')))('%s gets 400 naming reason without one, and the customer with one', async (role) => {
      const headers = await headersOf(role);
      for (const query of [`phone=${encodeURIComponent(PHONE)}`, `email=${EMAIL}`, `phone=${encodeURIComponent(PHONE)}&email=${EMAIL}`]) {
        const refused = await get(`/intake/customers?${query}`, headers);
        expect(refused.statusCode).toBe(400);
        expect(refused.json().errors).toEqual([{ field: 'reason', message: expect.stringMatching(/^reason is required to look customers up by (phone|email|phone and email): /) }]);
        expect((await get(`/intake/customers?${query}&reason=%20%20%20`, headers)).statusCode).toBe(400);
      }
      expect(await accessLog(customerId)).toEqual([]);
      expect(await found(`phone=${encodeURIComponent(PHONE)}&${REASON}`, headers)).toEqual([customerId]);
    });
  });

  it('answers the agent the customer masked, and records the look-up in the access register before answering', async () => {
    const before = (await accessLog(customerId)).length;
    const byPhone = await get(`/intake/customers?phone=${encodeURIComponent(PHONE)}&${REASON}`, agent);
    expect(byPhone.json()).toMatchObject({ total: 1, items: [{ customerId, contactPerson: '王**', phone: '+861******8000', email: 'w***@example.com' }] });
    const byEmail = await get(`/intake/customers?email=${encodeURIComponent('Wang@Example.com')}&${REASON}`, agent);
    expect(byEmail.json()).toMatchObject({ total: 1, items: [{ customerId }] });

    const recorded = (await accessLog(customerId)).slice(before);
    expect(recorded.map(({ type, data }) => ({ type, data }))).toEqual([
      {
        type: 'PersonalDataAccessed',
        data: { customerId, fields: ['phone'], reason: '來電客戶核對身份', record: { type: 'customer-lookup', id: customerId }, accessedBy: 'agent-li', accessedAt: '2026-12-04T03:00:00.000Z' },
      },
      expect.objectContaining({ data: expect.objectContaining({ fields: ['email'], record: { type: 'customer-lookup', id: customerId } }) }),
    ]);

    const nobody = await get(`/intake/customers?phone=${encodeURIComponent('+86 138 0013 9999')}&${REASON}`, agent);
    expect(nobody.json()).toMatchObject({ total: 0, items: [] });
    expect(await accessLog(customerId)).toHaveLength(before + 2);
  });

  it('finds a customer by any common written form of their number', async () => {
    for (const written of ['+8613800138000', '+86 138 0013 8000', '13800138000', '138 0013 8000', '138-0013-8000', '0086 138 0013 8000', '008613800138000']) {
      expect(await found(`phone=${encodeURIComponent(written)}&${REASON}`)).toEqual([customerId]);
    }
    expect(await found(`phone=${encodeURIComponent('+852 138 0013 8000')}&${REASON}`)).toEqual([]);
  });

  it('finds a customer whose mobile was recorded without +86 before, by any written form of it', async () => {
    for (const written of ['13800138001', '138 0013 8001', '+86 138 0013 8001', '0086 138 0013 8001']) {
      expect(await found(`phone=${encodeURIComponent(written)}&${REASON}`)).toEqual([recordedBefore]);
    }
  });

  it('records a new customer’s mobile given without +86 in international form, and finds it by its +86 form', async () => {
    const { id } = await ok('/intake/customers', { organisation: '東莞某某製造', contactPerson: '何先生', phone: '139 0013 9000', tier: 'standard' });
    const response = await get(`/intake/customers/${id}?${REASON}`, agent);
    expect(response.json()).toMatchObject({ phone: '+8613900139000' });
    const listed = await get(`/intake/customers?phone=${encodeURIComponent('+86 139 0013 9000')}&${REASON}`, agent);
    expect(listed.json().items.map((customer: { customerId: string }) => customer.customerId)).toEqual([id]);
  });
});
