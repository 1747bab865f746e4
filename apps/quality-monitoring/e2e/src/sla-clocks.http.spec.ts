import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, createJsonSchemaValidator, eventually } from '@serviceledger/platform/testing';
import { QUALITY_CLOCK_TOPIC, findQualityContract } from '@serviceledger/quality-monitoring/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { QualityE2e, startQualityE2e } from './quality-e2e';

interface LiveClockView {
  clockId: string;
  demandId: string;
  caseKind: string;
  metric: string;
  departmentId: string | null;
  status: string;
  state: string;
  usedMinutes: number;
  pausedMinutes: number;
  remainingMinutes: number;
  diffMinutes: number | null;
  outcome: string | null;
  deadlineAt: string | null;
}

/**
 * Issue 6 through HTTP: intake and quality monitoring in one app (this test lives in an app project
 * because a service library may not import another service), on a faked clock from Monday 30 November 2026, 09:00 in
 * Shanghai (01:00Z). The seeded office calendar works 09:00–12:00 and 13:30–18:00; both demands are P3
 * (impact 2 × urgency 2), whose seeded SLA targets are: own 60, first response 240, resolution 1800
 * business minutes, warning at 75 %.
 */
describe('quality monitoring over HTTP: SLA clocks driven by intake', () => {
  const clock = new ManualClock(new Date('2026-11-30T01:00:00Z'));
  let e2e: QualityE2e;
  let techMember: RequestHeaders;
  let devMember: RequestHeaders;
  const post = (url: string, payload: object = {}, headers = e2e.agent) => e2e.t.app.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers = e2e.monitor) => e2e.t.app.inject({ method: 'GET', url, headers });
  const clocksOf = async (demandId: string, headers = e2e.monitor): Promise<Record<string, LiveClockView>> => {
    const response = await get(`/quality-monitoring/clocks?demand=${demandId}`, headers);
    expect(response.statusCode).toBe(200);
    return Object.fromEntries((response.json().items as LiveClockView[]).map((c) => [c.metric, c]));
  };

  beforeAll(async () => {
    e2e = await startQualityE2e(clock, QUALITY_CLOCK_TOPIC);
    techMember = await e2e.t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
    devMember = await e2e.t.headersFor({ userId: 'sd-lead', roles: ['department-member'], departments: ['software-development'] });
  });
  afterAll(() => e2e.t.close());

  const demand = (businessCategory: string, subject: string) => phoneEnquiry(e2e.customerId, { businessCategory, subject });

  it('breaches one first response, pauses the other demand while it waits, and reports both by department', async () => {
    // 09:00 Monday: two demands, for two departments, triaged and assigned at once.
    const a = (await post('/intake/demands', demand('technical-support', '打印機無法連線'))).json().id as string;
    const b = (await post('/intake/demands', demand('software-development', '報表導出錯誤'))).json().id as string;
    for (const id of [a, b]) {
      expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
      expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    }

    // Time to own: assigned at the start, 0 of 60 minutes used.
    await eventually(async () => {
      const clocks = await clocksOf(a);
      expect(clocks['time-to-own']).toMatchObject({ status: 'stopped', state: 'met', usedMinutes: 0, diffMinutes: 60, departmentId: 'tech-support' });
      expect(clocks['first-response']).toMatchObject({ status: 'running', remainingMinutes: 240, deadlineAt: '2026-11-30T06:30:00.000Z' });
    });

    // 09:20: B is answered (20 of 240 minutes); 10:00: B waits on the customer after 60 resolution minutes.
    clock.set('2026-11-30T01:20:00Z');
    expect((await post(`/intake/demands/${b}/replies`, { channel: 'phone', body: '已收到，正在排查。' })).statusCode).toBe(201);
    clock.set('2026-11-30T02:00:00Z');
    expect((await post(`/intake/demands/${b}/waiting-on-customer`, { text: '請提供導出的報表樣本' })).statusCode).toBe(200);
    await eventually(async () => {
      const clocks = await clocksOf(b);
      expect(clocks['first-response']).toMatchObject({ state: 'met', usedMinutes: 20, diffMinutes: 220 });
      expect(clocks.resolution).toMatchObject({ status: 'paused', usedMinutes: 60, remainingMinutes: 1740 });
    });

    // 14:31: A's first response passed 240 business minutes at 14:30 (180 in the morning, 60 after lunch).
    // The warning (180 minutes) was due at 13:30, after the lunch break, the breach at 14:30.
    clock.set('2026-11-30T06:31:00Z');
    await eventually(async () => {
      const breaches = (await get('/quality-monitoring/breaches?period=2026-11')).json();
      expect(breaches.items).toEqual([
        expect.objectContaining({ caseId: a, metric: 'first-response', departmentId: 'tech-support', dueAt: '2026-11-30T06:30:00.000Z', period: '2026-11' }),
      ]);
    });
    const breached = await clocksOf(a);
    expect(breached['first-response']).toMatchObject({ status: 'running', state: 'breached', usedMinutes: 241, remainingMinutes: -1 });
    // B's resolution clock stands still while it waits: 181 business minutes paused so far, nothing used.
    expect((await clocksOf(b)).resolution).toMatchObject({ status: 'paused', usedMinutes: 60, pausedMinutes: 181, remainingMinutes: 1740 });

    const report = (await get('/quality-monitoring/breaches?period=2026-11')).json();
    expect(report).toMatchObject({ period: '2026-11', total: 1, byDepartment: [{ departmentId: 'tech-support', breaches: 1, byMetric: { 'first-response': 1 } }] });
    expect((await get('/quality-monitoring/breaches?period=2026-11', devMember)).json()).toMatchObject({ total: 0, byDepartment: [] });
    expect((await get('/quality-monitoring/breaches?period=2026-12')).json()).toMatchObject({ total: 0 });

    // 14:40: A is answered at last: 180 + 70 = 250 minutes used, 10 over the target.
    clock.set('2026-11-30T06:40:00Z');
    expect((await post(`/intake/demands/${a}/replies`, { channel: 'phone', body: '工程師明天上門。' })).statusCode).toBe(201);
    await eventually(async () => {
      expect((await clocksOf(a))['first-response']).toMatchObject({ status: 'stopped', state: 'missed', outcome: 'breached', usedMinutes: 250, diffMinutes: -10 });
    });

    // The relay published the warning, the breach and the stop, each valid against its contract's schema.
    await eventually(async () => {
      const ofA = e2e.published.filter((m) => m.key === a && (m.data as { metric: string }).metric === 'first-response');
      expect(ofA.map((m) => m.type)).toEqual([
        'serviceledger.quality-monitoring.clock.warning-reached.v1',
        'serviceledger.quality-monitoring.clock.warning-reached.v2',
        'serviceledger.quality-monitoring.clock.breached.v1',
        'serviceledger.quality-monitoring.clock.breached.v2',
        'serviceledger.quality-monitoring.clock.stopped.v1',
      ]);
      expect(ofA[0].data).toMatchObject({ dueAt: '2026-11-30T05:30:00.000Z', thresholdMinutes: 180, targetMinutes: 240 });
      // Version 2 names the kind of case and who answered for it when it fell due (K-3.2).
      expect(ofA[3].data).toMatchObject({ caseKind: 'demand', departmentId: 'tech-support' });
      expect(ofA[4].data).toMatchObject({ outcome: 'breached', usedMinutes: 250, diffMinutes: -10, calendar: { calendarId: 'cn-office', version: 1 } });
      const ajv = createJsonSchemaValidator();
      for (const m of ofA) expect(ajv.validate(findQualityContract(m.type)!.schema, m.data)).toBe(true);
    });

    // 15:00: still waiting, still 1740 left. The customer answers; paused 10:00–15:00 = 120 + 90 = 210 minutes.
    clock.set('2026-11-30T07:00:00Z');
    expect((await clocksOf(b)).resolution).toMatchObject({ status: 'paused', remainingMinutes: 1740 });
    expect((await post(`/intake/demands/${b}/resumption`)).statusCode).toBe(200);
    await eventually(async () => expect((await clocksOf(b)).resolution).toMatchObject({ status: 'running', pausedMinutes: 210 }));

    // 16:00: B resolved after 60 + 60 = 120 business minutes: 1680 to spare. A's resolution runs on: 180 + 150 = 330 used.
    clock.set('2026-11-30T08:00:00Z');
    expect((await clocksOf(b)).resolution).toMatchObject({ status: 'running', usedMinutes: 120, remainingMinutes: 1680 });
    expect((await post(`/intake/demands/${b}/resolution`, { text: '已修復導出模板' })).statusCode).toBe(200);
    await eventually(async () => {
      expect((await clocksOf(b)).resolution).toMatchObject({ state: 'met', usedMinutes: 120, pausedMinutes: 210, diffMinutes: 1680 });
    });
    expect((await clocksOf(a)).resolution).toMatchObject({ status: 'running', usedMinutes: 330, remainingMinutes: 1470 });

    // Department scoping: each department sees its own demand's clocks only; filters narrow the list.
    const ofTech = (await get('/quality-monitoring/clocks', techMember)).json();
    expect(new Set(ofTech.items.map((c: LiveClockView) => c.demandId))).toEqual(new Set([a]));
    expect((await clocksOf(a, devMember))).toEqual({});
    const running = (await get('/quality-monitoring/clocks?state=running&metric=resolution')).json();
    expect(running.items.map((c: LiveClockView) => c.demandId)).toEqual([a]);
    const breachedOnly = (await get('/quality-monitoring/clocks?breached=true')).json();
    expect(breachedOnly.items.map((c: LiveClockView) => c.clockId)).toEqual([`${a}.first-response.1`]);
    expect((await get('/quality-monitoring/clocks?department=software-development')).json().total).toBe(3);
  });

  it('takes a finding through a failed re-check to a pass on the second, measuring its overdue rectification', async () => {
    const techHead = { authorization: `Bearer ${await e2e.t.tokenFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] })}` };
    clock.set('2026-11-30T09:00:00Z');
    const raised = await post(
      '/quality-monitoring/findings',
      { departmentId: 'tech-support', responsibleId: 'ts-head', subject: '回覆未使用標準模板', requirements: '所有回覆使用核准模板', suggestions: '把模板置頂', processStage: 'intake' },
      e2e.monitor,
    );
    expect(raised.statusCode).toBe(201);
    const findingId = raised.json().id as string;
    const act = (step: string, payload: object, headers: RequestHeaders) => post(`/quality-monitoring/findings/${findingId}/${step}`, payload, headers);

    // Round 1: measures by 2 December 10:00Z (49 hours after the finding), reported in time, re-check failed.
    clock.set('2026-11-30T09:10:00Z');
    expect((await act('measures', { measures: '全員培訓', deadline: '2026-12-02T10:00:00Z' }, techHead)).json()).toMatchObject({ status: 'measures-submitted', round: 1 });
    expect((await act('measures', { measures: 'peek', deadline: '2026-12-02T10:00:00Z' }, devMember)).statusCode).toBe(404);
    clock.set('2026-12-01T09:00:00Z');
    expect((await act('report', { report: '已培訓 5 人' }, techHead)).statusCode).toBe(200);
    clock.set('2026-12-01T10:00:00Z');
    expect((await act('recheck', { passed: false, notes: '抽查仍有未用模板' }, e2e.monitor)).json()).toMatchObject({ status: 'reopened', round: 2 });

    // Round 2: a new deadline, 2 December 12:00Z (51 hours from the finding), passes unrectified: a breach.
    clock.set('2026-12-01T11:00:00Z');
    expect((await act('measures', { measures: '每日抽查', deadline: '2026-12-02T12:00:00Z' }, techHead)).statusCode).toBe(200);
    clock.set('2026-12-02T12:05:00Z');
    await eventually(async () => {
      const breaches = (await get('/quality-monitoring/breaches?period=2026-12')).json();
      expect(breaches.items).toEqual([
        expect.objectContaining({ caseId: findingId, caseKind: 'rectification', metric: 'rectification-deadline', departmentId: 'tech-support', dueAt: '2026-12-02T12:00:00.000Z', targetMinutes: 3060 }),
      ]);
    });
    // Published as an overdue rectification of the finding's department and responsible person (K-3.2).
    await eventually(async () => {
      expect(e2e.published.filter((m) => m.key === findingId && m.type === 'serviceledger.quality-monitoring.clock.breached.v2').map((m) => m.data)).toEqual([
        expect.objectContaining({ caseKind: 'rectification', metric: 'rectification-deadline', departmentId: 'tech-support', responsibleId: 'ts-head' }),
      ]);
    });
    clock.set('2026-12-02T13:00:00Z');
    expect((await act('report', { report: '連續三日抽查全部合格' }, techHead)).statusCode).toBe(200);
    clock.set('2026-12-02T14:00:00Z');
    const passed = await act('recheck', { passed: true, notes: '複查通過' }, e2e.monitor);
    expect(passed.json()).toMatchObject({ status: 'passed', round: 2 });

    // 53 hours used of 51: 120 minutes late.
    await eventually(async () => {
      expect((await clocksOf(findingId))['rectification-deadline']).toMatchObject({ state: 'missed', usedMinutes: 3180, diffMinutes: -120, departmentId: 'tech-support' });
    });
    const detail = (await get(`/quality-monitoring/findings/${findingId}?after=${passed.json().checkpoint}`)).json();
    expect(detail).toMatchObject({
      status: 'passed',
      round: 2,
      measures: '每日抽查',
      deadline: '2026-12-02T12:00:00.000Z',
      rechecks: [
        { round: 1, passed: false, by: 'qm-zhao' },
        { round: 2, passed: true, by: 'qm-zhao' },
      ],
    });
    expect((await get('/quality-monitoring/findings?state=passed', techMember)).json().items.map((f: { findingId: string }) => f.findingId)).toEqual([findingId]);
    expect((await get(`/quality-monitoring/findings/${findingId}`, devMember)).statusCode).toBe(404);
    expect((await get('/quality-monitoring/findings?state=reopened')).json().total).toBe(0);
    // It improves the intake stage (P-6.3): the improvements against a stage are listed by it.
    expect((await get('/quality-monitoring/findings?stage=intake')).json().items).toEqual([expect.objectContaining({ findingId, processStage: 'intake', status: 'passed' })]);
    expect((await get('/quality-monitoring/findings?stage=planning')).json().total).toBe(0);
    expect((await get('/quality-monitoring/findings?stage=coffee')).statusCode).toBe(400);
  });

  it('records daily checks: a spot check against a checklist version, a record review and a revisit', async () => {
    clock.set('2026-12-03T02:00:00Z');
    const put = (url: string, payload: object) => e2e.t.app.inject({ method: 'PUT', url, payload, headers: e2e.monitor });
    const items = [
      { itemId: 'greeting', text: '標準問候語', weight: 1, maxScore: 5 },
      { itemId: 'diagnosis', text: '準確判斷問題', weight: 3, maxScore: 10 },
    ];
    expect((await put('/quality-monitoring/checklists/phone-handling', { name: '電話處理', items })).json()).toMatchObject({ version: 1 });
    expect((await put('/quality-monitoring/checklists/phone-handling', { name: '電話處理', items: [...items, { itemId: 'closing', text: '確認客戶滿意', weight: 1, maxScore: 5 }] })).json()).toMatchObject({ version: 2 });
    // A check is of a demand quality monitoring knows, credited to the department it is assigned to:
    // A and C for tech-support, B for software-development, registered and assigned at 10:00 Thursday.
    const assigned = async (businessCategory: string, subject: string, departmentId: string) => {
      const id = (await post('/intake/demands', demand(businessCategory, subject))).json().id as string;
      expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
      expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
      await eventually(async () => expect((await clocksOf(id))['time-to-own']).toMatchObject({ status: 'stopped', departmentId }));
      return id;
    };
    const demandA = await assigned('technical-support', '電話無法轉接', 'tech-support');
    const demandB = await assigned('software-development', '登錄頁面報錯', 'software-development');
    const demandC = await assigned('technical-support', '網絡時斷時續', 'tech-support');

    // Version 1: (1 × 4/5 + 3 × 7/10) ÷ 4 = 72.5; version 2: (1 × 5/5 + 3 × 9/10 + 1 × 3/5) ÷ 5 = 86.
    const spot1 = await post(
      '/quality-monitoring/checks',
      { kind: 'spot-check', caseId: demandA, departmentId: 'tech-support', personId: 'ts-lead', checklistId: 'phone-handling', checklistVersion: 1, scores: [{ itemId: 'greeting', score: 4 }, { itemId: 'diagnosis', score: 7 }] },
      e2e.monitor,
    );
    expect(spot1.statusCode).toBe(201);
    expect(spot1.json().score).toBe(72.5);
    const spot2 = await post(
      '/quality-monitoring/checks',
      { kind: 'spot-check', caseId: demandC, departmentId: 'tech-support', checklistId: 'phone-handling', scores: [{ itemId: 'greeting', score: 5 }, { itemId: 'diagnosis', score: 9 }, { itemId: 'closing', score: 3 }] },
      e2e.monitor,
    );
    expect(spot2.json().score).toBe(86);
    const missing = await post('/quality-monitoring/checks', { kind: 'spot-check', caseId: demandA, departmentId: 'tech-support', checklistId: 'phone-handling', scores: [{ itemId: 'greeting', score: 5 }] }, e2e.monitor);
    expect(missing.json()).toMatchObject({ status: 409, code: 'item-not-scored' });
    expect((await post('/quality-monitoring/checks', { kind: 'record-review', caseId: demandB, departmentId: 'software-development', compliant: true }, e2e.monitor)).statusCode).toBe(201);
    const revisit = await post('/quality-monitoring/checks', { kind: 'revisit', caseId: demandB, departmentId: 'software-development', satisfied: true, customerScore: 5 }, e2e.monitor);
    expect(revisit.statusCode).toBe(201);
    expect((await post('/quality-monitoring/checks', { kind: 'revisit', caseId: demandB, departmentId: 'software-development' }, e2e.monitor)).statusCode).toBe(400);

    const report = (await get(`/quality-monitoring/checks?period=2026-12&after=${revisit.json().checkpoint}`)).json();
    expect(report.byDepartment).toEqual([
      { departmentId: 'software-development', checks: 2, spotChecks: 0, spotCheckScore: null },
      { departmentId: 'tech-support', checks: 2, spotChecks: 2, spotCheckScore: 79.25 },
    ]);
    expect(report.items.find((c: { kind: string; score?: number }) => c.score === 72.5)).toMatchObject({ checklist: { checklistId: 'phone-handling', version: 1 }, checkedBy: 'qm-zhao' });
    expect((await get('/quality-monitoring/checks?period=2026-12', devMember)).json().byDepartment).toEqual([
      { departmentId: 'software-development', checks: 2, spotChecks: 0, spotCheckScore: null },
    ]);
  });

  it('administers calendars and policies as versioned configuration', async () => {
    const manager = e2e.monitor;
    const calendars = (await get('/quality-monitoring/calendars')).json();
    expect(calendars).toEqual([expect.objectContaining({ calendarId: 'cn-office', timeZone: 'Asia/Shanghai', version: 1 })]);

    const put = (url: string, payload: object) => e2e.t.app.inject({ method: 'PUT', url, payload, headers: manager });
    const defined = await put('/quality-monitoring/calendars/de-office', {
      name: 'Berlin office',
      timeZone: 'Europe/Berlin',
      weeklyHours: { monday: [{ start: '09:00', end: '17:00' }], friday: [{ start: '09:00', end: '15:00' }] },
    });
    expect(defined.statusCode).toBe(200);
    expect(defined.json()).toMatchObject({ id: 'de-office', version: 1 });
    expect((await put('/quality-monitoring/calendars/de-office', { name: 'x', weeklyHours: {} })).json()).toMatchObject({ status: 409, code: 'calendar-exists' });
    expect((await put('/quality-monitoring/calendars/de-office/working-hours', { weeklyHours: { tuesday: [{ start: '08:00', end: '16:00' }] } })).json().version).toBe(2);
    expect((await post('/quality-monitoring/calendars/de-office/holidays', { holidays: [{ date: '2026-12-25', name: 'Weihnachten' }] }, manager)).json().version).toBe(3);
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:1@example',
      'DTSTART;VALUE=DATE:20261226',
      'SUMMARY:Zweiter Weihnachtstag',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:2@example',
      'DTSTART;VALUE=DATE:20261225',
      'SUMMARY:Weihnachten',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const imported = await e2e.t.app.inject({
      method: 'POST',
      url: '/quality-monitoring/calendars/de-office/holiday-imports?source=feiertage.ics',
      payload: ics,
      headers: { ...manager, 'content-type': 'text/calendar; charset=utf-8' },
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().version).toBe(4);
    const asJson = await post('/quality-monitoring/calendars/de-office/holiday-imports', { ics }, manager);
    expect(asJson.statusCode).toBe(200);
    expect(asJson.json().version).toBe(4); // nothing new: no version
    const removed = await e2e.t.app.inject({ method: 'DELETE', url: '/quality-monitoring/calendars/de-office/holidays/2026-12-25', headers: manager });
    expect(removed.json().version).toBe(5);
    const makeUp = await post('/quality-monitoring/calendars/de-office/make-up-days', { makeUpDays: [{ date: '2026-12-19', name: 'Inventur', intervals: [{ start: '09:00', end: '12:00' }] }] }, manager);
    expect(makeUp.json().version).toBe(6);
    expect((await e2e.t.app.inject({ method: 'DELETE', url: '/quality-monitoring/calendars/de-office/make-up-days/2026-12-20', headers: manager })).json()).toMatchObject({ status: 409, code: 'unknown-make-up-day' });
    const berlin = (await get('/quality-monitoring/calendars/de-office')).json();
    expect(berlin.makeUpDays).toEqual([{ date: '2026-12-19', name: 'Inventur', intervals: [{ start: '09:00', end: '12:00' }] }]);
    expect(berlin).toMatchObject({ version: 6, holidays: [{ date: '2026-12-26', name: 'Zweiter Weihnachtstag' }] });
    expect(berlin.weeklyHours.tuesday).toEqual([{ start: '08:00', end: '16:00' }]);
    expect((await post('/quality-monitoring/calendars/de-office/holiday-imports', { ics: '', extra: 1 }, manager)).statusCode).toBe(400);

    const policy = {
      kind: 'OLA',
      name: 'Berlin partner desk',
      match: { priorities: ['P1'], demandKinds: ['feedback'] },
      targets: { 'first-response': 20, resolution: 300 },
      calendarId: 'de-office',
      pauseOn: ['waiting-on-customer'],
    };
    expect((await put('/quality-monitoring/policies/berlin-ola', policy)).json()).toMatchObject({ id: 'berlin-ola', version: 1 });
    expect((await put('/quality-monitoring/policies/berlin-ola', { ...policy, warningThreshold: 0.5 })).json()).toMatchObject({ version: 2 });
    expect((await put('/quality-monitoring/policies/nowhere', { ...policy, calendarId: 'nowhere' })).json()).toMatchObject({ status: 409, code: 'unknown-calendar' });
    const bad = await put('/quality-monitoring/policies/bad', { ...policy, targets: { 'first-response': 0, speed: 3 } });
    expect(bad.statusCode).toBe(400);
    expect((await post('/quality-monitoring/policies/berlin-ola/retirement', { reason: 'Partner contract ended' }, manager)).json().version).toBe(3);
    const policies = (await get('/quality-monitoring/policies')).json();
    expect(policies.find((p: { policyId: string }) => p.policyId === 'berlin-ola')).toMatchObject({ retired: true, version: 3, warningThreshold: 0.5 });
    expect(policies.filter((p: { policyId: string }) => p.policyId.startsWith('standard-sla-'))).toHaveLength(4);
    // Only quality monitors manage the standards.
    const refused = await e2e.t.app.inject({ method: 'PUT', url: '/quality-monitoring/policies/x', payload: policy, headers: techMember });
    expect(refused.statusCode).toBe(403);
  });

  it('measures a complaint’s promised handling time (C-2.3), 24×7 as promised, standing still while the customer is awaited', async () => {
    clock.set('2027-01-04T01:00:00Z');
    const registered = await post('/intake/demands', { ...demand('technical-support', '維修拖延'), kind: 'complaint', promisedResult: '上門修復', impact: 1, urgency: 1 });
    expect(registered.statusCode).toBe(201);
    const id = registered.json().id as string;
    await post(`/intake/demands/${id}/triage`);
    await post(`/intake/demands/${id}/assignment`);
    await eventually(async () => {
      expect((await clocksOf(id))['promised-handling']).toMatchObject({ caseKind: 'complaint', status: 'running', targetMinutes: 240, deadlineAt: '2027-01-04T05:00:00.000Z', calendar: null });
    });
    clock.set('2027-01-04T01:30:00Z');
    expect((await post(`/intake/demands/${id}/waiting-on-customer`, { text: '等待客戶提供照片' })).statusCode).toBe(200);
    clock.set('2027-01-04T02:30:00Z');
    expect((await post(`/intake/demands/${id}/resumption`)).statusCode).toBe(200);
    clock.set('2027-01-04T03:00:00Z');
    expect((await post(`/intake/demands/${id}/complaint-result`, { channel: 'phone', result: '已更換配件' })).statusCode).toBe(200);
    expect((await post(`/intake/demands/${id}/resolution`, { text: '客戶接受', promisedResultDelivered: true })).statusCode).toBe(200);
    // 120 minutes from registration to resolution, 60 of them waiting on the customer: 60 used of 240.
    await eventually(async () => {
      expect((await clocksOf(id))['promised-handling']).toMatchObject({ state: 'met', usedMinutes: 60, pausedMinutes: 60, diffMinutes: 180 });
    });
  });

  it('takes an after-sales problem through intake\'s whole path, measured as an after-sales case (P-6.2)', async () => {
    // Monday 18 January 2027, 09:00: the customer reports a problem after delivery; P3 targets.
    clock.set('2027-01-18T01:00:00Z');
    const registered = await post('/intake/demands', { ...demand('technical-support', '交付後打印機再次離線'), kind: 'after-sales' });
    expect(registered.statusCode).toBe(201);
    const id = registered.json().id as string;
    // A named owner at 09:10, the prompt response at 09:40, resolved at 11:00 and closed.
    clock.set('2027-01-18T01:10:00Z');
    await post(`/intake/demands/${id}/triage`);
    expect((await post(`/intake/demands/${id}/assignment`)).statusCode).toBe(200);
    clock.set('2027-01-18T01:40:00Z');
    expect((await post(`/intake/demands/${id}/replies`, { channel: 'phone', body: '工程師今天上午處理。' })).statusCode).toBe(201);
    clock.set('2027-01-18T03:00:00Z');
    expect((await post(`/intake/demands/${id}/resolution`, { text: '更換網卡後恢復', processStage: 'implementation' })).statusCode).toBe(200);
    const closed = await post(`/intake/demands/${id}/closure`, { text: '客戶確認' });
    expect(closed.statusCode).toBe(200);
    const detail = (await get(`/intake/demands/${id}?after=${closed.json().checkpoint}`, e2e.agent)).json();
    expect(detail).toMatchObject({ kind: 'after-sales', status: 'closed', ownerId: expect.any(String) });
    await eventually(async () => {
      const clocks = await clocksOf(id);
      expect(Object.fromEntries(Object.values(clocks).map((c) => [c.metric, [c.state, c.usedMinutes]]))).toEqual({
        'time-to-own': ['met', 10],
        'first-response': ['met', 40],
        resolution: ['met', 120],
        // The seeded timely-recording target: reported and registered at once.
        'recording-delay': ['met', 0],
      });
      expect(Object.values(clocks).every((c) => c.caseKind === 'after-sales')).toBe(true);
      // Customer service registered it and answers for recording it; tech support for the rest (二(一)2).
      expect(Object.values(clocks).map((c) => [c.metric, c.departmentId]).sort()).toEqual([
        ['first-response', 'tech-support'],
        ['recording-delay', 'customer-service'],
        ['resolution', 'tech-support'],
        ['time-to-own', 'tech-support'],
      ]);
    });
  });

  it('pauses resolution while a complaint waits on a third party, but not the promise to the customer', async () => {
    // Monday 11 January 2027, 09:00: a P1 complaint (resolution 450 business minutes, promise 4 hours 24×7).
    clock.set('2027-01-11T01:00:00Z');
    const registered = await post('/intake/demands', { ...demand('technical-support', '供應商延誤交貨'), kind: 'complaint', promisedResult: '補發貨品', impact: 1, urgency: 1 });
    const id = registered.json().id as string;
    await post(`/intake/demands/${id}/triage`);
    await post(`/intake/demands/${id}/assignment`);
    // 10:00–11:00 the parts supplier is awaited.
    clock.set('2027-01-11T02:00:00Z');
    expect((await post(`/intake/demands/${id}/waiting-on-third-party`, { party: '深圳某配件供應商', reason: '等待更換配件到貨' })).statusCode).toBe(200);
    await eventually(async () => {
      const clocks = await clocksOf(id);
      expect(clocks.resolution).toMatchObject({ status: 'paused', usedMinutes: 60 });
      expect(clocks['promised-handling']).toMatchObject({ status: 'running' });
    });
    clock.set('2027-01-11T03:00:00Z');
    expect((await post(`/intake/demands/${id}/resumption`)).statusCode).toBe(200);
    clock.set('2027-01-11T03:30:00Z');
    expect((await post(`/intake/demands/${id}/complaint-result`, { channel: 'phone', result: '配件已更換' })).statusCode).toBe(200);
    expect((await post(`/intake/demands/${id}/resolution`, { text: '客戶接受', promisedResultDelivered: true })).statusCode).toBe(200);
    // 09:00–11:30: resolution counts 90 (60 paused on the supplier); the promise counts all 150 of its 240.
    await eventually(async () => {
      const clocks = await clocksOf(id);
      expect(clocks.resolution).toMatchObject({ state: 'met', usedMinutes: 90, pausedMinutes: 60 });
      expect(clocks['promised-handling']).toMatchObject({ state: 'met', usedMinutes: 150, pausedMinutes: 0 });
    });
  });

  it('lets the agent working the queue read the clocks of a page of demands in one request, and no one without the permission', async () => {
    const ids: string[] = [];
    for (const subject of ['網絡中斷', '郵件無法收發', '打印機卡紙']) {
      const id = (await post('/intake/demands', demand('technical-support', subject))).json().id as string;
      expect((await post(`/intake/demands/${id}/triage`)).statusCode).toBe(200);
      ids.push(id);
    }
    await eventually(async () => expect(Object.keys(await clocksOf(ids[2]))).toContain('time-to-own'));
    // Agents are not quality monitors, yet they answer for the clocks their queue shows (sla-clock:read).
    const page = await get(`/quality-monitoring/clocks?demands=${ids[0]},${ids[2]}&pageSize=100`, e2e.agent);
    expect(page.statusCode).toBe(200);
    expect(new Set(page.json().items.map((clock: LiveClockView) => clock.demandId))).toEqual(new Set([ids[0], ids[2]]));

    const tooMany = await get(`/quality-monitoring/clocks?demands=${Array.from({ length: 101 }, (_, i) => `d-${i}`).join(',')}`, e2e.agent);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors).toEqual([expect.objectContaining({ field: 'demands', message: expect.stringContaining('at most 100') })]);
    const customer = await e2e.t.headersFor({ userId: 'c-1', roles: ['customer'], customerId: e2e.customerId });
    expect((await get(`/quality-monitoring/clocks?demands=${ids[0]}`, customer)).statusCode).toBe(403);
  });
});
