import { randomUUID } from 'node:crypto';
import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { EVENT_STORE, MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually } from '@serviceledger/platform/testing';
import { HR_STAFF_TOPIC, ONBOARDING_OVERDUE_V1, TRAINING_COMPLETED_V1 } from '@serviceledger/hr-performance/contracts';
import { trainingSessionStream } from '@serviceledger/hr-performance/domain';
import { StaffRecords } from '../employees/staff-records';
import { ONBOARDING_TOPICS as TOPICS, hireSupportEngineers, hrPeople, hrRequests, startHrApp } from '../testing/hr-test-app';

/**
 * Training over HTTP (H-1.2, H-1.3): a department's yearly plan, onboarding and regular sessions with
 * attendance and assessment, onboarding that falls overdue when the scheduler's clock passes its due date,
 * and the training matrix per department, per employee, as CSV and as counts.
 */
describe('training over HTTP', () => {
  // Monday 2 November 2026, 10:00 in Shanghai.
  const clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  const published: IntegrationMessage[] = [];
  let t: TestApp;
  let hr: RequestHeaders;
  let tsHead: RequestHeaders;
  let smHead: RequestHeaders;
  let analyst: RequestHeaders;
  let wang: RequestHeaders;
  const { send, get } = hrRequests(() => t, () => hr);

  const plan = {
    items: [
      { trainingId: 'network-diagnostics', kind: 'professional-skills', title: 'Network diagnostics', postIds: ['support-engineer'], dueBy: '2026-11-30' },
      { trainingId: 'industry-trends', kind: 'industry-knowledge', title: 'Industry trends', postIds: [], dueBy: '2026-12-31' },
      { trainingId: 'customer-first', kind: 'service-awareness', title: 'Customer first', postIds: [], dueBy: '2026-12-15' },
    ],
  };

  async function session(body: object): Promise<string> {
    const response = await send('POST', '/hr-performance/training-sessions', { departmentId: 'tech-support', heldOn: '2026-11-05', trainer: 'Li Na', ...body });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  async function assess(sessionId: string, results: Array<{ employeeId: string; passed: boolean; score?: number }>) {
    expect((await send('POST', `/hr-performance/training-sessions/${sessionId}/attendance`, { attendees: results.map(({ employeeId }) => ({ employeeId, attended: true })) })).statusCode).toBe(200);
    for (const result of results) expect((await send('POST', `/hr-performance/training-sessions/${sessionId}/results`, result)).statusCode).toBe(200);
  }

  beforeAll(async () => {
    t = await startHrApp({ clock });
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'training-spec', topics: [HR_STAFF_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
    ({ hr, tsHead, smHead, analyst, wang } = await hrPeople(t));
    const employees = ['tech-wang', 'tech-chen'].map((employeeId) => ({ employeeId, name: employeeId }));
    const hired = await hireSupportEngineers(send, employees, { level: 'P1', hiredOn: '2026-11-02', topicTitle: (topic) => `About ${topic}` });
    expect(hired.map((response) => response.statusCode)).toEqual([201, 201]);
  });
  afterAll(() => t.close());

  it('takes a department’s plan of the year only with all three kinds of regular training', async () => {
    const missing = await send('PUT', '/hr-performance/training-plans/tech-support/2026', { items: plan.items.slice(0, 2) });
    expect(missing.json()).toMatchObject({ status: 409, code: 'training-kind-missing', detail: expect.stringContaining('no service-awareness training') });
    expect((await send('PUT', '/hr-performance/training-plans/tech-support/2026', { items: [{ ...plan.items[0], kind: 'golf' }] })).statusCode).toBe(400);
    expect((await send('PUT', '/hr-performance/training-plans/tech-support/26', plan)).statusCode).toBe(400);
    expect((await send('PUT', '/hr-performance/training-plans/tech-support/2026', plan)).json()).toMatchObject({ id: 'tech-support.2026', version: 1 });
    expect((await get('/hr-performance/training-plans/tech-support/2026', analyst)).json()).toMatchObject({ version: 1, items: [{ trainingId: 'network-diagnostics', postIds: ['support-engineer'] }, {}, {}] });
    expect((await get('/hr-performance/training-plans/tech-support/2025')).statusCode).toBe(404);
  });

  it('records attendance and assessments: onboarding topics complete the onboarding, a planned session publishes training.completed', async () => {
    clock.set('2026-11-05T08:00:00Z');
    expect((await send('POST', '/hr-performance/training-sessions', { trainingId: 'onboarding-culture', kind: 'onboarding', title: 'Culture', departmentId: 'tech-support', heldOn: '2026-11-05', trainer: 'Li Na' })).statusCode).toBe(400);
    const early = await session({ trainingId: 'onboarding-company', kind: 'onboarding', topic: 'company', title: 'Company', heldOn: '2026-11-06' });
    expect((await send('POST', `/hr-performance/training-sessions/${early}/attendance`, { attendees: [{ employeeId: 'tech-wang', attended: true }] })).json()).toMatchObject({ status: 409, code: 'session-not-held' });
    expect((await send('POST', `/hr-performance/training-sessions/${early}/attendance`, { attendees: [] })).statusCode).toBe(400);

    for (const topic of TOPICS) {
      const id = await session({ trainingId: `onboarding-${topic}`, kind: 'onboarding', topic, title: `About ${topic}` });
      await assess(id, topic === 'culture' ? [{ employeeId: 'tech-wang', passed: true, score: 90 }, { employeeId: 'tech-chen', passed: false, score: 40 }] : [{ employeeId: 'tech-wang', passed: true }]);
    }
    const network = await session({ trainingId: 'network-diagnostics', kind: 'professional-skills', title: 'Network diagnostics' });
    expect((await send('POST', `/hr-performance/training-sessions/${network}/attendance`, { attendees: [{ employeeId: 'nobody', attended: true }] })).json()).toMatchObject({ status: 409, code: 'unknown-employee' });
    await assess(network, [{ employeeId: 'tech-wang', passed: true, score: 86 }]);
    expect((await send('POST', `/hr-performance/training-sessions/${network}/results`, { employeeId: 'tech-chen', passed: true })).json()).toMatchObject({ status: 409, code: 'not-attended' });
    expect((await send('POST', `/hr-performance/training-sessions/${network}/results`, { employeeId: 'tech-wang', passed: true, score: 101 })).statusCode).toBe(400);

    expect((await get('/hr-performance/employees/tech-wang')).json().onboarding).toMatchObject({ status: 'completed', completedOn: '2026-11-05' });
    expect((await get(`/hr-performance/training-sessions/${network}`, tsHead)).json()).toMatchObject({ planItem: { departmentId: 'tech-support', year: 2026, trainingId: 'network-diagnostics' }, results: [{ employeeId: 'tech-wang', passed: true, score: 86 }] });
    expect((await get(`/hr-performance/training-sessions/${network}`, smHead)).statusCode).toBe(404);
    await eventually(async () => expect(published.filter((m) => m.type === TRAINING_COMPLETED_V1.type)).toHaveLength(6));
    expect(published.find((m) => m.type === TRAINING_COMPLETED_V1.type && (m.data as { kind: string }).kind === 'professional-skills')).toMatchObject({
      key: 'tech-wang',
      data: { employeeId: 'tech-wang', departmentId: 'tech-support', sessionId: network, planItem: { departmentId: 'tech-support', year: 2026, itemId: 'network-diagnostics' }, score: 86, completedOn: '2026-11-05' },
    });
  });

  it('marks onboarding overdue when the scheduler’s clock passes the due date, for HR and the department head, and publishes it', async () => {
    clock.set('2026-12-02T15:59:00Z');
    expect((await get('/hr-performance/onboarding/overdue')).json().total).toBe(0);
    clock.set('2026-12-02T16:00:01Z');
    await eventually(async () => expect((await t.app.inject({ method: 'GET', url: '/hr-performance/onboarding/overdue', headers: hr })).json().total).toBe(1));
    const overdue = (await t.app.inject({ method: 'GET', url: '/hr-performance/onboarding/overdue', headers: tsHead })).json();
    expect(overdue.items).toEqual([
      { employeeId: 'tech-chen', name: 'tech-chen', departmentId: 'tech-support', postId: 'support-engineer', hiredOn: '2026-11-02', dueOn: '2026-12-02', missingTopics: TOPICS },
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/hr-performance/onboarding/overdue', headers: smHead })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/hr-performance/onboarding/overdue', headers: analyst })).json().total).toBe(0);
    await eventually(async () => expect(published.filter((m) => m.type === ONBOARDING_OVERDUE_V1.type)).toHaveLength(1));
    expect(published.find((m) => m.type === ONBOARDING_OVERDUE_V1.type)).toMatchObject({ key: 'tech-chen', data: { employeeId: 'tech-chen', dueOn: '2026-12-02', missingTopics: TOPICS } });
  });

  it('shows the training matrix: who has done what their post requires, and what is overdue', async () => {
    clock.set('2026-12-03T02:00:00Z');
    const matrix = (await get('/hr-performance/training-matrix?department=tech-support&year=2026')).json();
    expect(matrix).toMatchObject({ year: 2026, today: '2026-12-03', total: 2 });
    const [chen, wangRow] = matrix.items;
    expect(wangRow).toMatchObject({ employeeId: 'tech-wang', done: 6, due: 2, overdue: 0 });
    expect(wangRow.required.find((r: { trainingId: string }) => r.trainingId === 'onboarding:culture')).toEqual({
      trainingId: 'onboarding:culture',
      kind: 'onboarding',
      title: 'About culture',
      dueOn: '2026-12-02',
      status: 'done',
      completedOn: '2026-11-05',
      score: 90,
    });
    expect(wangRow.required.find((r: { trainingId: string }) => r.trainingId === 'network-diagnostics')).toMatchObject({ status: 'done', score: 86 });
    expect(chen).toMatchObject({ employeeId: 'tech-chen', done: 0, due: 2, overdue: 6 });
    expect(chen.required.map((r: { trainingId: string; status: string }) => `${r.trainingId}:${r.status}`)).toEqual([
      ...TOPICS.map((topic) => `onboarding:${topic}:overdue`),
      'network-diagnostics:overdue',
      'industry-trends:due',
      'customer-first:due',
    ]);

    expect((await get('/hr-performance/training-matrix/employees/tech-chen', tsHead)).json()).toMatchObject({ employeeId: 'tech-chen', overdue: 6 });
    expect((await get('/hr-performance/training-matrix/employees/tech-chen', smHead)).statusCode).toBe(404);
    expect((await get('/hr-performance/training-matrix/employees/tech-chen', analyst)).statusCode).toBe(404);
    expect((await get('/hr-performance/training-matrix', analyst)).json()).toMatchObject({ items: [], total: 0 });
    expect((await get('/hr-performance/me/training', wang)).json()).toMatchObject({ employeeId: 'tech-wang', done: 6 });
    expect((await get('/hr-performance/training-matrix?year=1999')).statusCode).toBe(400);

    expect((await get('/hr-performance/training-matrix/summary?year=2026', analyst)).json()).toEqual({
      year: 2026,
      today: '2026-12-03',
      departments: [{ departmentId: 'tech-support', employees: 2, required: 16, done: 6, due: 4, overdue: 6, onboardingOverdue: 1 }],
    });
  });

  it('gives promotions a person’s track, level, time in level and completed trainings (StaffRecords)', async () => {
    const facts = await t.app.get(StaffRecords).facts('tech-wang');
    expect(facts).toMatchObject({ employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', track: 'professional', level: 'P1', levelSince: '2026-11-02', hiredOn: '2026-11-02', leftOn: null });
    expect(facts?.completedTrainings.map((c) => c.trainingId).sort()).toEqual([...TOPICS.map((topic) => `onboarding-${topic}`), 'network-diagnostics'].sort());
    expect(facts?.completedTrainings.find((c) => c.trainingId === 'network-diagnostics')).toMatchObject({ kind: 'professional-skills', completedOn: '2026-11-05', score: 86 });
    expect(await t.app.get(StaffRecords).facts('nobody')).toBeUndefined();
  });

  it('exports the matrix as CSV, a row per employee and required training, scoped like the matrix', async () => {
    const csv = await get('/hr-performance/training-matrix.csv?year=2026', tsHead);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('employeeId,name,departmentId,postId,trainingId,kind,title,dueOn,status,completedOn,score');
    expect(lines).toHaveLength(1 + 16);
    expect(lines).toContain('tech-wang,tech-wang,tech-support,support-engineer,network-diagnostics,professional-skills,Network diagnostics,2026-11-30,done,2026-11-05,86');
    expect(lines).toContain('tech-chen,tech-chen,tech-support,support-engineer,network-diagnostics,professional-skills,Network diagnostics,2026-11-30,overdue,,');
    const forAnalyst = (await get('/hr-performance/training-matrix.csv?year=2026', analyst)).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(forAnalyst).toEqual(['employeeId,name,departmentId,postId,trainingId,kind,title,dueOn,status,completedOn,score']);
  });

  it('schedules one session and records one result for a retried request (Idempotency-Key)', async () => {
    const key = { ...hr, 'idempotency-key': randomUUID() };
    const body = { trainingId: 'industry-trends', kind: 'industry-knowledge', title: 'Industry trends', departmentId: 'tech-support', heldOn: '2026-12-03', trainer: 'Li Na' };
    const first = await send('POST', '/hr-performance/training-sessions', body, key);
    const retry = await send('POST', '/hr-performance/training-sessions', body, key);
    expect(first.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const sessionId = first.json().id;
    await send('POST', `/hr-performance/training-sessions/${sessionId}/attendance`, { attendees: [{ employeeId: 'tech-wang', attended: true }] });
    const resultKey = { ...hr, 'idempotency-key': randomUUID() };
    const passed = await send('POST', `/hr-performance/training-sessions/${sessionId}/results`, { employeeId: 'tech-wang', passed: true, score: 75 }, resultKey);
    expect((await send('POST', `/hr-performance/training-sessions/${sessionId}/results`, { employeeId: 'tech-wang', passed: true, score: 75 }, resultKey)).json()).toEqual(passed.json());
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(trainingSessionStream(sessionId));
    expect(events.map((e) => e.type)).toEqual(['TrainingSessionScheduled', 'TrainingAttendanceRecorded', 'TrainingCompleted']);
  });
});
