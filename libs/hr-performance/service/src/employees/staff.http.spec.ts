import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, TestApp } from '@serviceledger/platform/testing';
import { MET, hrPeople, hrRequests, startHrApp } from '../testing/hr-test-app';

/**
 * Posts and employees over HTTP (H-1.1, H-1.2): recruitment standards versioned, onboarding programmes that
 * cover every topic, hiring and placing people, leaving and erasure; who sees whom.
 */
describe('posts and employees over HTTP', () => {
  const clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  let t: TestApp;
  let hr: RequestHeaders;
  let tsHead: RequestHeaders;
  let smHead: RequestHeaders;
  let analyst: RequestHeaders;
  let wang: RequestHeaders;
  let member: RequestHeaders;
  const { send, get } = hrRequests(() => t, () => hr);

  const standards = { knowledge: 'Networks and operating systems', skills: 'Diagnoses faults on site', serviceAttitude: 'Patient and courteous' };
  const programme = {
    items: [
      { topic: 'company', title: 'Who we are' },
      { topic: 'culture', title: 'Customer first' },
      { topic: 'service-process', title: 'From demand to acceptance' },
      { topic: 'business-knowledge', title: 'Our products' },
      { topic: 'communication-skills', title: 'Talking to customers' },
    ],
  };
  const post = (departmentId: string, track = 'professional') => ({ name: 'Engineer', departmentId, track, duties: ['Resolve faults'], standards });

  beforeAll(async () => {
    t = await startHrApp({ clock });
    ({ hr, tsHead, smHead, analyst, wang } = await hrPeople(t));
    member = await t.headersFor({ userId: 'tech-chen', roles: ['department-member'], departments: ['tech-support'] });
    expect((await send('PUT', '/hr-performance/posts/support-engineer', post('tech-support'))).statusCode).toBe(200);
    expect((await send('PUT', '/hr-performance/posts/support-engineer/onboarding-programme', programme)).statusCode).toBe(200);
    expect((await send('PUT', '/hr-performance/posts/field-engineer', post('system-maintenance'))).statusCode).toBe(200);
    expect((await send('PUT', '/hr-performance/posts/field-engineer/onboarding-programme', { ...programme, dueWithinDays: 14 })).statusCode).toBe(200);
    for (const [employeeId, postId] of [['tech-wang', 'support-engineer'], ['tech-chen', 'support-engineer'], ['sm-zhao', 'field-engineer']]) {
      const hired = await send('POST', '/hr-performance/employees', { employeeId, name: `Name of ${employeeId}`, postId, level: 'P1', hiredOn: '2026-11-02', assessment: MET });
      expect(hired.statusCode).toBe(201);
      expect(hired.json()).toMatchObject({ id: employeeId });
    }
  });
  afterAll(() => t.close());

  it('keeps every version of a post’s recruitment standards, in three parts', async () => {
    const revised = await send('PUT', '/hr-performance/posts/support-engineer', { ...post('tech-support'), standards: { ...standards, skills: 'Diagnoses faults; writes clear reports' } });
    expect(revised.json()).toMatchObject({ id: 'support-engineer', standardsVersion: 2 });
    const detail = (await get('/hr-performance/posts/support-engineer', tsHead)).json();
    expect(detail).toMatchObject({ postId: 'support-engineer', departmentId: 'tech-support', track: 'professional', duties: ['Resolve faults'] });
    expect(detail.standards).toEqual([
      expect.objectContaining({ version: 1, ...standards }),
      expect.objectContaining({ version: 2, skills: 'Diagnoses faults; writes clear reports', knowledge: standards.knowledge, serviceAttitude: standards.serviceAttitude }),
    ]);
    expect(detail.onboarding).toMatchObject({ version: 1, dueWithinDays: 30 });
    expect((await get('/hr-performance/posts?department=system-maintenance', analyst)).json()).toMatchObject({ total: 1, items: [{ postId: 'field-engineer' }] });
  });

  it('refuses bad input with 400 and rule breaches with 409, appending nothing', async () => {
    const emptyPart = await send('PUT', '/hr-performance/posts/team-lead', { ...post('tech-support'), standards: { ...standards, serviceAttitude: '' } });
    expect(emptyPart.statusCode).toBe(400);
    const blankPart = await send('PUT', '/hr-performance/posts/team-lead', { ...post('tech-support'), standards: { ...standards, serviceAttitude: '   ' } });
    expect(blankPart.json()).toMatchObject({ status: 400, detail: expect.stringContaining('standards.serviceAttitude') });
    const otherTrack = await send('PUT', '/hr-performance/posts/support-engineer', post('tech-support', 'management'));
    expect(otherTrack.json()).toMatchObject({ status: 409, code: 'post-identity-fixed' });
    expect((await send('PUT', '/hr-performance/posts/team-lead', { ...post('tech-support'), track: 'sales' })).statusCode).toBe(400);
    expect((await send('PUT', '/hr-performance/posts/Team Lead', post('tech-support'))).statusCode).toBe(400);
    expect((await get('/hr-performance/posts/team-lead')).statusCode).toBe(404);

    const missing = await send('PUT', '/hr-performance/posts/support-engineer/onboarding-programme', { items: programme.items.filter((i) => i.topic !== 'culture') });
    expect(missing.json()).toMatchObject({ status: 409, code: 'onboarding-topic-missing', detail: expect.stringContaining('does not cover culture') });
    expect((await send('PUT', '/hr-performance/posts/support-engineer/onboarding-programme', { items: [{ topic: 'golf', title: 'Golf' }] })).statusCode).toBe(400);

    expect((await send('POST', '/hr-performance/employees', { employeeId: 'x y', name: 'X', postId: 'support-engineer', level: 'P1', hiredOn: '2026-11-02', assessment: MET })).statusCode).toBe(400);
    expect((await send('POST', '/hr-performance/employees', { employeeId: 'tech-li', name: 'Li', postId: 'support-engineer', level: 'P1', hiredOn: '2026-02-30' })).statusCode).toBe(400);
    expect((await send('POST', '/hr-performance/employees', { employeeId: 'tech-li', name: 'Li', postId: 'support-engineer', level: 'P1', hiredOn: '2026-13-01', assessment: MET })).json()).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'hiredOn' })],
    });
    expect((await send('POST', '/hr-performance/employees', { employeeId: 'tech-li', name: 'Li', postId: 'nowhere', level: 'P1', hiredOn: '2026-11-02', assessment: MET })).json()).toMatchObject({ status: 409, code: 'unknown-post' });
    expect((await send('POST', '/hr-performance/employees', { employeeId: 'tech-wang', name: 'Wang', postId: 'support-engineer', level: 'P1', hiredOn: '2026-11-02', assessment: MET })).json()).toMatchObject({ status: 409, code: 'employee-exists' });
    const hireLi = { employeeId: 'tech-li', name: 'Li', postId: 'support-engineer', level: 'P1', hiredOn: '2026-11-02' };
    expect((await send('POST', '/hr-performance/employees', hireLi)).statusCode).toBe(400);
    expect((await send('POST', '/hr-performance/employees', { ...hireLi, assessment: { ...MET, serviceAttitude: false } })).json()).toMatchObject({
      status: 409,
      code: 'standards-not-met',
      detail: expect.stringContaining('does not meet the service attitude of post support-engineer'),
    });
    expect((await get('/hr-performance/employees/tech-li')).statusCode).toBe(404);
  });

  it('shows HR everyone, a department head their department, and analysts and other staff no one', async () => {
    const ids = (page: { items: Array<{ employeeId: string }> }) => page.items.map((e) => e.employeeId);
    expect(ids((await get('/hr-performance/employees')).json())).toEqual(['sm-zhao', 'tech-chen', 'tech-wang']);
    expect(ids((await get('/hr-performance/employees', tsHead)).json())).toEqual(['tech-chen', 'tech-wang']);
    expect(ids((await get('/hr-performance/employees', smHead)).json())).toEqual(['sm-zhao']);
    expect((await get('/hr-performance/employees', analyst)).json()).toMatchObject({ items: [], total: 0 });
    expect((await get('/hr-performance/employees/tech-wang', tsHead)).json()).toMatchObject({ name: 'Name of tech-wang', level: 'P1', standardsVersion: 1, onboarding: { status: 'due', dueOn: '2026-12-02' } });
    expect((await get('/hr-performance/employees/tech-wang', smHead)).statusCode).toBe(404);
    expect((await get('/hr-performance/employees/tech-wang', analyst)).statusCode).toBe(404);
    expect((await get('/hr-performance/employees/tech-wang', member)).statusCode).toBe(403);
    expect((await get('/hr-performance/me', wang)).json()).toMatchObject({ employeeId: 'tech-wang', departmentId: 'tech-support', postId: 'support-engineer' });
    expect((await get('/hr-performance/me', analyst)).statusCode).toBe(404);
    expect((await send('POST', '/hr-performance/employees/tech-wang/leaving', { leftOn: '2027-01-31', reason: 'resigned' }, tsHead)).statusCode).toBe(403);
  });

  it('places an employee in another post and level, keeping the history, and moves who sees them', async () => {
    expect((await send('POST', '/hr-performance/employees/tech-chen/placements', { postId: 'field-engineer', level: 'P2', from: '2027-01-01' })).statusCode).toBe(200);
    const chen = (await get('/hr-performance/employees/tech-chen', smHead)).json();
    // Until 1 January the record reads as it stands today, the new placement scheduled; its department's head already sees it.
    expect(chen).toMatchObject({
      departmentId: 'tech-support',
      postId: 'support-engineer',
      level: 'P1',
      levelSince: '2026-11-02',
      scheduled: [{ postId: 'field-engineer', departmentId: 'system-maintenance', track: 'professional', level: 'P2', from: '2027-01-01' }],
    });
    expect(chen.placements).toEqual([
      { postId: 'support-engineer', departmentId: 'tech-support', track: 'professional', level: 'P1', from: '2026-11-02', to: '2026-12-31' },
      { postId: 'field-engineer', departmentId: 'system-maintenance', track: 'professional', level: 'P2', from: '2027-01-01' },
    ]);
    expect((await get('/hr-performance/employees/tech-chen', tsHead)).statusCode).toBe(404);
    expect((await send('POST', '/hr-performance/employees/tech-chen/placements', { postId: 'field-engineer', level: 'P3', from: '2026-12-01' })).json()).toMatchObject({ status: 409, code: 'placement-before-current' });
    expect((await send('POST', '/hr-performance/employees/nobody/placements', { postId: 'field-engineer', level: 'P3', from: '2027-12-01' })).statusCode).toBe(404);
  });

  it('records leaving, lists leavers apart, and erases a leaver’s name only after leaving', async () => {
    expect((await send('POST', '/hr-performance/employees/sm-zhao/erasure', {})).json()).toMatchObject({ status: 409, code: 'employee-not-left' });
    expect((await send('POST', '/hr-performance/employees/sm-zhao/leaving', { leftOn: '2026-11-30', reason: 'contract-ended' })).statusCode).toBe(200);
    expect((await send('POST', '/hr-performance/employees/sm-zhao/leaving', { leftOn: '2026-11-30', reason: 'gone fishing' })).statusCode).toBe(400);
    expect((await get('/hr-performance/employees?state=left')).json().items).toEqual([expect.objectContaining({ employeeId: 'sm-zhao', leftOn: '2026-11-30', leavingReason: 'contract-ended' })]);
    expect((await send('POST', '/hr-performance/employees/sm-zhao/erasure', {})).statusCode).toBe(200);
    expect((await get('/hr-performance/employees/sm-zhao')).json()).toMatchObject({ name: '[erased]', erased: true, leftOn: '2026-11-30' });
  });
});
