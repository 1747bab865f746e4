import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, TestApp, pollUntil, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { complainingContact, complainingCustomer, complaintInProgress, complaintMessage } from '../testing/complaint-in-progress';

const { name: NAME, phone: PHONE, email: EMAIL } = complainingContact;

/**
 * 「客戶資料嚴格保密，不得泄露」: every unmasked read of a customer's personal data is in a register the
 * data-protection officer (an administrator) queries by customer, by reader and by period, and exports as
 * CSV; a subject-access export gives one customer everything held about them, and is itself registered.
 */
describe('personal data access register over HTTP (R-3.1)', () => {
  const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
  let t: TestApp;
  const as: Record<string, RequestHeaders> = {};
  let acme: string;
  let beta: string;
  let demandId: string;

  const { get, ok } = readYourWrites(() => t.app, () => as.li);
  const reason = (text: string) => `reason=${encodeURIComponent(text)}`;
  const register = async (query = '') => (await get(`/intake/personal-data-accesses${query}`, as.dpo)).json();

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    as.li = await t.headersFor({ userId: 'agent-li', displayName: '李客服', roles: ['agent'], departments: ['customer-service'] });
    as.zhao = await t.headersFor({ userId: 'agent-zhao', displayName: '趙客服', roles: ['agent'], departments: ['customer-service'] });
    as.dpo = await t.headersFor({ userId: 'dpo-chen', displayName: '陳主任', roles: ['administrator'], departments: [] });
    as.analyst = await t.headersFor({ userId: 'analyst-he', roles: ['analyst'], departments: [] });

    acme = (await ok('/intake/customers', complainingCustomer)).id;
    beta = (await ok('/intake/customers', { organisation: '香港某某物流有限公司', contactPerson: '陳大文', phone: '+85291234567', tier: 'standard' })).id;
    demandId = await complaintInProgress(ok, acme);

    const read = async (url: string, headers: RequestHeaders, at: string) => {
      clock.set(at);
      expect((await get(url, headers)).statusCode).toBe(200);
    };
    await read(`/intake/customers/${acme}?${reason('回電確認故障')}`, as.li, '2026-12-04T03:00:00Z');
    await read(`/intake/demands/${demandId}?${reason('安排上門維修')}`, as.zhao, '2026-12-05T08:00:00Z');
    await read(`/intake/customers/${beta}?${reason('更新合同聯絡人')}`, as.li, '2026-12-06T02:00:00Z');
    // An unmasked read answers no checkpoint: the register is read once it has caught up.
    await pollUntil(() => register(), (page) => page.total === 3, 'the three accesses in the register');
  });
  afterAll(() => t.close());

  describe('the register', () => {
    it('answers who read which customer’s data, when, which record and fields, and why, oldest first', async () => {
      expect(await register()).toEqual({
        page: 1,
        pageSize: 50,
        total: 3,
        items: [
          {
            customerId: acme,
            position: 0,
            accessedAt: '2026-12-04T03:00:00.000Z',
            accessedBy: 'agent-li',
            accessedByName: '李客服',
            accessedByRoles: 'agent',
            recordType: 'customer',
            recordId: acme,
            fields: 'contactPerson,phone,email',
            reason: '回電確認故障',
          },
          expect.objectContaining({ customerId: acme, accessedBy: 'agent-zhao', accessedByName: '趙客服', recordType: 'demand', recordId: demandId, reason: '安排上門維修' }),
          expect.objectContaining({ customerId: beta, accessedBy: 'agent-li', recordType: 'customer', reason: '更新合同聯絡人' }),
        ],
      });
    });

    it('filters by customer, by reader and by period (from inclusive, to exclusive)', async () => {
      const reasons = async (query: string) => (await register(query)).items.map((entry: { reason: string }) => entry.reason);
      expect(await reasons(`?customer=${acme}`)).toEqual(['回電確認故障', '安排上門維修']);
      expect(await reasons('?accessedBy=agent-li')).toEqual(['回電確認故障', '更新合同聯絡人']);
      expect(await reasons('?from=2026-12-05T08:00:00Z&to=2026-12-06T02:00:00Z')).toEqual(['安排上門維修']);
      expect(await reasons(`?customer=${acme}&accessedBy=agent-li&from=2026-12-05T00:00:00Z`)).toEqual([]);
    });

    it('pages', async () => {
      const second = await register('?pageSize=2&page=2');
      expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
      expect(second.items.map((entry: { reason: string }) => entry.reason)).toEqual(['更新合同聯絡人']);
    });

    it('exports as CSV with the same filters, and holds no personal data', async () => {
      const response = await get(`/intake/personal-data-accesses.csv?customer=${acme}`, as.dpo);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="personal-data-accesses.csv"');
      const lines = response.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines).toEqual([
        'accessedAt,accessedBy,accessedByName,accessedByRoles,customerId,recordType,recordId,fields,reason,position',
        `2026-12-04T03:00:00.000Z,agent-li,李客服,agent,${acme},customer,${acme},"contactPerson,phone,email",回電確認故障,0`,
        `2026-12-05T08:00:00.000Z,agent-zhao,趙客服,agent,${acme},demand,${demandId},"contact.name,contact.phone,contact.email,timeline.from",安排上門維修,1`,
      ]);
      for (const personal of [NAME, '13800138000', EMAIL]) expect(response.body).not.toContain(personal);
    });

    it('is the data-protection duty: an agent and an analyst are refused it, 403', async () => {
      for (const who of ['li', 'analyst']) {
        for (const url of ['/intake/personal-data-accesses', '/intake/personal-data-accesses.csv']) {
          const response = await get(url, as[who]);
          expect(response.statusCode).toBe(403);
          expect(response.json().detail).toBe('Missing permission personal-data-register:read');
        }
      }
    });

    it('refuses a period that is not a date with 400 naming the field', async () => {
      const response = await get('/intake/personal-data-accesses?from=yesterday', as.dpo);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'from' })]);
    });
  });

  describe('the subject-access export', () => {
    const exportOf = (customerId: string, query: string) => get(`/intake/customers/${customerId}/subject-access-export${query}`, as.dpo);

    it('gives one customer everything held about them, unmasked, and registers itself with its reason', async () => {
      clock.set('2026-12-07T06:00:00Z');
      const response = await exportOf(acme, `?${reason('客戶依法要求查閱其個人資料')}`);
      expect(response.statusCode).toBe(200);
      const exported = response.json();
      expect(exported).toMatchObject({
        customerId: acme,
        exportedAt: '2026-12-07T06:00:00.000Z',
        exportedBy: 'dpo-chen',
        reason: '客戶依法要求查閱其個人資料',
        customer: { customerId: acme, organisation: '深圳某某科技有限公司', contactPerson: NAME, phone: PHONE, email: EMAIL, tier: 'gold' },
        demands: [
          {
            demandId,
            contactName: NAME,
            contactPhone: PHONE,
            contactEmail: EMAIL,
            subject: '打印機維修拖延',
            departments: ['tech-support'],
            timeline: expect.arrayContaining([expect.objectContaining({ details: expect.objectContaining({ from: EMAIL, body: complaintMessage }) })]),
          },
        ],
      });
      expect(exported.personalDataAccesses.map((entry: { reason: string }) => entry.reason)).toEqual(['回電確認故障', '安排上門維修', '客戶依法要求查閱其個人資料']);
      expect(exported.personalDataAccesses[2]).toMatchObject({ accessedBy: 'dpo-chen', accessedAt: '2026-12-07T06:00:00.000Z', recordType: 'subject-access-export', recordId: acme });
      expect(response.body).not.toContain('陳大文');

      const registered = await register(`?customer=${acme}&from=2026-12-07T00:00:00Z`);
      expect(registered.items).toEqual([
        expect.objectContaining({
          accessedBy: 'dpo-chen',
          accessedByName: '陳主任',
          recordType: 'subject-access-export',
          fields: 'contactPerson,phone,email,demands.contact.name,demands.contact.phone,demands.contact.email,demands.timeline.from',
          reason: '客戶依法要求查閱其個人資料',
        }),
      ]);
    });

    it('requires a reason, 400 naming it, and registers nothing', async () => {
      const before = (await register(`?customer=${beta}`)).total;
      for (const query of ['', `?reason=${encodeURIComponent('   ')}`]) {
        const response = await exportOf(beta, query);
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
      }
      expect((await register(`?customer=${beta}`)).total).toBe(before);
    });

    it('answers 404 for a customer who is not held', async () => {
      const response = await exportOf('00000000-0000-4000-8000-000000000000', `?${reason('客戶依法要求查閱')}`);
      expect(response.statusCode).toBe(404);
    });

    it('is refused to an agent, who may read personal data but not export it all, 403', async () => {
      const response = await get(`/intake/customers/${acme}/subject-access-export?${reason('想匯出全部')}`, as.li);
      expect(response.statusCode).toBe(403);
      expect(response.json().detail).toBe('Missing permission subject-access:export');
    });
  });
});
