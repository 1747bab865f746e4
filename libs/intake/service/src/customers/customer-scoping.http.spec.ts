import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, TestApp, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';

/**
 * 「客戶資料嚴格保密」, need to know: staff of a department see the customers whose demands involve
 * their department; customer service, which registers and serves every customer, and cross-department
 * roles see every customer; a customer of another department is absent from the list and 404 in detail,
 * so its existence does not leak.
 */
describe('customer list scoped by department over HTTP (R-3.1)', () => {
  const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
  let t: TestApp;
  const as: Record<string, RequestHeaders> = {};
  /** Has a demand assigned to technical support. */
  let acme: string;
  /** Has a demand assigned to software development. */
  let beta: string;
  /** Registered, with no demand yet. */
  let gamma: string;

  const { get, ok } = readYourWrites(() => t.app, () => as.agent);
  const listed = async (who: string, query = ''): Promise<string[]> => {
    const response = await get(`/intake/customers${query}`, as[who]);
    expect(response.statusCode).toBe(200);
    return response.json().items.map((customer: { customerId: string }) => customer.customerId).sort();
  };
  const sorted = (ids: string[]) => [...ids].sort();

  async function customerWithDemand(organisation: string, phone: string, businessCategory: string): Promise<string> {
    const customerId = (await ok('/intake/customers', { organisation, contactPerson: '陳大文', phone, tier: 'standard' })).id;
    const demandId = (
      await ok('/intake/demands', {
        customerId,
        contact: { name: '陳大文', phone },
        channel: 'phone',
        kind: 'enquiry',
        subject: '伺服器備份失敗',
        description: '昨晚的備份作業沒有完成。',
        businessCategory,
        impact: 2,
        urgency: 2,
      })
    ).id;
    await ok(`/intake/demands/${demandId}/triage`);
    await ok(`/intake/demands/${demandId}/assignment`);
    return customerId;
  }

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    const principals: Record<string, Parameters<TestApp['headersFor']>[0]> = {
      agent: { userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] },
      administrator: { userId: 'admin-wu', roles: ['administrator'], departments: [] },
      customerService: { userId: 'cs-lead', roles: ['department-member'], departments: ['customer-service'] },
      techMember: { userId: 'ts-member', roles: ['department-member'], departments: ['tech-support'] },
      devHead: { userId: 'sd-lead', roles: ['department-head'], departments: ['software-development'] },
      maintenance: { userId: 'sm-member', roles: ['department-member'], departments: ['system-maintenance'] },
    };
    for (const [name, actor] of Object.entries(principals)) as[name] = await t.headersFor(actor);

    acme = await customerWithDemand('深圳某某科技有限公司', '+85291234567', 'technical-support');
    beta = await customerWithDemand('香港某某物流有限公司', '+85298765432', 'software-development');
    gamma = (await ok('/intake/customers', { organisation: '澳門某某酒店', contactPerson: '何先生', phone: '+85361234567', tier: 'gold' })).id;
  });
  afterAll(() => t.close());

  it.each(['agent', 'administrator', 'customerService'])('%s sees every customer, those without demands included', async (who) => {
    expect(await listed(who)).toEqual(sorted([acme, beta, gamma]));
  });

  it('a department sees the customers its demands are for, and no other', async () => {
    expect(await listed('techMember')).toEqual([acme]);
    expect(await listed('devHead')).toEqual([beta]);
    expect(await listed('maintenance')).toEqual([]);
  });

  it('a department’s staff may not look a customer up by phone, of their department or another (customer-lookup.http.spec.ts)', async () => {
    for (const who of ['techMember', 'devHead']) {
      const response = await get('/intake/customers?phone=%2B85298765432', as[who]);
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain(beta);
    }
    expect(await listed('agent', `?phone=%2B85298765432&reason=${encodeURIComponent('回電客戶')}`)).toEqual([beta]);
  });

  it('the detail of a customer of another department is 404, its own customer’s is shown masked', async () => {
    const other = await get(`/intake/customers/${beta}`, as.techMember);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('香港某某物流有限公司');
    const own = await get(`/intake/customers/${acme}`, as.techMember);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ customerId: acme, contactPerson: '陳**' });
  });

  it('a customer comes into a department’s sight when one of their demands is assigned to it', async () => {
    const demandId = (
      await ok('/intake/demands', {
        customerId: gamma,
        contact: { name: '何先生', phone: '+85361234567' },
        channel: 'phone',
        kind: 'enquiry',
        subject: '客房網絡中斷',
        description: '三樓客房無法上網。',
        businessCategory: 'system-maintenance',
        impact: 2,
        urgency: 2,
      })
    ).id;
    expect(await listed('maintenance')).toEqual([]);
    await ok(`/intake/demands/${demandId}/triage`);
    await ok(`/intake/demands/${demandId}/assignment`);
    expect(await listed('maintenance')).toEqual([gamma]);
  });

  it('a look-up by part of the organisation’s name ignores case, takes % and _ as typed, and keeps the department’s scope', async () => {
    const widgets = (await ok('/intake/customers', { organisation: 'ACME 100% Widgets', contactPerson: 'Jo Lee', email: 'jo@acme.example', tier: 'standard' })).id;
    expect(await listed('agent', `?organisation=${encodeURIComponent('acme 100')}`)).toEqual([widgets]);
    expect(await listed('agent', '?organisation=%25')).toEqual([widgets]);
    expect(await listed('agent', '?organisation=_')).toEqual([]);
    expect(await listed('agent', `?organisation=${encodeURIComponent('某某')}`)).toEqual(sorted([acme, beta, gamma]));
    expect(await listed('techMember', `?organisation=${encodeURIComponent('某某')}`)).toEqual([acme]);
    expect((await get('/intake/customers?organisation=acme&pageSize=201', as.agent)).statusCode).toBe(400);
  });
});
