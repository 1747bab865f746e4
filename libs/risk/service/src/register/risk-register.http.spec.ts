import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually, startTestApp } from '@serviceledger/platform/testing';
import { RESPONSE_OVERDUE_V1, REVIEW_OVERDUE_V1, RISK_ASSESSED_V1, RISK_REGISTER_TOPIC } from '@serviceledger/risk/contracts';
import { RiskModule } from '../risk.module';
import { riskService } from '../risk.service-definition';

/**
 * The register end to end (K-1.1, K-1.2, K-2.1, K-3.1): over HTTP, with the scheduler firing rounds, reviews
 * and response actions as the clock moves, and the register's public events as published.
 */
describe('the risk register over HTTP', () => {
  const clock = new ManualClock(new Date('2026-10-10T02:00:00.000Z'));
  const published: IntegrationMessage[] = [];
  let t: TestApp;
  let officer: RequestHeaders;
  let head: RequestHeaders;
  let admin: RequestHeaders;
  let member: RequestHeaders;

  beforeAll(async () => {
    t = await startTestApp({ services: [riskService], modules: [RiskModule], clock });
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'risk-register-spec', topics: [RISK_REGISTER_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
    officer = await t.headersFor({ userId: 'officer-li', roles: ['risk-officer'], departments: ['risk-office'] });
    head = await t.headersFor({ userId: 'head-chen', roles: ['department-head'], departments: ['operations'] });
    admin = await t.headersFor({ userId: 'admin-xu', roles: ['administrator'] });
    member = await t.headersFor({ userId: 'dev-sun', roles: ['department-member'], departments: ['development'] });
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: object, headers = officer) => t.app.inject({ method, url, payload, headers });
  const get = (url: string, headers = officer) => t.app.inject({ method: 'GET', url, headers });
  const ok = async (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: object, headers = officer) => {
    const response = await send(method, url, payload, headers);
    expect([response.statusCode, response.json()]).toEqual([expect.any(Number), expect.objectContaining({ id: expect.any(String) })]);
    expect(response.statusCode).toBeLessThan(300);
    return response.json() as { id: string; checkpoint: string };
  };
  const identify = (title: string, category: string, departmentId = 'operations') =>
    ok('POST', '/risk/risks', { title, category, ownerId: 'ops-wang', departmentId, causes: ['No replica'], consequences: ['Outage'], links: [{ kind: 'equipment', id: 'db-01' }] });
  const assess = (riskId: string, likelihood: number, impact: number, controllable = true) => ok('POST', `/risk/risks/${riskId}/assessments`, { likelihood, impact, controllable });
  const register = async (query = '', headers = officer) => (await get(`/risk/risks?pageSize=200${query}`, headers)).json();
  const heatMap = async (query = '') => (await get(`/risk/heat-map${query}`)).json();

  let database: string;
  let contract: string;
  let staff: string;
  let cacheRisk: string;
  let renewal: string;

  it('opens an identification round per category at start-up, by the quarterly default', async () => {
    await eventually(async () => {
      const rounds = (await get('/risk/rounds?status=open')).json();
      expect(rounds.items.map((r: { roundId: string }) => r.roundId).sort()).toEqual(
        ['customer', 'legal', 'market', 'personnel', 'technical'].map((category) => `${category}-2026-10-01`),
      );
    });
    expect((await get('/risk/rounds/market-2026-10-01')).json()).toMatchObject({ status: 'open', overdue: false, dueOn: '2027-01-01', dueAt: '2026-12-31T16:00:00.000Z' });
    expect((await get('/risk/cadences')).json()).toEqual({
      identification: { market: 'quarterly', technical: 'quarterly', personnel: 'quarterly', customer: 'quarterly', legal: 'quarterly' },
      review: { high: 'monthly', medium: 'quarterly', low: 'yearly' },
    });
  });

  it('accepting a high risk answers 409 naming the rule; with an exception a manager approved it is accepted', async () => {
    database = (await identify('Single database server', 'technical')).id;
    await assess(database, 5, 4);

    const refused = await send('POST', `/risk/risks/${database}/responses`, { strategy: 'accept', description: 'Live with it', actions: [] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'response-rule', detail: expect.stringContaining('Rule "accept-only-low-risks" (response rules v1)') });

    expect((await send('POST', `/risk/risks/${database}/exceptions`, { strategy: 'accept', reason: 'Mine' })).statusCode).toBe(403);
    await ok('POST', `/risk/risks/${database}/exceptions`, { strategy: 'accept', reason: 'A cluster is ordered for November' }, head);
    const accepted = await ok('POST', `/risk/risks/${database}/responses`, { strategy: 'accept', description: 'Live with it until the cluster', actions: [] });

    const risk = (await get(`/risk/risks/${database}?after=${accepted.checkpoint}`)).json();
    expect(risk).toMatchObject({ state: 'monitoring', exceptions: [{ strategy: 'accept', rule: 'accept-only-low-risks', approvedBy: 'head-chen', reason: 'A cluster is ordered for November' }] });
    expect(risk.responses).toEqual([expect.objectContaining({ strategy: 'accept', status: 'in-force', exceptionId: risk.exceptions[0].exceptionId, appliesTo: { assessmentNumber: 1, level: 'high', band: 'high', warnings: 0 } })]);
    await eventually(async () => {
      expect(published.filter((m) => m.type === RISK_ASSESSED_V1.type && m.key === database).map((m) => m.data)).toEqual([expect.objectContaining({ level: 'high', band: 'high', ownerId: 'ops-wang' })]);
    });
  });

  it('refuses bad input with a problem detail and appends nothing', async () => {
    const before = (await register()).total;
    const bad = await send('POST', '/risk/risks', { title: 'Flood', category: 'weather', ownerId: 'x', departmentId: 'operations', causes: [], consequences: [], links: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await send('POST', `/risk/risks/${database}/assessments`, { likelihood: 0, impact: 2, controllable: true })).statusCode).toBe(400);
    expect((await send('POST', `/risk/risks/${database}/assessments`, { likelihood: 6, impact: 2, controllable: true })).json()).toMatchObject({ code: 'off-the-scale' });
    expect((await register()).total).toBe(before);
    expect((await get('/risk/risks', member)).statusCode).toBe(403);
  });

  it('identifies one risk for a request retried with its Idempotency-Key', async () => {
    const before = (await register()).total;
    const payload = { title: 'Exchange-rate swings', category: 'market', ownerId: 'fin-gao', departmentId: 'finance', causes: [], consequences: ['Margins shrink'], links: [] };
    const headers = { ...officer, 'idempotency-key': 'identify-exchange-rate-risk' };
    const [first, again] = [await send('POST', '/risk/risks', payload, headers), await send('POST', '/risk/risks', payload, headers)];
    expect(again.json().id).toBe(first.json().id);
    expect((await register(`&after=${first.json().checkpoint}`)).total).toBe(before + 1);
    await ok('POST', `/risk/risks/${first.json().id}/closure`, { reason: 'Hedged by contract' });
  });

  it('keeps every reassessment; the heat map as of last month differs from today\'s', async () => {
    contract = (await identify('Contract without a liability cap', 'legal', 'legal')).id;
    const low = await assess(contract, 2, 2);
    expect((await heatMap(`?after=${low.checkpoint}`)).matrices).toEqual([
      {
        matrixVersion: 1,
        cells: [
          { likelihood: 5, impact: 4, level: 'high', band: 'high', count: 1, riskIds: [database] },
          { likelihood: 2, impact: 2, level: 'low', band: 'low', count: 1, riskIds: [contract] },
        ],
      },
    ]);

    clock.set('2026-11-15T02:00:00.000Z');
    const raised = await assess(contract, 4, 5);
    const today = await heatMap(`?after=${raised.checkpoint}`);
    const lastMonth = await heatMap('?asOf=2026-10-15T00:00:00%2B08:00');
    expect(today).toMatchObject({ asOf: '2026-11-15T02:00:00.000Z', total: 2 });
    expect(today.matrices[0].cells).toEqual([
      expect.objectContaining({ likelihood: 5, impact: 4, count: 1 }),
      expect.objectContaining({ likelihood: 4, impact: 5, level: 'high', count: 1, riskIds: [contract] }),
    ]);
    expect(lastMonth.asOf).toBe('2026-10-14T16:00:00.000Z');
    expect(lastMonth.matrices[0].cells).toContainEqual(expect.objectContaining({ likelihood: 2, impact: 2, count: 1, riskIds: [contract] }));
    expect(lastMonth).not.toEqual(today);
    expect((await heatMap('?asOf=2026-09-01T00:00:00Z')).total).toBe(0);

    const history = (await get(`/risk/risks/${contract}/history`)).json();
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(['identified', 'assessed', 'assessed']);
    expect(history[2].detail).toMatchObject({ assessmentNumber: 2, level: 'high', matrixVersion: 1 });
  });

  it('sends an acceptance back for re-approval when a reassessment raises its level', async () => {
    staff = (await identify('Key engineer may leave', 'personnel', 'development')).id;
    await assess(staff, 1, 2);
    await ok('POST', `/risk/risks/${staff}/responses`, { strategy: 'accept', description: 'Watch closely', actions: [], expiresOn: '2027-06-30T00:00:00+08:00' });
    const raised = await assess(staff, 3, 3);
    expect((await get(`/risk/risks/${staff}?after=${raised.checkpoint}`)).json().responses[0]).toMatchObject({ status: 'awaiting-reapproval', reapprovalReason: expect.stringContaining('Reassessed medium') });
    expect((await send('POST', `/risk/risks/${staff}/reapproval`, { reason: 'Still fine' })).json()).toMatchObject({ code: 'response-rule' });
    const listed = await register(`&state=monitoring&category=personnel`);
    expect(listed.items).toEqual([expect.objectContaining({ riskId: staff, level: 'medium', strategy: 'accept', responseStatus: 'awaiting-reapproval' })]);
  });

  it('publishes an overdue response action when the scheduler finds it undone at its due time', async () => {
    renewal = (await identify('Key customer may not renew', 'customer', 'sales')).id;
    await assess(renewal, 1, 1);
    await ok('POST', `/risk/risks/${renewal}/responses`, { strategy: 'accept', description: 'Prepared: a renewal offer is drafted', actions: [], expiresOn: '2026-12-01T00:00:00+08:00' });
    await ok('POST', `/risk/risks/${contract}/responses`, {
      strategy: 'transfer',
      description: 'Insure the liability and renegotiate',
      actions: [
        { description: 'Buy liability insurance', ownerId: 'legal-he', dueAt: '2026-11-20T18:00:00+08:00' },
        { description: 'Renegotiate the cap', ownerId: 'legal-ma', dueAt: '2026-11-25T18:00:00+08:00' },
      ],
    });
    const done = await ok('POST', `/risk/risks/${contract}/responses/1/actions/1/completion`, { outcome: 'Policy signed' });
    expect((await get(`/risk/risks/${contract}?after=${done.checkpoint}`)).json()).toMatchObject({ state: 'responding' });

    clock.set('2026-11-26T02:00:00.000Z');
    await eventually(async () => {
      expect(published.filter((m) => m.type === RESPONSE_OVERDUE_V1.type).map((m) => m.data)).toEqual([
        { riskId: contract, departmentId: 'legal', responseNumber: 1, actionNumber: 2, strategy: 'transfer', ownerId: 'legal-ma', dueAt: '2026-11-25T10:00:00.000Z', occurredAt: '2026-11-25T10:00:00.000Z' },
      ]);
    });
  });

  it('makes overdue reviews visible by level\'s cadence and publishes them; a review records the reassessment', async () => {
    // The database risk (high, assessed 10 October) was due for its monthly review on 10 November.
    await eventually(async () => {
      expect((await get('/risk/reviews/overdue')).json().map((r: { riskId: string }) => r.riskId)).toEqual([database]);
      expect(published.filter((m) => m.type === REVIEW_OVERDUE_V1.type).map((m) => m.key)).toEqual([database]);
    });
    expect((await get('/risk/reviews/overdue', member)).statusCode).toBe(403);

    const reviewed = await ok('POST', `/risk/risks/${database}/reviews`, { likelihood: 2, impact: 4, controllable: true, responseEffective: true, notes: 'Cluster running since 20 November' });
    const risk = (await get(`/risk/risks/${database}?after=${reviewed.checkpoint}`)).json();
    expect(risk).toMatchObject({ reviewOverdue: false, nextReviewDue: '2027-02-26T02:00:00.000Z', reviews: [{ reviewNumber: 1, assessmentNumber: 2, responseEffective: true, late: true }] });
    expect(risk.assessments.map((a: { level: string }) => a.level)).toEqual(['high', 'medium']);
    expect((await get('/risk/reviews/overdue')).json()).toEqual([]);
  });

  it('closes a round with what is new, changed and retired since the last, shows the rounds left open as overdue, and opens the next by each category\'s cadence', async () => {
    const first = await send('POST', '/risk/rounds/technical-2026-10-01/closure', { findings: 'Single database server', nothingNew: false });
    expect(first.statusCode).toBe(200);
    expect(first.json().round).toMatchObject({ status: 'closed', late: false, changes: { newRiskIds: [database], changedRiskIds: [], retiredRiskIds: [] } });
    expect((await get(`/risk/rounds/technical-2026-10-01?after=${first.json().checkpoint}`)).json()).toMatchObject({ status: 'closed', findings: 'Single database server' });

    await ok('PUT', '/risk/cadences', { identification: { legal: 'half-yearly' } });
    clock.set('2027-01-02T02:00:00.000Z');
    await eventually(async () => {
      expect((await get('/risk/rounds?overdue=true')).json().items.map((r: { roundId: string }) => r.roundId).sort()).toEqual(
        ['customer', 'legal', 'market', 'personnel'].map((category) => `${category}-2026-10-01`),
      );
      expect((await get('/risk/rounds/technical-2027-01-01')).statusCode).toBe(200);
    });
    expect((await get('/risk/rounds/market-2026-10-01')).json()).toMatchObject({ status: 'open', overdue: true });
    await eventually(async () => {
      expect((await get('/risk/rounds/legal-2027-01-01')).json()).toMatchObject({ status: 'open', cadence: 'half-yearly', dueOn: '2027-07-01' });
      expect((await get('/risk/rounds/market-2027-01-01')).json()).toMatchObject({ status: 'open', cadence: 'quarterly', dueOn: '2027-04-01' });
    });
    expect((await get(`/risk/risks/${renewal}`)).json().responses[0]).toMatchObject({ strategy: 'accept', status: 'awaiting-reapproval', reapprovalReason: 'The acceptance expired on 2026-11-30T16:00:00.000Z' });

    cacheRisk = (await identify('Cache without eviction', 'technical')).id;
    const closed = await ok('POST', `/risk/risks/${database}/closure`, { reason: 'Cluster replaced the server' });
    await get(`/risk/risks/${database}?after=${closed.checkpoint}`);
    const second = await send('POST', '/risk/rounds/technical-2027-01-01/closure', { nothingNew: true });
    expect(second.json().round).toMatchObject({ findings: 'Nothing new', nothingNew: true, changes: { since: first.json().round.closedAt, newRiskIds: [cacheRisk], changedRiskIds: [], retiredRiskIds: [database] } });
    expect((await send('POST', '/risk/rounds/technical-2027-01-01/closure', { findings: 'again', nothingNew: false })).json()).toMatchObject({ code: 'round-closed' });
    expect((await send('POST', '/risk/rounds/technical-2027-04-01/closure', { findings: 'x', nothingNew: false })).statusCode).toBe(404);
  });

  it('takes an organisation\'s own 4 × 4 scale as a new matrix version; earlier assessments keep theirs', async () => {
    const cells = [1, 2, 3, 4].map((l) => [1, 2, 3, 4].map((i) => (l * i <= 3 ? '綠' : l * i <= 8 ? '黃' : '紅')));
    await ok('POST', '/risk/matrix', { likelihoodSteps: 4, impactSteps: 4, levels: [{ label: '綠', band: 'low' }, { label: '黃', band: 'medium' }, { label: '紅', band: 'high' }], cells });
    expect((await get('/risk/matrix')).json().map((m: { version: number }) => m.version)).toEqual([1, 2]);
    await ok('PUT', '/risk/cadences', { review: { high: 'quarterly' } });
    expect((await send('PUT', '/risk/cadences', { review: { high: 'weekly' } })).statusCode).toBe(400);
    const reassessed = await assess(staff, 3, 4);
    const risk = (await get(`/risk/risks/${staff}?after=${reassessed.checkpoint}`)).json();
    expect(risk.nextReviewDue).toBe('2027-04-02T02:00:00.000Z');
    expect(risk.assessments.map((a: { level: string; matrixVersion: number }) => [a.level, a.matrixVersion])).toEqual([['low', 1], ['medium', 1], ['紅', 2]]);
    expect((await heatMap()).matrices.map((m: { matrixVersion: number }) => m.matrixVersion)).toEqual([1, 2]);
    expect((await send('POST', '/risk/matrix', { likelihoodSteps: 4, impactSteps: 4, levels: [{ label: 'a', band: 'low' }, { label: 'b', band: 'high' }], cells })).json()).toMatchObject({ code: 'invalid-matrix' });
  });

  it('lists the register with filters and exports it as CSV', async () => {
    expect((await register('&category=legal')).items.map((r: { riskId: string }) => r.riskId)).toEqual([contract]);
    expect((await register('&band=high&owner=ops-wang')).items.map((r: { riskId: string }) => r.riskId)).toEqual([contract, staff]);
    expect((await register('&department=development&level=紅')).items.map((r: { riskId: string }) => r.riskId)).toEqual([staff]);
    expect((await register('&state=closed&category=technical')).items.map((r: { riskId: string }) => r.riskId)).toEqual([database]);
    expect((await register('', head)).items.map((r: { riskId: string }) => r.riskId)).toEqual([database, cacheRisk]);
    expect((await get(`/risk/risks/${contract}`, head)).statusCode).toBe(404);
    expect((await send('POST', `/risk/risks/${contract}/exceptions`, { strategy: 'accept', reason: 'Not mine to approve' }, head)).statusCode).toBe(404);
    expect((await heatMap()).total).toBeGreaterThan((await get('/risk/heat-map', head)).json().total);

    const csv = await get('/risk/risks/export.csv?category=legal');
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, row, ...rest] = csv.body.trim().split(/\r?\n/);
    expect(header).toBe('riskId,title,category,ownerId,departmentId,state,level,band,likelihood,impact,matrixVersion,strategy,responseStatus,nextReviewDue,reviewOverdue,identifiedAt,changedAt,closedAt');
    expect(row).toContain(`${contract},Contract without a liability cap,legal,ops-wang,legal,responding,high,high,4,5,1,transfer,in-force`);
    expect(rest).toEqual([]);
  });

  it('rebuilds every risk read model from the store into the same register, heat maps and rounds', async () => {
    const before = { register: await register(), today: await heatMap(), lastMonth: await heatMap('?asOf=2026-10-15T00:00:00Z'), rounds: (await get('/risk/rounds?pageSize=200')).json() };
    for (const projection of ['risk.register', 'risk.rounds']) {
      const rebuilt = await t.app.inject({ method: 'POST', url: `/operations/projections/${projection}/rebuild`, headers: admin });
      expect(rebuilt.statusCode).toBe(200);
      expect(rebuilt.json()).toMatchObject({ name: projection, activeSlot: 'b', rebuilding: false });
    }
    expect({ register: await register(), today: await heatMap(), lastMonth: await heatMap('?asOf=2026-10-15T00:00:00Z'), rounds: (await get('/risk/rounds?pageSize=200')).json() }).toEqual(before);
  });
});
