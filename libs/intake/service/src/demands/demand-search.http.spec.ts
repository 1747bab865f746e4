import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, TestApp, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { phoneEnquiry } from '../testing/phone-enquiry';

interface Registered {
  id: string;
  reference: string;
}

/**
 * The search box of a service desk: `q` finds a demand by its reference (in any case, or its number alone) or by
 * words of its subject (in any case, wildcards as typed), within what the principal may see and with the list's
 * other filters, its pages and its export. Contact details are personal (R-3.1) and not searched.
 */
describe('demands found by reference or subject over HTTP (q)', () => {
  const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
  let t: TestApp;
  const as: Record<string, RequestHeaders> = {};
  let acme: string;
  let beta: string;
  /** Acme's, assigned to technical support. */
  let printer: Registered;
  /** Acme's, assigned to technical support: the subject holds wildcards. */
  let discount: Registered;
  /** Beta's, assigned to software development. */
  let portal: Registered;
  /** Acme's, registered only: its subject holds the number of `printer`'s reference. */
  let floor: Registered;

  const { get, ok } = readYourWrites(() => t.app, () => as.agent);
  const found = async (who: string, query: string): Promise<string[]> => {
    const response = await get(`/intake/demands?${query}`, as[who]);
    expect([query, response.statusCode]).toEqual([query, 200]);
    return response.json().items.map((demand: { demandId: string }) => demand.demandId).sort();
  };
  const ids = (...demands: Registered[]) => demands.map((demand) => demand.id).sort();
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  async function assigned(customerId: string, changes: object): Promise<Registered> {
    const demand: Registered = await ok('/intake/demands', phoneEnquiry(customerId, changes));
    await ok(`/intake/demands/${demand.id}/triage`);
    await ok(`/intake/demands/${demand.id}/assignment`);
    return demand;
  }

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    const principals: Record<string, Parameters<TestApp['headersFor']>[0]> = {
      agent: { userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] },
      techMember: { userId: 'ts-member', roles: ['department-member'], departments: ['tech-support'] },
      devHead: { userId: 'sd-lead', roles: ['department-head'], departments: ['software-development'] },
    };
    for (const [name, actor] of Object.entries(principals)) as[name] = await t.headersFor(actor);
    acme = (await ok('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' })).id;
    beta = (await ok('/intake/customers', { organisation: '香港某某物流有限公司', contactPerson: '陳大文', phone: '+852 9123 4567', tier: 'standard' })).id;
    as.acme = await t.headersFor({ userId: 'lin@acme', roles: ['customer'], customerId: acme });
    as.beta = await t.headersFor({ userId: 'wong@beta', roles: ['customer'], customerId: beta });

    printer = await assigned(acme, { subject: 'Network Printer 打印機無法連線' });
    discount = await assigned(acme, { subject: '發票折扣 50% 未生效 (code A_B)' });
    portal = await assigned(beta, { subject: '客戶門戶登入失敗', businessCategory: 'software-development', contact: { name: '陳大文', phone: '+852 9123 4567' } });
    floor = await ok('/intake/demands', phoneEnquiry(acme, { subject: `Room ${Number(printer.reference.slice(-6))} 冷氣故障` }));
  });
  afterAll(() => t.close());

  it('finds a demand by its reference, in any case and with or without the leading zeros, and by its number alone', async () => {
    expect(printer.reference).toMatch(/^SR-2026-\d{6}$/);
    expect(await found('agent', q(printer.reference))).toEqual(ids(printer));
    expect(await found('agent', q(` ${printer.reference.toLowerCase()} `))).toEqual(ids(printer));
    expect(await found('agent', q(`sr-2026-${Number(printer.reference.slice(-6))}`))).toEqual(ids(printer));
    // A reference finds that demand alone, not the subjects that hold its number; the number alone finds both.
    expect(await found('agent', q(String(Number(printer.reference.slice(-6)))))).toEqual(ids(printer, floor));
    expect(await found('agent', q('SR-2025-000001'))).toEqual([]);
  });

  it('finds demands by words of their subject, in any case, with % and _ taken as typed', async () => {
    expect(await found('agent', q('printer'))).toEqual(ids(printer));
    expect(await found('agent', q('NETWORK print'))).toEqual(ids(printer));
    expect(await found('agent', q('無法'))).toEqual(ids(printer));
    expect(await found('agent', q('50%'))).toEqual(ids(discount));
    expect(await found('agent', q('%'))).toEqual(ids(discount));
    expect(await found('agent', q('a_b'))).toEqual(ids(discount));
    expect(await found('agent', q('_'))).toEqual(ids(discount));
    expect(await found('agent', q('no such words'))).toEqual([]);
  });

  it('does not search contact details: they are personal, and looked up with a reason (R-3.1)', async () => {
    for (const contact of ['王小明', '陳大文', '+86 138 0013 8000', '8000']) expect(await found('agent', q(contact))).toEqual([]);
  });

  it("finds only what the principal may see: a department does not find another department's demand by its reference, nor a customer another's", async () => {
    expect(await found('techMember', q(printer.reference))).toEqual(ids(printer));
    expect(await found('techMember', q(portal.reference))).toEqual([]);
    expect(await found('techMember', q('登入'))).toEqual([]);
    expect(await found('devHead', q(portal.reference))).toEqual(ids(portal));
    expect(await found('devHead', q(printer.reference))).toEqual([]);
    expect(await found('devHead', q('printer'))).toEqual([]);

    expect(await found('acme', q(printer.reference))).toEqual(ids(printer));
    expect(await found('acme', q(portal.reference))).toEqual([]);
    expect(await found('beta', q(printer.reference))).toEqual([]);
    expect(await found('beta', q('門戶'))).toEqual(ids(portal));
  });

  it('goes with the other filters, the count and the pages of the list, and the queue of a department', async () => {
    expect(await found('agent', `${q('打印機')}&status=assigned`)).toEqual(ids(printer));
    expect(await found('agent', `${q('冷氣')}&status=assigned`)).toEqual([]);
    expect(await found('agent', `${q(portal.reference)}&customer=${acme}`)).toEqual([]);
    // 'Network Printer', 'code A_B' and 'Room …' hold an o: three pages of one, by cursor, as the list with a count has them.
    const all = (await get(`/intake/demands?${q('O')}&pageSize=200&count=exact`, as.agent)).json();
    expect(all.total).toBe(3);
    expect(all.items.map((demand: { demandId: string }) => demand.demandId).sort()).toEqual(ids(printer, discount, floor));
    const walked: string[] = [];
    let next: string | undefined;
    do {
      const page = (await get(`/intake/demands?${q('O')}&pageSize=1${next ? `&cursor=${next}` : ''}`, as.agent)).json();
      expect(page.items.length).toBeLessThanOrEqual(1);
      walked.push(...page.items.map((demand: { demandId: string }) => demand.demandId));
      next = page.next;
    } while (next);
    expect(walked).toEqual(all.items.map((demand: { demandId: string }) => demand.demandId));

    const queue = (await get(`/intake/departments/tech-support/queue?${q('printer')}`, as.techMember)).json();
    expect(queue.items.map((demand: { demandId: string }) => demand.demandId)).toEqual([printer.id]);
  });

  it('exports the demands it finds, and no other', async () => {
    const csv = await get(`/intake/demands.csv?${q('printer')}`, as.agent);
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = csv.body.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
    const column = header.split(',').indexOf('demandId');
    expect(rows.map((row) => row.split(',')[column])).toEqual([printer.id]);
  });

  it('refuses with 400 a q that is blank or longer than a search', async () => {
    for (const text of ['   ', 'x'.repeat(101)]) {
      const refused = await get(`/intake/demands?${q(text)}`, as.agent);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'q' })]);
    }
  });
});
