import { ManualClock } from '@serviceledger/platform/core';
import { postgresServiceEnv, scratchSchema } from '@serviceledger/platform/postgres';
import { RequestHeaders, TestApp, eventually, startTestApp } from '@serviceledger/platform/testing';
import { HrPerformanceModule, hrPerformanceService } from '@serviceledger/hr-performance/service';

const TOPICS = ['company', 'culture', 'service-process', 'business-knowledge', 'communication-skills'];

/**
 * The staff records and the training matrix on the production stores (PostgreSQL event store and read
 * models, schemas migrated at start): a hire, a planned training completed, onboarding overdue through
 * the scheduler, the matrix and its CSV.
 */
describe('training on PostgreSQL', () => {
  const events = scratchSchema('sl_hr_events');
  const readModels = scratchSchema('sl_hr_models');
  const clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  let t: TestApp;
  let hr: RequestHeaders;
  let checkpoint: string;

  const send = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const response = await t.app.inject({ method, url, payload, headers: hr });
    expect({ url, succeeded: response.statusCode < 300 }).toEqual({ url, succeeded: true });
    checkpoint = response.json().checkpoint ?? checkpoint;
    return response.json();
  };

  beforeAll(async () => {
    t = await startTestApp({ services: [hrPerformanceService], modules: [HrPerformanceModule], clock, env: { ...postgresServiceEnv(events, readModels), SCHEMA_CHANGES: 'migrate' } });
    hr = await t.headersFor({ userId: 'hr-li', roles: ['hr'], departments: ['human-resources'] });
  });
  afterAll(async () => {
    await t.close();
    await events.drop();
    await readModels.drop();
  });

  it('hires, trains, marks onboarding overdue and shows the matrix', async () => {
    await send('PUT', '/hr-performance/posts/support-engineer', {
      name: 'Support engineer',
      departmentId: 'tech-support',
      track: 'professional',
      duties: ['Resolve faults'],
      standards: { knowledge: 'Networks', skills: 'Diagnosis', serviceAttitude: 'Courteous' },
    });
    await send('PUT', '/hr-performance/posts/support-engineer/onboarding-programme', { items: TOPICS.map((topic) => ({ topic, title: topic })) });
    await send('PUT', '/hr-performance/training-plans/tech-support/2026', {
      items: [
        { trainingId: 'network-diagnostics', kind: 'professional-skills', title: 'Network diagnostics', postIds: [], dueBy: '2026-11-30' },
        { trainingId: 'industry-trends', kind: 'industry-knowledge', title: 'Industry trends', postIds: [], dueBy: '2026-12-31' },
        { trainingId: 'customer-first', kind: 'service-awareness', title: 'Customer first', postIds: [], dueBy: '2026-12-15' },
      ],
    });
    await send('POST', '/hr-performance/employees', { employeeId: 'tech-wang', name: 'Wang Fang', postId: 'support-engineer', level: 'P1', hiredOn: '2026-11-02', assessment: { knowledge: true, skills: true, serviceAttitude: true } });
    const session = await send('POST', '/hr-performance/training-sessions', { trainingId: 'network-diagnostics', kind: 'professional-skills', title: 'Network diagnostics', departmentId: 'tech-support', heldOn: '2026-11-02', trainer: 'Zhao Lei' });
    await send('POST', `/hr-performance/training-sessions/${session.id}/attendance`, { attendees: [{ employeeId: 'tech-wang', attended: true }] });
    await send('POST', `/hr-performance/training-sessions/${session.id}/results`, { employeeId: 'tech-wang', passed: true, score: 88 });

    clock.set('2026-12-02T16:00:01Z');
    await eventually(async () => expect((await t.app.inject({ method: 'GET', url: '/hr-performance/onboarding/overdue', headers: hr })).json().items).toEqual([expect.objectContaining({ employeeId: 'tech-wang', missingTopics: TOPICS })]));
    const matrix = (await t.app.inject({ method: 'GET', url: `/hr-performance/training-matrix?year=2026&after=${checkpoint}`, headers: hr })).json();
    expect(matrix.items).toEqual([expect.objectContaining({ employeeId: 'tech-wang', done: 1, due: 2, overdue: 5 })]);
    const csv = (await t.app.inject({ method: 'GET', url: '/hr-performance/training-matrix.csv?year=2026', headers: hr })).body;
    expect(csv).toContain('tech-wang,Wang Fang,tech-support,support-engineer,network-diagnostics,professional-skills,Network diagnostics,2026-11-30,done,2026-11-02,88');
  });
});
