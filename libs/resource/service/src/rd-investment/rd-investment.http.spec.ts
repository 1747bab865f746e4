import { MessageBus } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, pollUntil, publishedMessage, startTestApp } from '@serviceledger/platform/testing';
import { DEMAND_REGISTERED_V1, DEMAND_REGISTERED_V2, DEMAND_TRIAGED_V1, DemandRegisteredV2, DemandTriagedV1, INTAKE_SOURCE } from '@serviceledger/intake/contracts';
import { ResourceModule } from '../resource.module';
import { resourceService } from '../resource.service-definition';

/**
 * R&D investment over HTTP (R-1.3; 五(一)3 "根據公司業務發展需求,合理安排技術研發投入"): two departments' plans for 2026
 * whose lines name the business need they serve, spends against the lines, an over-budget spend refused until a
 * revision is approved, and the variance, every figure counted by hand (CNY):
 *
 *   software-development / remote-diagnostics
 *     agent  budget 1000 | 1000 | 500 | 500 = 3000   spent Q1 400 + 300.50, Q2 1200            = 1900.50   variance 1099.50
 *     lab    budget    0 | 2000 |   0 |   0 = 2000, revised Q3 +500 = 2500   spent Q2 1500, Q3 600 = 2100 variance  400
 *   tech-support / field-probe
 *     probe  budget  250 |  250 | 250 | 250 = 1000   spent Q1 99.99                           =   99.99   variance  900.01
 *
 * Each line is shown beside the demands intake registered behind its need (a category, a trend in one, a customer).
 */
