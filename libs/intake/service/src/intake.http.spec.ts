import { randomUUID } from 'node:crypto';
import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { demandStream } from '@serviceledger/intake/domain';
import { IntakeModule } from './intake.module';
import { intakeService } from './intake.service-definition';
import { phoneEnquiry } from './testing/phone-enquiry';

describe('intake over HTTP', () => {
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let t: TestApp;
  let agent: Record<string, string>;
  let techMember: Record<string, string>;
  let devMember: Record<string, string>;
  let customerId: string;

  const post = (url: string, payload: object = {}, headers = agent) => t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = agent) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    techMember = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    devMember = await t.headersFor({ userId: 'sd-lead', roles: ['department-member'], departments: ['software-development'] });
    const registered = await post('/intake/customers', {
      organisation: '深圳某某科技有限公司',
      contactPerson: '王小明',
      phone: '+86 138 0013 8000',
      email: 'wang@example.com',
      tier: 'gold',
    });
    expect(registered.statusCode).toBe(201);
    customerId = registered.json().id;
  });
  afterAll(() => t.close());

  it('takes a phone demand through triage, assignment and a reply', async () => {
    const registered = await post('/intake/demands', phoneEnquiry(customerId));
    expect(registered.statusCode).toBe(201);
    const { id, reference } = registered.json();
    expect(reference).toMatch(/^SR-2026-\d{6}$/);

    const triaged = await post(`/intake/demands/${id}/triage`, {});
    expect(triaged.statusCode).toBe(200);
    const assigned = await post(`/intake/demands/${id}/assignment`, {});
    expect(assigned.statusCode).toBe(200);
    clock.advance(20 * 60 * 1000);
    const replied = await post(`/intake/demands/${id}/replies`, { channel: 'phone', body: '已安排工程師今天下午上門檢查。' });
    expect(replied.statusCode).toBe(201);

    const detail = await get(`/intake/demands/${id}?after=${replied.json().checkpoint}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      reference,
      status: 'assigned',
      complexity: 'routine',
      priority: 'P3',
      departmentId: 'tech-support',
      ownerId: 'ts-lead',
      departments: ['tech-support'],
      firstResponseAt: '2026-11-30T01:20:00.000Z',
      contactName: '王**',
      contactPhone: '+861******8000',
    });
    expect(detail.json().timeline.map((e: { entry: string }) => e.entry)).toEqual(['DemandRegistered', 'DemandTriaged', 'DemandAssigned', 'CustomerReplySent']);

    const queue = await get(`/intake/departments/tech-support/queue?after=${replied.json().checkpoint}`, techMember);
    expect(queue.json().items.map((d: { demandId: string }) => d.demandId)).toContain(id);
  });

  it("shows the agent the triage rules' suggestion before the triage, which a triage that leaves everything out takes (P-1.3)", async () => {
    const { id } = (await post('/intake/demands', phoneEnquiry(customerId))).json();
    const preview = await get(`/intake/demands/${id}/triage-suggestion`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ complexity: 'routine', priority: 'P3', businessCategory: 'technical-support', ruleSetVersion: expect.any(Number) });

    const triaged = await post(`/intake/demands/${id}/triage`, {});
    const detail = await get(`/intake/demands/${id}?after=${triaged.json().checkpoint}`);
    const entry = detail.json().timeline.find((e: { entry: string }) => e.entry === 'DemandTriaged');
    expect(entry.details.suggestion).toEqual(preview.json());

    expect((await get(`/intake/demands/${id}/triage-suggestion`, techMember)).statusCode).toBe(403);
    expect((await get(`/intake/demands/${randomUUID()}/triage-suggestion`)).statusCode).toBe(404);
  });

  it('shows when a demand was received, in its detail and the list: the call taken before it was registered, else as registered (二(一)2 及時記錄)', async () => {
    const registeredAt = clock.now().toISOString();
    // The agent notes the call in Shanghai time: taken 25 minutes before it is registered.
    const callTaken = new Date(clock.now().getTime() - 25 * 60_000 + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    const late = await post('/intake/demands', phoneEnquiry(customerId, { receivedAt: callTaken }));
    const prompt = await post('/intake/demands', phoneEnquiry(customerId));
    expect([late.statusCode, prompt.statusCode]).toEqual([201, 201]);
    const after = prompt.json().checkpoint;

    const receivedEarlier = new Date(Date.parse(registeredAt) - 25 * 60_000).toISOString();
    expect((await get(`/intake/demands/${late.json().id}?after=${after}`)).json()).toMatchObject({ receivedAt: receivedEarlier, registeredAt });
    expect((await get(`/intake/demands/${prompt.json().id}?after=${after}`)).json()).toMatchObject({ receivedAt: registeredAt, registeredAt });
    const listed = (await get(`/intake/demands?pageSize=100&after=${after}`)).json().items as Array<{ demandId: string; receivedAt: string }>;
    expect(listed.find((d) => d.demandId === late.json().id)).toMatchObject({ receivedAt: receivedEarlier });
  });

  it('keeps an assigned demand assigned, in its detail and in the lists, when triage is revised', async () => {
    const { id } = (await post('/intake/demands', phoneEnquiry(customerId))).json();
    await post(`/intake/demands/${id}/triage`, {});
    await post(`/intake/demands/${id}/assignment`, {});
    const retriaged = await post(`/intake/demands/${id}/triage`, { priority: 'P1', reason: 'The whole office is affected' });
    expect(retriaged.statusCode).toBe(200);
    const after = retriaged.json().checkpoint;

    expect((await get(`/intake/demands/${id}?after=${after}`)).json()).toMatchObject({ status: 'assigned', priority: 'P1' });
    const assigned = (await get(`/intake/demands?status=assigned&pageSize=100&after=${after}`)).json();
    expect(assigned.items.map((d: { demandId: string }) => d.demandId)).toContain(id);
  });

  it('scopes by department: another department gets 404 on the detail and an empty list', async () => {
    const { id } = (await post('/intake/demands', phoneEnquiry(customerId))).json();
    await post(`/intake/demands/${id}/triage`, {});
    const { checkpoint } = (await post(`/intake/demands/${id}/assignment`, {})).json();
    expect((await get(`/intake/demands/${id}?after=${checkpoint}`, techMember)).statusCode).toBe(200);
    const hidden = await get(`/intake/demands/${id}`, devMember);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(`Demand ${id} was not found`);
    expect((await get('/intake/demands?count=exact', devMember)).json()).toMatchObject({ items: [], total: 0 });
    expect((await post(`/intake/demands/${id}/notes`, { text: 'peek' }, devMember)).statusCode).toBe(404);
    const csv = await get('/intake/demands.csv', devMember);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).not.toContain(id);
  });

  it('an idempotent retry of a registration registers once', async () => {
    const key = { ...agent, 'idempotency-key': randomUUID() };
    const first = await post('/intake/demands', phoneEnquiry(customerId), key);
    const retry = await post('/intake/demands', phoneEnquiry(customerId), key);
    expect(retry.json()).toEqual(first.json());
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(demandStream(first.json().id));
    expect(events.map((e) => e.type)).toEqual(['DemandRegistered']);
  });

  it('answers 400 with field errors for bad input and registers nothing', async () => {
    const response = await post('/intake/demands', phoneEnquiry(customerId, { channel: 'fax', impact: 7, contact: { name: '' }, extra: 1 }));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'channel' }),
        expect.objectContaining({ field: 'impact' }),
        expect.objectContaining({ field: 'contact.name' }),
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    );
  });

  it('answers 409 with the rule for a forbidden transition', async () => {
    const { id } = (await post('/intake/demands', phoneEnquiry(customerId))).json();
    const response = await post(`/intake/demands/${id}/assignment`, {});
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'triage-required', status: 409 });
  });

  it('takes a complex demand of several departments through a coordination meeting before delivery', async () => {
    const { id } = (await post('/intake/demands', phoneEnquiry(customerId, { subject: '系統集成與數據遷移', businessCategory: 'software-development' }))).json();
    const triaged = await post(`/intake/demands/${id}/triage`, { departmentIds: ['system-maintenance'] });
    expect(triaged.statusCode).toBe(200);
    await post(`/intake/demands/${id}/assignment`, {});
    const early = await post(`/intake/demands/${id}/release-to-delivery`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('coordination-required');

    const convened = await post(`/intake/demands/${id}/coordination-meetings`, {
      scheduledAt: '2026-12-01T02:00:00Z',
      participants: [
        { departmentId: 'software-development', people: ['sd-lead'] },
        { departmentId: 'system-maintenance', people: ['sm-lead'] },
      ],
    });
    expect(convened.statusCode).toBe(201);
    const recorded = await post(`/intake/demands/${id}/coordination-meetings/${convened.json().meetingId}/record`, {
      responsibilities: [
        { departmentId: 'software-development', responsibility: '開發接口與遷移腳本' },
        { departmentId: 'system-maintenance', responsibility: '準備目標環境與備份' },
      ],
      cooperation: '每週聯合例會，軟件開發部牽頭',
      leadDepartmentId: 'software-development',
      jointSolution: '分兩階段遷移，先測試環境後生產環境',
    });
    expect(recorded.statusCode).toBe(200);
    const released = await post(`/intake/demands/${id}/release-to-delivery`);
    expect(released.statusCode).toBe(200);
    const detail = (await get(`/intake/demands/${id}?after=${released.json().checkpoint}`)).json();
    expect(detail).toMatchObject({ status: 'in-delivery', complexity: 'complex', leadDepartmentId: 'software-development' });
    expect(detail.departments).toEqual(['software-development', 'system-maintenance']);
  });

  it('waits on a third party until an agent resumes, whatever the customer writes meanwhile, and shows it in the history', async () => {
    clock.set('2026-12-01T01:00:00Z');
    const { id } = (await post('/intake/demands', phoneEnquiry(customerId, { subject: '打印機主板故障' }))).json();
    await post(`/intake/demands/${id}/triage`, {});
    await post(`/intake/demands/${id}/assignment`, {});
    const types = async () => (await t.app.get<EventStore>(EVENT_STORE).readStream(demandStream(id))).map((e) => e.type);
    const before = await types();

    const invalid = await post(`/intake/demands/${id}/waiting-on-third-party`, { party: '', vendor: 'HP' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'party' }),
        expect.objectContaining({ field: 'reason' }),
        { field: 'vendor', message: 'property vendor should not exist' },
      ]),
    );
    const nobody = await post(`/intake/demands/${id}/waiting-on-third-party`, { party: '   ', reason: '等待原廠寄送替換主板' });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().errors).toEqual([{ field: 'party', message: 'party must not be blank' }]);
    expect(await types()).toEqual(before);

    const waiting = await post(`/intake/demands/${id}/waiting-on-third-party`, { party: '惠普原廠支援', reason: '等待原廠寄送替換主板' });
    expect(waiting.statusCode).toBe(200);
    expect((await get(`/intake/demands/${id}?after=${waiting.json().checkpoint}`)).json()).toMatchObject({
      status: 'assigned',
      waitingOnThirdPartySince: '2026-12-01T01:00:00.000Z',
      waitingOnThirdParty: '惠普原廠支援',
      waitingSince: null,
    });
    const onCustomer = await post(`/intake/demands/${id}/waiting-on-customer`, { text: '請客戶確認型號' });
    expect(onCustomer.statusCode).toBe(409);
    expect(onCustomer.json()).toMatchObject({ code: 'already-waiting' });
    expect(onCustomer.json().detail).toContain('惠普原廠支援');
    const message = await post(`/intake/demands/${id}/customer-messages`, { channel: 'phone', from: '王小明', body: '請問進度如何？' });
    expect(message.statusCode).toBe(201);
    expect((await get(`/intake/demands/${id}?after=${message.json().checkpoint}`)).json()).toMatchObject({
      waitingOnThirdParty: '惠普原廠支援',
    });

    clock.set('2026-12-03T01:00:00Z');
    const resumed = await post(`/intake/demands/${id}/resumption`);
    expect(resumed.statusCode).toBe(200);
    const detail = (await get(`/intake/demands/${id}?after=${resumed.json().checkpoint}`)).json();
    expect(detail).toMatchObject({ waitingOnThirdPartySince: null, waitingOnThirdParty: null, waitingSince: null });
    const history = detail.timeline.slice(-3);
    expect(history.map((e: { entry: string }) => e.entry)).toEqual(['DemandWaitingOnThirdParty', 'CustomerMessageReceived', 'DemandResumed']);
    expect(history[0]).toMatchObject({
      visibility: 'internal',
      actorId: 'agent-li',
      details: { party: '惠普原廠支援', reason: '等待原廠寄送替換主板', since: '2026-12-01T01:00:00.000Z' },
    });
    expect(history[2].details).toEqual({
      trigger: 'agent',
      waitedOn: 'third-party',
      waitingSince: '2026-12-01T01:00:00.000Z',
      resumedAt: '2026-12-03T01:00:00.000Z',
    });
    const again = await post(`/intake/demands/${id}/resumption`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'not-waiting' });
  });

  it('takes a complaint to overdue, then to resolution, with the result told to the customer', async () => {
    clock.set('2026-11-30T02:00:00Z');
    const { id } = (
      await post('/intake/demands', phoneEnquiry(customerId, { kind: 'complaint', promisedResult: '更換配件', subject: '維修拖延', impact: 1, urgency: 1 }))
    ).json();
    await post(`/intake/demands/${id}/complaint-steps`, { text: '致電客戶致歉並了解情況' });
    clock.set('2026-11-30T06:30:00Z');
    const overdue = await get('/intake/complaints/overdue');
    expect(overdue.json().map((d: { demandId: string }) => d.demandId)).toContain(id);
    expect(overdue.json().find((d: { demandId: string }) => d.demandId === id).complaintDueAt).toBe('2026-11-30T06:00:00.000Z');

    await post(`/intake/demands/${id}/triage`, {});
    await post(`/intake/demands/${id}/assignment`, {});
    const told = await post(`/intake/demands/${id}/complaint-result`, { channel: 'phone', result: '已更換配件並補償一個月服務費' });
    expect(told.statusCode).toBe(200);
    const resolved = await post(`/intake/demands/${id}/resolution`, { text: '客戶接受處理結果', promisedResultDelivered: true });
    expect(resolved.statusCode).toBe(200);
    const after = await get(`/intake/complaints/overdue?after=${resolved.json().checkpoint}`);
    expect(after.json().map((d: { demandId: string }) => d.demandId)).not.toContain(id);
    const detail = (await get(`/intake/demands/${id}`)).json();
    expect(detail).toMatchObject({
      status: 'resolved',
      complaintWithinPromise: false,
      complaintResolvedAt: '2026-11-30T06:30:00.000Z',
      complaintPromisedResult: '更換配件',
      complaintPromisedResultDelivered: true,
    });
  });
});
