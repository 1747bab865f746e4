import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, createJsonSchemaValidator, eventually } from '@serviceledger/platform/testing';
import { COMPLAINT_REGISTERED_V1, DEMAND_ASSIGNED_V2, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { CLOCK_BREACHED_V2, ClockBreachedV2, QUALITY_CLOCK_TOPIC } from '@serviceledger/quality-monitoring/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { RISK_WARNING_TOPIC, WARNING_ACKNOWLEDGED_V1, WARNING_CLOSED_V1, WARNING_RAISED_V1, findRiskContract } from '@serviceledger/risk/contracts';
import { StandaloneE2e, startStandaloneE2e } from './testing/standalone-e2e';

interface WarningView {
  warningId: string;
  indicator: { indicatorId: string; version: number; threshold: number };
  groupKind: string;
  groupKey: string;
  window: { key: string; from: string; to: string };
  count: number;
  triggeredBy: Array<{ id: string; type: string; occurredAt: string; fields?: Record<string, unknown> }>;
  ownerId?: string;
  status: string;
}

/**
 * K-3.2 early warning over HTTP, through the standalone app: intake's complaints and quality monitoring's
 * SLA breaches, carried by the bus, counted by risk's key risk indicators, raise warnings to the risk owner,
 * who answers and closes them. From Monday 30 November 2026, 09:00 in Shanghai (01:00Z); the seeded office
 * calendar works 09:00–12:00 and 13:30–18:00, and a P3 enquiry's first response is due in 240 business minutes.
 */
describe('early warnings over HTTP: key risk indicators fed by intake and quality monitoring (K-3.2)', () => {
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let e2e: StandaloneE2e;
  let riskOfficer: RequestHeaders;
  const complaints: IntegrationMessage[] = [];
  const breaches: IntegrationMessage[] = [];
  const assignments: IntegrationMessage[] = [];
  const published: IntegrationMessage[] = [];
  const post = (url: string, payload: object = {}, headers = riskOfficer) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const put = (url: string, payload: object, headers = riskOfficer) => e2e.t.app.inject({ method: 'PUT', url, payload, headers });
  const get = (url: string, headers = riskOfficer) => e2e.t.app.inject({ method: 'GET', url, headers });
  const warningsOf = async (query: string): Promise<WarningView[]> => {
    const response = await get(`/risk/warnings?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };
  const complain = async (subject: string) => {
    const response = await post('/intake/demands', phoneEnquiry(e2e.customerId, { kind: 'complaint', subject, promisedResult: '本週內解決' }), e2e.agent);
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  /** The back-test of the seeded complaints indicator over November and December: how many kept signals it counts, and its warnings. */
  const complaintsBackTest = async (threshold = 3) => {
    const response = await post('/risk/indicators/back-test', {
      indicatorId: 'complaints-per-customer',
      name: 'Complaints from one customer within 7 days',
      category: 'customer',
      counts: [{ type: COMPLAINT_REGISTERED_V1.type }],
      groupBy: { kind: 'customer', field: 'customerId' },
      window: { kind: 'rolling', days: 7 },
      threshold,
      from: '2026-11',
      to: '2026-12',
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { indicator: { version: number }; counted: number; warnings: Array<{ warningId: string; signals: Array<{ id: string }> }> };
  };

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock);
    riskOfficer = await e2e.t.headersFor({ userId: 'risk-li', roles: ['risk-officer'], departments: [] });
    const bus = e2e.t.app.get<MessageBus>(MESSAGE_BUS);
    await bus.subscribe({ group: 'test.complaints', topics: [INTAKE_DEMAND_TOPIC] }, eachMessage(async (m) => {
      if (m.type === COMPLAINT_REGISTERED_V1.type) complaints.push(m);
      if (m.type === DEMAND_ASSIGNED_V2.type) assignments.push(m);
    }));
    await bus.subscribe({ group: 'test.breaches', topics: [QUALITY_CLOCK_TOPIC] }, eachMessage(async (m) => {
      if (m.type === CLOCK_BREACHED_V2.type) breaches.push(m);
    }));
    await bus.subscribe({ group: 'test.warnings', topics: [RISK_WARNING_TOPIC] }, eachMessage(async (m) => {
      published.push(m);
    }));
  });
  afterAll(() => e2e.t.close());

  it('ships the indicators as versioned data, and warns the customer-risk owner once for three complaints of one customer in a week, every complaint delivered twice', async () => {
    const indicators = (await get('/risk/indicators')).json();
    expect(indicators.indicators.map((i: { indicatorId: string; version: number }) => [i.indicatorId, i.version])).toEqual([
      ['complaints-per-customer', 1],
      ['equipment-failures-per-asset', 1],
      ['overdue-partner-meetings', 1],
      ['overdue-rectifications-per-department', 1],
      ['personal-data-incidents', 1],
      ['sla-breaches-per-department', 1],
      ['staff-left-per-department', 1],
    ]);
    expect((await put('/risk/indicators/category-owners/customer', { ownerId: 'risk-li' })).statusCode).toBe(200);

    // Monday, Tuesday and Wednesday at 09:00: a complaint of the same customer each day.
    const demands = [await complain('打印機維修拖延')];
    clock.set('2026-12-01T01:00:00Z');
    demands.push(await complain('工程師未按約上門'));
    clock.set('2026-12-02T01:00:00Z');
    demands.push(await complain('維修後再次故障'));
    await eventually(async () => expect(complaints).toHaveLength(3));

    // The bus delivers every complaint a second time, the same message with the same id, as a broker may.
    await e2e.t.app.get<MessageBus>(MESSAGE_BUS).publish(complaints.slice(0, 3));

    // Thursday: a fourth complaint, in the same 7 days.
    clock.set('2026-12-03T01:00:00Z');
    demands.push(await complain('客服電話無人接聽'));
    // The in-process bus hands a message to the next group only once the one before has handled it: risk's
    // consumer, subscribed at start, has counted the fourth complaint once this listener has it (after the redeliveries).
    await eventually(async () => expect(complaints.map((m) => (m.data as { demandId: string }).demandId)).toContain(demands[3]));
    expect((await complaintsBackTest()).counted).toBe(4);

    let open: WarningView[] = [];
    await eventually(async () => expect((open = await warningsOf('owner=risk-li&state=open'))).toHaveLength(1));
    expect(open[0]).toMatchObject({
      indicator: { indicatorId: 'complaints-per-customer', version: 1, threshold: 3 },
      groupKind: 'customer',
      groupKey: e2e.customerId,
      window: { key: '2026-11-30T01:00:00.000Z', from: '2026-11-30T01:00:00.000Z', to: '2026-12-07T01:00:00.000Z' },
      count: 3,
      ownerId: 'risk-li',
      status: 'raised',
    });
    expect(open[0].triggeredBy.map((s) => s.id)).toEqual(complaints.slice(0, 3).map((m) => m.id));

    // Published once, valid against its contract.
    await eventually(async () => expect(published.map((m) => m.type)).toEqual([WARNING_RAISED_V1.type]));
    expect(published[0]).toMatchObject({ key: open[0].warningId, data: { warningId: open[0].warningId, groupKey: e2e.customerId, ownerId: 'risk-li', count: 3 } });
    expect(createJsonSchemaValidator().validate(findRiskContract(WARNING_RAISED_V1.type)!.schema, published[0].data)).toBe(true);

    // A replay of the same signals through the same decider gives the same warning; a lower threshold, one more.
    expect((await complaintsBackTest()).warnings.map((w) => w.warningId)).toEqual([open[0].warningId]);
    const lower = await complaintsBackTest(2);
    expect(lower.indicator.version).toBe(2);
    expect(lower.warnings.map((w) => w.signals.map((s) => s.id))).toEqual([complaints.slice(0, 2).map((m) => m.id), [complaints[2].id, expect.any(String)]]);
    expect(await warningsOf('state=open')).toHaveLength(1);
  });

  it('names the triggering events, and takes the warning through acknowledgement, a risk, an action and closing', async () => {
    const [warning] = await warningsOf('owner=risk-li&state=open');
    const detail = (await get(`/risk/warnings/${warning.warningId}`)).json() as WarningView;
    expect(detail.triggeredBy).toEqual(
      complaints.slice(0, 3).map((m) => ({ id: m.id, type: COMPLAINT_REGISTERED_V1.type, occurredAt: (m.data as { occurredAt: string }).occurredAt, fields: expect.objectContaining({ customerId: e2e.customerId }) })),
    );

    const path = `/risk/warnings/${warning.warningId}`;
    expect((await post(`${path}/actions`, { action: '致電客戶' })).json()).toMatchObject({ status: 409, code: 'warning-not-acknowledged' });
    expect((await post(`${path}/acknowledgement`, { note: '正在了解客戶情況' }, e2e.agent)).statusCode).toBe(403);
    expect((await post(`${path}/acknowledgement`, { note: '正在了解客戶情況' })).statusCode).toBe(200);

    const risk = await post('/risk/risks', {
      category: 'customer',
      title: 'Key customer at risk of leaving',
      ownerId: 'risk-li',
      departmentId: 'customer-service',
      causes: ['Repeated repair delays'],
      consequences: ['Loss of the account'],
      links: [],
    });
    expect(risk.statusCode).toBe(201);
    const riskId = risk.json().id as string;
    expect((await post(`${path}/risk-link`, { riskId })).statusCode).toBe(200);
    expect((await post(`${path}/actions`, { action: '客戶經理本週五上門回訪' })).statusCode).toBe(200);
    expect((await post(`${path}/closure`, { outcome: '投訴均已處理，客戶續約' })).statusCode).toBe(200);

    await eventually(async () => expect(await warningsOf('owner=risk-li&state=open')).toEqual([]));
    const [closed] = await warningsOf('state=closed');
    expect(closed).toMatchObject({ warningId: warning.warningId, status: 'closed', riskId, closed: { outcome: '投訴均已處理，客戶續約', by: 'risk-li' } });
    const history = (await get(`/risk/risks/${riskId}/history`)).json() as Array<{ kind: string; detail: Record<string, unknown> }>;
    expect(history.filter((h) => h.kind === 'warning-linked')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ warningId: warning.warningId }) })]);

    await eventually(async () => expect(published.map((m) => m.type)).toEqual([WARNING_RAISED_V1.type, WARNING_ACKNOWLEDGED_V1.type, WARNING_CLOSED_V1.type]));
    expect(published[2].data).toMatchObject({ warningId: warning.warningId, outcome: '投訴均已處理，客戶續約', riskId, actions: 1, closedBy: 'risk-li' });
  });

  it('warns of SLA breaches of one department crossing its weekly threshold, naming the department', async () => {
    const revised = await put('/risk/indicators/sla-breaches-per-department', {
      name: 'SLA breaches of one department in a calendar week',
      category: 'customer',
      counts: [{ type: 'serviceledger.quality-monitoring.clock.breached.v2', where: [{ field: 'caseKind', oneOf: ['demand', 'complaint', 'after-sales'] }] }],
      groupBy: { kind: 'department', field: 'departmentId' },
      window: { kind: 'calendar', unit: 'week' },
      threshold: 2,
      ownerId: 'ops-head',
    });
    expect(revised.statusCode).toBe(200);

    // Thursday 09:00: two enquiries for technical support, assigned at once; nobody answers them.
    for (const subject of ['打印機無法連線', '掃描儀無法啟動']) {
      const id = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { subject }), e2e.agent)).json().id as string;
      expect((await post(`/intake/demands/${id}/triage`, {}, e2e.agent)).statusCode).toBe(200);
      expect((await post(`/intake/demands/${id}/assignment`, {}, e2e.agent)).statusCode).toBe(200);
    }
    // 14:31: both first responses breached at 14:30 (180 business minutes in the morning, 60 after lunch).
    clock.set('2026-12-03T06:31:00Z');
    await eventually(async () => {
      const [warning] = await warningsOf('owner=ops-head&state=open');
      expect(warning).toMatchObject({
        indicator: { indicatorId: 'sla-breaches-per-department', version: 2, threshold: 2 },
        groupKind: 'department',
        groupKey: 'tech-support',
        window: { key: '2026-W49', from: '2026-11-29T16:00:00.000Z', to: '2026-12-06T16:00:00.000Z' },
        count: 2,
      });
      const detail = (await get(`/risk/warnings/${warning.warningId}`)).json() as WarningView;
      expect(detail.ownerId).toBe('ops-head');
      expect(detail.triggeredBy.map((s) => [s.type, s.fields?.departmentId, s.fields?.metric])).toEqual([
        ['serviceledger.quality-monitoring.clock.breached.v2', 'tech-support', 'first-response'],
        ['serviceledger.quality-monitoring.clock.breached.v2', 'tech-support', 'first-response'],
      ]);
    });
  });

  it('has published one warning per crossing, in the order they were raised: the fourth complaint raised none', async () => {
    const [sla] = await warningsOf('owner=ops-head');
    const [complaintsWarning] = await warningsOf('indicator=complaints-per-customer');
    await eventually(async () => {
      const raised = published.filter((m) => m.type === WARNING_RAISED_V1.type);
      expect(raised.map((m) => [m.key, (m.data as { groupKey: string }).groupKey])).toEqual([
        [complaintsWarning.warningId, e2e.customerId],
        [sla.warningId, 'tech-support'],
      ]);
    });
  });

  it('gives the same warnings when the warnings read model is rebuilt from the store', async () => {
    const before = await warningsOf('pageSize=200');
    expect(before).toHaveLength(2);
    const admin = await e2e.t.headersFor({ userId: 'ops-admin', roles: ['administrator'], departments: [] });
    expect((await post('/operations/projections/risk.warnings/rebuild', {}, admin)).statusCode).toBe(200);
    const after = await warningsOf('pageSize=200');
    expect(after.map(({ updatedAt: _u, ...w }: WarningView & { updatedAt?: string }) => w)).toEqual(before.map(({ updatedAt: _u, ...w }: WarningView & { updatedAt?: string }) => w));
  });

  it('counts a time-to-own breach, raised before the demand was assigned and so naming no department, for the department the demand is then assigned to, once', async () => {
    const defined = await post('/risk/indicators', {
      indicatorId: 'sla-time-to-own-per-department',
      name: 'Any time-to-own breach of a department in a calendar week',
      category: 'customer',
      counts: [{ type: CLOCK_BREACHED_V2.type, where: [{ field: 'metric', oneOf: ['time-to-own'] }, { field: 'caseKind', oneOf: ['demand', 'complaint'] }] }],
      groupBy: { kind: 'department', field: 'departmentId' },
      window: { kind: 'calendar', unit: 'week' },
      threshold: 1,
      ownerId: 'ts-risk',
    });
    expect(defined.statusCode).toBe(201);

    // Friday 4 December, 09:00: an enquiry, triaged but left unassigned; a P3's time-to-own target is 60 business minutes.
    clock.set('2026-12-04T01:00:00Z');
    const demandId = (await post('/intake/demands', phoneEnquiry(e2e.customerId, { subject: '會議室投影機無畫面' }), e2e.agent)).json().id as string;
    expect((await post(`/intake/demands/${demandId}/triage`, {}, e2e.agent)).statusCode).toBe(200);
    // 10:01: the time-to-own target passed at 10:00, before anybody owned the demand: the breach names no department.
    clock.set('2026-12-04T02:01:00Z');
    const breachOf = (m: IntegrationMessage) => (m.data as ClockBreachedV2).caseId === demandId && (m.data as ClockBreachedV2).metric === 'time-to-own';
    await eventually(async () => expect(breaches.filter(breachOf)).toHaveLength(1));
    const breach = breaches.find(breachOf)!;
    expect(breach.data).toMatchObject({ caseKind: 'demand', departmentId: null, dueAt: '2026-12-04T02:00:00.000Z' });
    // Risk has the breach (the bus hands it on once risk's consumer took it), and no department yet to count it for.
    expect(await warningsOf('indicator=sla-time-to-own-per-department')).toEqual([]);

    // 10:30: the demand is assigned; risk attributes the breach to the department, at the breach's time.
    clock.set('2026-12-04T02:30:00Z');
    expect((await post(`/intake/demands/${demandId}/assignment`, {}, e2e.agent)).statusCode).toBe(200);
    await eventually(async () => expect(assignments.filter((m) => (m.data as { demandId: string }).demandId === demandId)).toHaveLength(1));
    const [assigned] = assignments.filter((m) => (m.data as { demandId: string }).demandId === demandId);
    const departmentId = (assigned.data as { departmentId: string }).departmentId;
    expect(departmentId).toBe('tech-support');

    let warning!: WarningView;
    await eventually(async () => {
      [warning] = await warningsOf('indicator=sla-time-to-own-per-department');
      expect(warning).toMatchObject({
        indicator: { indicatorId: 'sla-time-to-own-per-department', version: 1, threshold: 1 },
        groupKind: 'department',
        groupKey: 'tech-support',
        window: { key: '2026-W49', from: '2026-11-29T16:00:00.000Z', to: '2026-12-06T16:00:00.000Z' },
        count: 1,
        ownerId: 'ts-risk',
      });
    });
    const detail = (await get(`/risk/warnings/${warning.warningId}`)).json() as WarningView;
    expect(detail.triggeredBy).toEqual([
      { id: breach.id, type: CLOCK_BREACHED_V2.type, occurredAt: (breach.data as ClockBreachedV2).occurredAt, fields: expect.objectContaining({ metric: 'time-to-own', departmentId: 'tech-support', departmentFromAssignment: true }) },
    ]);

    // The breach and the assignment delivered again, as a broker may: still one warning, counting the breach once.
    await e2e.t.app.get<MessageBus>(MESSAGE_BUS).publish([breach, assigned]);
    await eventually(async () => expect(breaches.filter((m) => m.id === breach.id)).toHaveLength(2));
    await eventually(async () => expect(assignments.filter((m) => m.id === assigned.id)).toHaveLength(2));
    expect((await warningsOf('indicator=sla-time-to-own-per-department')).map((w) => [w.warningId, w.count])).toEqual([[warning.warningId, 1]]);
    await eventually(async () =>
      expect(published.filter((m) => m.type === WARNING_RAISED_V1.type && (m.data as { indicatorId: string }).indicatorId === 'sla-time-to-own-per-department').map((m) => m.key)).toEqual([warning.warningId]),
    );
  });
});