describe('R&D investment over HTTP: plans, spends, revisions and variance', () => {
  let t: TestApp;
  let manager: RequestHeaders;
  let approver: RequestHeaders;
  let tsHead: RequestHeaders;
  let analyst: RequestHeaders;
  let remote: string;
  let probe: string;
  let checkpoint: string;

  const post = (url: string, payload: object, headers = manager) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = manager) => t.app.inject({ method: 'GET', url, headers });
  async function accepted(url: string, payload: object, headers = manager): Promise<string> {
    const response = await post(url, payload, headers);
    expect([200, 201]).toContain(response.statusCode);
    checkpoint = response.json().checkpoint;
    return response.json().id;
  }
  const spend = (planId: string, lineId: string, amount: number, spentOn: string) => post(`/resource/rd-investment/plans/${planId}/spends`, { lineId, amount, spentOn, description: `Invoice of ${spentOn}` });

  beforeAll(async () => {
    t = await startTestApp({ services: [resourceService], modules: [ResourceModule] });
    manager = await t.headersFor({ userId: 'rm-zhou', roles: ['resource-manager'], departments: ['administration'] });
    approver = await t.headersFor({ userId: 'cto-wu', roles: ['resource-manager'], departments: ['administration'] });
    tsHead = await t.headersFor({ userId: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] });
    analyst = await t.headersFor({ userId: 'an-he', roles: ['analyst'], departments: [] });

    remote = await accepted('/resource/rd-investment/plans', {
      year: 2026,
      departmentId: 'software-development',
      projectId: 'remote-diagnostics',
      projectName: 'Remote diagnostics',
      lines: [
        { lineId: 'agent', title: 'Diagnostics agent', need: { kind: 'demand-trend', reference: 'system-maintenance', note: 'System-maintenance demands are growing' }, budget: [1000, 1000, 500, 500] },
        { lineId: 'lab', title: 'Test lab', need: { kind: 'customer', reference: 'c-acme', note: 'ACME asks for diagnostics of its branch networks' }, budget: [0, 2000, 0, 0] },
      ],
    });
    probe = await accepted('/resource/rd-investment/plans', {
      year: 2026,
      departmentId: 'tech-support',
      projectId: 'field-probe',
      projectName: 'Field probe',
      lines: [{ lineId: 'probe', title: 'Probe prototype', need: { kind: 'business-category', reference: 'technical-support', note: 'Faster on-site fault finding' }, budget: [250, 250, 250, 250] }],
    });
  });
  afterAll(() => t.close());

  it('refuses a line that does not say which business need it serves, and a spend before approval', async () => {
    const unjustified = await post('/resource/rd-investment/plans', {
      year: 2026,
      departmentId: 'software-development',
      projectId: 'x',
      projectName: 'X',
      lines: [{ lineId: 'x', title: 'X', budget: [1, 1, 1, 1] }],
    });
    expect(unjustified.statusCode).toBe(400);
    expect((await spend(remote, 'agent', 10, '2026-01-15')).json()).toMatchObject({ status: 409, code: 'rd-plan-state' });
    expect((await spend(remote, 'agent', 0, '2026-01-15')).statusCode).toBe(400);
    expect((await spend(remote, 'agent', 10.001, '2026-01-15')).statusCode).toBe(400);
    expect((await post(`/resource/rd-investment/plans/${remote}/approval`, {})).json()).toMatchObject({ status: 409, code: 'approver-is-requester' });
    await accepted(`/resource/rd-investment/plans/${remote}/approval`, {}, approver);
    await accepted(`/resource/rd-investment/plans/${probe}/approval`, {}, approver);
  });

  it('refuses a spend that takes a line over its budget until a revision raising it is approved', async () => {
    for (const [planId, lineId, amount, spentOn] of [
      [remote, 'agent', 400, '2026-01-15'],
      [remote, 'agent', 300.5, '2026-03-31'],
      [remote, 'agent', 1200, '2026-04-01'],
      [remote, 'lab', 1500, '2026-05-10'],
      [probe, 'probe', 99.99, '2026-02-01'],
    ] as const) {
      const response = await spend(planId, lineId, amount, spentOn);
      expect(response.statusCode).toBe(201);
    }
    expect((await spend(remote, 'agent', 1, '2027-01-02')).json()).toMatchObject({ status: 409, code: 'spend-outside-year' });

    const over = await spend(remote, 'lab', 600, '2026-07-01');
    expect(over.json()).toMatchObject({ status: 409, code: 'line-over-budget' });
    const revision = await post(`/resource/rd-investment/plans/${remote}/revisions`, { lineId: 'lab', budget: [0, 2000, 500, 0], reason: 'A second test rig for the branch networks' });
    expect(revision.statusCode).toBe(201);
    expect((await spend(remote, 'lab', 600, '2026-07-01')).json()).toMatchObject({ status: 409, code: 'line-over-budget' });
    expect((await post(`/resource/rd-investment/plans/${remote}/revisions/1/approval`, {})).json()).toMatchObject({ status: 409, code: 'approver-is-requester' });
    await accepted(`/resource/rd-investment/plans/${remote}/revisions/1/approval`, {}, approver);
    const recorded = await spend(remote, 'lab', 600, '2026-07-01');
    expect(recorded.statusCode).toBe(201);
    checkpoint = recorded.json().checkpoint;

    const plan = (await get(`/resource/rd-investment/plans/${remote}?after=${checkpoint}`)).json();
    expect(plan).toMatchObject({ status: 'approved', approvedBy: 'cto-wu' });
    expect(plan.lines[1]).toMatchObject({ lineId: 'lab', budget: [0, 2000, 500, 0], spent: [0, 1500, 600, 0], spends: 2, need: { kind: 'customer', reference: 'c-acme' } });
    expect(plan.lines[1].pendingRevision).toBeUndefined();
  });

  it('reports the variance per line, department, quarter and year from every spend', async () => {
    const report = (await get(`/resource/rd-investment/variance?year=2026&after=${checkpoint}`)).json();
    const line = (lineId: string) => report.lines.find((l: { lineId: string }) => l.lineId === lineId);
    expect(line('agent')).toMatchObject({
      planId: remote,
      departmentId: 'software-development',
      projectId: 'remote-diagnostics',
      budget: 3000,
      spent: 1900.5,
      variance: 1099.5,
      spends: 3,
      quarters: [
        { quarter: 1, budget: 1000, spent: 700.5, variance: 299.5, spends: 2 },
        { quarter: 2, budget: 1000, spent: 1200, variance: -200, spends: 1 },
        { quarter: 3, budget: 500, spent: 0, variance: 500, spends: 0 },
        { quarter: 4, budget: 500, spent: 0, variance: 500, spends: 0 },
      ],
    });
    expect(line('lab')).toMatchObject({ budget: 2500, spent: 2100, variance: 400, spends: 2 });
    expect(line('lab').quarters.map((q: { variance: number }) => q.variance)).toEqual([0, 500, -100, 0]);
    expect(line('probe')).toMatchObject({ budget: 1000, spent: 99.99, variance: 900.01, spends: 1 });
    expect(report.departments).toEqual([
      {
        departmentId: 'software-development',
        budget: 5500,
        spent: 4000.5,
        variance: 1499.5,
        spends: 5,
        quarters: [
          { quarter: 1, budget: 1000, spent: 700.5, variance: 299.5, spends: 2 },
          { quarter: 2, budget: 3000, spent: 2700, variance: 300, spends: 2 },
          { quarter: 3, budget: 1000, spent: 600, variance: 400, spends: 1 },
          { quarter: 4, budget: 500, spent: 0, variance: 500, spends: 0 },
        ],
      },
      expect.objectContaining({ departmentId: 'tech-support', budget: 1000, spent: 99.99, variance: 900.01, spends: 1 }),
    ]);
    expect(report.quarters).toEqual([
      { quarter: 1, budget: 1250, spent: 800.49, variance: 449.51, spends: 3 },
      { quarter: 2, budget: 3250, spent: 2700, variance: 550, spends: 2 },
      { quarter: 3, budget: 1250, spent: 600, variance: 650, spends: 1 },
      { quarter: 4, budget: 750, spent: 0, variance: 750, spends: 0 },
    ]);
    expect(report.year).toEqual({ budget: 6500, spent: 4100.49, variance: 2399.51, spends: 6 });
  });

  it('shows each line beside the demands behind its business need, this year and last, from intake’s events', async () => {
    const bus = t.app.get<MessageBus>(MESSAGE_BUS);
    const registered = (demandId: string, customerId: string, registeredAt: string, businessCategory?: string) =>
      publishedMessage(
        DEMAND_REGISTERED_V2,
        { source: INTAKE_SOURCE, key: demandId },
        {
          demandId,
          reference: `SR-${registeredAt.slice(0, 4)}-00000${demandId.slice(-1)}`,
          customerId,
          customerTier: 'standard',
          channel: 'phone',
          kind: 'enquiry',
          ...(businessCategory ? { businessCategory } : {}),
          impact: 2,
          urgency: 2,
          priority: 'P3',
          registeredAt,
          occurredAt: registeredAt,
        } satisfies DemandRegisteredV2,
        registeredAt,
      );
    const triaged = (demandId: string, businessCategory: string, at: string) =>
      publishedMessage(
        DEMAND_TRIAGED_V1,
        { source: INTAKE_SOURCE, key: demandId },
        { demandId, complexity: 'routine', priority: 'P3', businessCategory, overridden: ['businessCategory'], decidedBy: 'agent-li', occurredAt: at } satisfies DemandTriagedV1,
        at,
      );
    // Q4 2025: one system-maintenance demand of ACME's (registered on 31 December in Shanghai, still 2025 there), published
    // as version 1 then.
    // Q1 2026: two more of ACME's, one registered under technical support and triaged to system maintenance,
    // one registered without a category; Q2 2026: one technical-support demand of another customer.
    const publishedBefore = registered('d-1', 'c-acme', '2025-12-31T15:59:00Z', 'system-maintenance');
    await bus.publish([{ ...publishedBefore, type: DEMAND_REGISTERED_V1.type, data: { ...publishedBefore.data, subject: 'Backups fail' } }]);
    await bus.publish([registered('d-2', 'c-acme', '2026-02-10T02:00:00Z', 'technical-support'), triaged('d-2', 'system-maintenance', '2026-02-10T03:00:00Z')]);
    await bus.publish([registered('d-3', 'c-acme', '2026-03-31T15:59:00Z'), triaged('d-3', 'system-maintenance', '2026-04-01T01:00:00Z')]);
    await bus.publish([registered('d-4', 'c-other', '2026-05-05T02:00:00Z', 'technical-support')]);

    const needs = await pollUntil(
      async () => (await get('/resource/rd-investment/variance?year=2026')).json().lines.map((l: { lineId: string; need: unknown }) => [l.lineId, l.need]),
      (lines: Array<[string, { demands: { year: number[] } }]>) => lines.find(([lineId]) => lineId === 'probe')?.[1].demands.year[1] === 1 && lines.find(([lineId]) => lineId === 'agent')?.[1].demands.year[0] === 2,
      'the demands to be counted',
    );
    expect(Object.fromEntries(needs)).toEqual({
      agent: { kind: 'demand-trend', reference: 'system-maintenance', demands: { year: [2, 0, 0, 0], previousYear: [0, 0, 0, 1] } },
      lab: { kind: 'customer', reference: 'c-acme', demands: { year: [2, 0, 0, 0], previousYear: [0, 0, 0, 1] } },
      probe: { kind: 'business-category', reference: 'technical-support', demands: { year: [0, 1, 0, 0], previousYear: [0, 0, 0, 0] } },
    });
  });

  it('scopes plans and the variance to a department head’s department; analysts see the company', async () => {
    const own = (await get('/resource/rd-investment/variance?year=2026', tsHead)).json();
    expect(own.lines.map((l: { lineId: string }) => l.lineId)).toEqual(['probe']);
    expect(own.year).toEqual({ budget: 1000, spent: 99.99, variance: 900.01, spends: 1 });
    expect((await get(`/resource/rd-investment/plans/${remote}`, tsHead)).statusCode).toBe(404);
    expect((await post(`/resource/rd-investment/plans/${probe}/spends`, { lineId: 'probe', amount: 1, spentOn: '2026-02-03', description: 'x' }, tsHead)).statusCode).toBe(403);
    const plans = (await get('/resource/rd-investment/plans?year=2026', analyst)).json();
    expect(plans.items.map((p: { projectId: string }) => p.projectId)).toEqual(['remote-diagnostics', 'field-probe']);
    expect((await get('/resource/rd-investment/variance?year=2026&department=software-development', analyst)).json().year).toMatchObject({ budget: 5500, spent: 4000.5 });
  });
});
