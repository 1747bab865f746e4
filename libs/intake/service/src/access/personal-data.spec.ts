import { EventEnvelope, EventStore, ManualClock } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { personalDataAccessStream } from '@serviceledger/intake/domain';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { complainingContact, complainingCustomer, complaintInProgress } from '../testing/complaint-in-progress';

const { name: NAME, phone: PHONE, email: EMAIL } = complainingContact;
const MASKED_CONTACT = { contactName: '王**', contactPhone: '+861******8000', contactEmail: 'w***@example.com' };
const MASKED_CUSTOMER = { contactPerson: '王**', phone: '+861******8000', email: 'w***@example.com' };

/**
 * R-3.1 (issue 7 §5): personal fields are masked in every response unless the principal holds
 * `customer-pii:read` and states a `reason`; each unmasked read appends one PersonalDataAccessed event
 * saying who read whose data, when, which fields and why.
 */
describe('personal data over HTTP (R-3.1)', () => {
  const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
  let t: TestApp;
  const as: Record<string, RequestHeaders> = {};
  let customerId: string;
  let demandId: string;

  const { get, ok } = readYourWrites(() => t.app, () => as.agent);
  /** The access log of the customer, as the event store holds it. */
  async function accessLog(): Promise<EventEnvelope[]> {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const stream = personalDataAccessStream(customerId);
    return (await store.streamExists(stream)) ? store.readStream(stream) : [];
  }
  const reason = (text: string) => `reason=${encodeURIComponent(text)}`;

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    const principals: Record<string, Parameters<TestApp['tokenFor']>[0]> = {
      agent: { userId: 'agent-li', displayName: '李客服', roles: ['agent'], departments: ['customer-service'] },
      analyst: { userId: 'analyst-he', roles: ['analyst'], departments: [] },
      qualityMonitor: { userId: 'qm-sun', roles: ['quality-monitor'], departments: [] },
      techMember: { userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] },
    };
    for (const [name, actor] of Object.entries(principals)) as[name] = await t.headersFor(actor);

    customerId = (await ok('/intake/customers', complainingCustomer)).id;
    as.customer = await t.headersFor({ userId: 'portal-wang', roles: ['customer'], customerId });
    demandId = await complaintInProgress(ok, customerId);
  });
  afterAll(() => t.close());

  describe('lists', () => {
    it.each(['agent', 'analyst', 'qualityMonitor', 'techMember', 'customer'])('mask the contact for %s, in every list and the export', async (who) => {
      const listed = (await get('/intake/demands', as[who])).json().items;
      expect(listed).toEqual([expect.objectContaining({ demandId, ...MASKED_CONTACT })]);
      const ofCustomer = (await get(`/intake/customers/${customerId}/demands`, as[who])).json().items;
      expect(ofCustomer).toEqual([expect.objectContaining(MASKED_CONTACT)]);
      const queue = (await get('/intake/departments/tech-support/queue', as[who])).json().items;
      expect(queue).toEqual([expect.objectContaining(MASKED_CONTACT)]);

      const csv = (await get('/intake/demands.csv', as[who])).body;
      expect(csv).toContain(demandId);
      for (const value of Object.values(MASKED_CONTACT)) expect(csv).toContain(value);
      for (const value of [NAME, '13800138000', EMAIL]) expect(csv).not.toContain(value);
    });

    it('mask the overdue complaints', async () => {
      clock.advance(3 * 24 * 60 * 60 * 1000);
      const overdue = (await get('/intake/complaints/overdue', as.agent)).json();
      expect(overdue).toEqual([expect.objectContaining({ demandId, ...MASKED_CONTACT })]);
    });

    it('mask the customers, even for an agent', async () => {
      const listed = (await get('/intake/customers', as.agent)).json().items;
      expect(listed).toEqual([expect.objectContaining({ customerId, ...MASKED_CUSTOMER })]);
      expect((await get('/intake/customers', as.analyst)).json().items).toEqual([expect.objectContaining(MASKED_CUSTOMER)]);
    });

    it('record no personal-data access', async () => {
      expect(await accessLog()).toEqual([]);
    });
  });

  describe('the demand detail', () => {
    it('is masked for an agent who gives no reason, and records nothing', async () => {
      const detail = await get(`/intake/demands/${demandId}`, as.agent);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject(MASKED_CONTACT);
      expect(fromOfMessage(detail.json())).toBe('w***@example.com');
      expect(detail.body).not.toContain(EMAIL);
      expect(await accessLog()).toEqual([]);
    });

    it('is unmasked for an agent who gives a reason, and records exactly one access: who, when, which fields, why', async () => {
      clock.set('2026-12-08T09:30:00Z');
      const why = '回電確認上門維修時間';
      const detail = await get(`/intake/demands/${demandId}?${reason(why)}`, as.agent);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ contactName: NAME, contactPhone: PHONE, contactEmail: EMAIL });
      expect(fromOfMessage(detail.json())).toBe(EMAIL);

      const log = await accessLog();
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        type: 'PersonalDataAccessed',
        stream: `intake.personal-data-access-${customerId}`,
        occurredAt: '2026-12-08T09:30:00.000Z',
        data: {
          customerId,
          record: { type: 'demand', id: demandId },
          fields: ['contact.name', 'contact.phone', 'contact.email', 'timeline.from'],
          reason: why,
          accessedBy: 'agent-li',
          accessedAt: '2026-12-08T09:30:00.000Z',
        },
        metadata: { actor: { userId: 'agent-li', displayName: '李客服', roles: ['agent'], departments: ['customer-service'] } },
      });
    });

    it('records every unmasked read, one event each', async () => {
      const before = (await accessLog()).length;
      await get(`/intake/demands/${demandId}?${reason('再次核對電話')}`, as.agent);
      await get(`/intake/demands/${demandId}?${reason('寄送維修報告')}`, as.agent);
      const log = await accessLog();
      expect(log).toHaveLength(before + 2);
      expect(log.slice(before).map((e) => (e.data as { reason: string }).reason)).toEqual(['再次核對電話', '寄送維修報告']);
    });

    it.each(['analyst', 'qualityMonitor', 'techMember', 'customer'])('stays masked for %s, who lacks customer-pii:read, even with a reason, and records nothing', async (who) => {
      const before = (await accessLog()).length;
      const detail = await get(`/intake/demands/${demandId}?${reason('想看看聯絡方式')}`, as[who]);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject(MASKED_CONTACT);
      expect(detail.body).not.toContain(EMAIL);
      expect(detail.body).not.toContain('13800138000');
      expect(await accessLog()).toHaveLength(before);
    });

    it('refuses a blank reason with 400 and records nothing', async () => {
      const before = (await accessLog()).length;
      const response = await get(`/intake/demands/${demandId}?reason=${encodeURIComponent('   ')}`, as.agent);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toContainEqual({ field: 'reason', message: 'reason must not be blank' });
      expect(await accessLog()).toHaveLength(before);
    });
  });

  describe('the customer detail', () => {
    it('is masked for an agent who gives no reason, and records nothing', async () => {
      const before = (await accessLog()).length;
      const detail = await get(`/intake/customers/${customerId}`, as.agent);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ customerId, organisation: '深圳某某科技有限公司', ...MASKED_CUSTOMER });
      expect(await accessLog()).toHaveLength(before);
    });

    it('is unmasked for an agent who gives a reason, and records exactly one access', async () => {
      clock.set('2026-12-09T01:15:00Z');
      const before = (await accessLog()).length;
      const why = '更新合同聯絡人';
      const detail = await get(`/intake/customers/${customerId}?${reason(why)}`, as.agent);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ contactPerson: NAME, phone: PHONE, email: EMAIL });

      const log = await accessLog();
      expect(log).toHaveLength(before + 1);
      expect(log[before]).toMatchObject({
        type: 'PersonalDataAccessed',
        occurredAt: '2026-12-09T01:15:00.000Z',
        data: {
          customerId,
          record: { type: 'customer', id: customerId },
          fields: ['contactPerson', 'phone', 'email'],
          reason: why,
          accessedBy: 'agent-li',
          accessedAt: '2026-12-09T01:15:00.000Z',
        },
        metadata: { actor: { userId: 'agent-li', roles: ['agent'] } },
      });
    });

    it.each(['analyst', 'qualityMonitor', 'techMember'])('stays masked for %s, even with a reason, and records nothing', async (who) => {
      const before = (await accessLog()).length;
      const detail = await get(`/intake/customers/${customerId}?${reason('想看看聯絡方式')}`, as[who]);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject(MASKED_CUSTOMER);
      expect(await accessLog()).toHaveLength(before);
    });

    it('refuses a blank reason with 400 and records nothing', async () => {
      const before = (await accessLog()).length;
      const response = await get(`/intake/customers/${customerId}?reason=${encodeURIComponent('   ')}`, as.agent);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toContainEqual({ field: 'reason', message: 'reason must not be blank' });
      expect(await accessLog()).toHaveLength(before);
    });
  });
});

/** Who the customer's message came from, as the demand's timeline shows it. */
function fromOfMessage(detail: { timeline: Array<{ entry: string; details: { from?: string } }> }): string | undefined {
  return detail.timeline.find((e) => e.entry === 'CustomerMessageReceived')?.details.from;
}
