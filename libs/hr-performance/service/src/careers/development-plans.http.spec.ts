import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually } from '@serviceledger/platform/testing';
import { EMPLOYEE_LEFT_V1, HR_STAFF_TOPIC } from '@serviceledger/hr-performance/contracts';
import { hireSupportEngineers, hrPeople, hrRequests, startHrApp } from '../testing/hr-test-app';

/**
 * Individual development plans over HTTP (H-3.1): recorded with interests, strengths and goals, a path and
 * training opportunities; reviewed at least yearly, with the overdue reviews raised by the scheduler; the
 * employee reads their own; leaving closes the plan and publishes employee.left; erasure empties it.
 */
describe('development plans over HTTP', () => {
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  const published: IntegrationMessage[] = [];
  let t: TestApp;
  let hr: RequestHeaders;
  let tsHead: RequestHeaders;
  let smHead: RequestHeaders;
  let analyst: RequestHeaders;
  let wang: RequestHeaders;
  let chen: RequestHeaders;
  const { send, get } = hrRequests(() => t, () => hr);
  const plan = {
    interests: ['Networks'],
    strengths: ['Calm with customers'],
    goals: ['Lead a support team within three years'],
    path: { track: 'management', targetLevel: 'M1' },
    trainingOpportunities: ['Team leadership course'],
  };

  beforeAll(async () => {
    t = await startHrApp({ clock });
    await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'development-plans-spec', topics: [HR_STAFF_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
    ({ hr, tsHead, smHead, analyst, wang } = await hrPeople(t));
    chen = await t.headersFor({ userId: 'tech-chen', roles: ['technician'], departments: ['tech-support'] });
    const employees = ['tech-wang', 'tech-chen'].map((employeeId) => ({ employeeId, name: `Name of ${employeeId}` }));
    await hireSupportEngineers(send, employees, { level: 'P2', hiredOn: '2025-03-01' });
  });
  afterAll(() => t.close());

  it('records a plan with its path and training opportunities, due for review within a year', async () => {
    const recorded = await send('PUT', '/hr-performance/development-plans/tech-wang', plan);
    expect(recorded.json()).toMatchObject({ id: 'tech-wang' });
    expect((await get('/hr-performance/development-plans/tech-wang', tsHead)).json()).toMatchObject({
      ...plan,
      version: 1,
      recordedOn: '2026-12-01',
      nextReviewDue: '2027-12-01',
      status: 'active',
      currentDepartmentId: 'tech-support',
    });
    expect((await get('/hr-performance/me/development-plan', wang)).json()).toMatchObject({ employeeId: 'tech-wang', goals: plan.goals });
    expect((await get('/hr-performance/me/development-plan', chen)).statusCode).toBe(404);
    expect((await get('/hr-performance/development-plans/tech-wang', smHead)).statusCode).toBe(404);
    expect((await get('/hr-performance/development-plans/tech-wang', analyst)).statusCode).toBe(404);
    expect((await get('/hr-performance/development-plans/tech-wang', wang)).statusCode).toBe(403);
  });

  it('refuses a plan without goals (409), malformed input (400), and a plan for someone not on the record (404)', async () => {
    expect((await send('PUT', '/hr-performance/development-plans/tech-chen', { ...plan, goals: [] })).json()).toMatchObject({ status: 409, code: 'plan-part-missing', detail: expect.stringContaining('goals is empty') });
    expect((await send('PUT', '/hr-performance/development-plans/tech-chen', { ...plan, reviewIntervalDays: 400 })).statusCode).toBe(400);
    expect((await send('PUT', '/hr-performance/development-plans/tech-chen', { ...plan, path: { track: 'sales', targetLevel: 'S1' } })).statusCode).toBe(400);
    expect((await send('PUT', '/hr-performance/development-plans/nobody', plan)).statusCode).toBe(404);
    expect((await send('POST', '/hr-performance/development-plans/tech-chen/reviews', { notes: 'No plan yet' })).statusCode).toBe(404);
  });

  it('lists a review as overdue once the scheduler’s clock passes its date, until it is reviewed', async () => {
    await send('PUT', '/hr-performance/development-plans/tech-chen', { ...plan, reviewIntervalDays: 30 });
    clock.set('2026-12-31T16:00:01Z');
    const overdue = () => t.app.inject({ method: 'GET', url: '/hr-performance/development-reviews/overdue', headers: tsHead });
    await eventually(async () => expect((await overdue()).json().items).toEqual([{ employeeId: 'tech-chen', departmentId: 'tech-support', version: 1, lastReviewedOn: '2026-12-01', nextReviewDue: '2026-12-31' }]));
    expect((await t.app.inject({ method: 'GET', url: '/hr-performance/development-reviews/overdue', headers: smHead })).json().total).toBe(0);

    const reviewed = await send('POST', '/hr-performance/development-plans/tech-chen/reviews', { notes: 'Reviewed late; goals unchanged' });
    expect(reviewed.statusCode).toBe(200);
    expect((await get('/hr-performance/development-reviews/overdue', tsHead)).json().total).toBe(0);
    expect((await get('/hr-performance/development-plans/tech-chen')).json()).toMatchObject({ status: 'active', lastReviewedOn: '2027-01-01', nextReviewDue: '2027-01-31', reviews: [{ notes: 'Reviewed late; goals unchanged', reviewedBy: 'hr-li' }] });
  });

  it('closes the plan when the employee leaves, publishes employee.left, and empties the plan on erasure', async () => {
    expect((await send('POST', '/hr-performance/employees/tech-wang/leaving', { leftOn: '2027-01-31', reason: 'resigned' })).statusCode).toBe(200);
    expect((await get('/hr-performance/development-plans/tech-wang')).json().status).toBe('closed');
    expect((await send('POST', '/hr-performance/development-plans/tech-wang/reviews', { notes: 'After leaving' })).json()).toMatchObject({ status: 409, code: 'plan-closed' });
    expect((await send('PUT', '/hr-performance/development-plans/tech-wang', plan)).json()).toMatchObject({ status: 409, code: 'employee-left' });
    await eventually(async () => expect(published.filter((m) => m.type === EMPLOYEE_LEFT_V1.type)).toHaveLength(1));
    expect(published.find((m) => m.type === EMPLOYEE_LEFT_V1.type)).toMatchObject({
      key: 'tech-wang',
      data: { employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer', leftOn: '2027-01-31', reason: 'resigned' },
    });

    expect((await send('POST', '/hr-performance/employees/tech-wang/erasure', {})).statusCode).toBe(200);
    const erased = (await get('/hr-performance/development-plans/tech-wang')).json();
    expect(erased).toMatchObject({ interests: ['[erased]'], strengths: ['[erased]'], goals: ['[erased]'], trainingOpportunities: ['[erased]'], erased: true, path: plan.path });
    expect(JSON.stringify(erased)).not.toContain('Lead a support team');
    expect((await get('/hr-performance/employees/tech-wang')).json().name).toBe('[erased]');
  });
});
