import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RequestHeaders, TestApp } from '@serviceledger/platform/testing';
import { hireSupportEngineers, hrRequests, startHrApp } from '../testing/hr-test-app';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * An employee's personal data on the embedded store (SQLite under DATA_DIR, ADR 0016): their name and
 * their development plan are sealed in the event log under the employee's key; the read models keep them
 * for HR, and after leaving and erasure they read as erased.
 */
describe('staff personal data in the event log', () => {
  let t: TestApp;
  let hr: RequestHeaders;
  const NAME = 'Ouyang Xiaoqing';
  const GOAL = 'Become the regional lead for the Hangzhou office';

  const requests = hrRequests(() => t, () => hr);
  const send = async (method: 'POST' | 'PUT', url: string, payload: object) => expect((await requests.send(method, url, payload)).statusCode).toBeLessThan(300);
  const get = async (url: string) => (await requests.get(url)).json();
  const holding = (text: string) => filesUnder(t.dataDir).filter((file) => readFileSync(file).includes(Buffer.from(text))).map((file) => file.slice(t.dataDir.length));

  beforeAll(async () => {
    t = await startHrApp({ env: { EVENT_STORE: 'sqlite' } });
    hr = await t.headersFor({ userId: 'hr-li', roles: ['hr'], departments: ['human-resources'] });
    const [hired] = await hireSupportEngineers(requests.send, [{ employeeId: 'tech-ouyang', name: NAME }], { level: 'P1', hiredOn: '2026-11-02' });
    expect(hired.statusCode).toBe(201);
    await send('PUT', '/hr-performance/development-plans/tech-ouyang', { interests: ['Networks'], strengths: ['Patience'], goals: [GOAL], trainingOpportunities: [] });
  });
  afterAll(() => t.close());

  it('keeps the name and the development plan out of the event log: only the read models hold them, for HR', async () => {
    expect((await get('/hr-performance/employees/tech-ouyang')).name).toBe(NAME);
    expect((await get('/hr-performance/development-plans/tech-ouyang')).goals).toEqual([GOAL]);
    // The employee's id stays plain, so the search does see the log.
    expect(holding('tech-ouyang')).toContainEqual(expect.stringMatching(/events\.db/));
    for (const text of [NAME, GOAL]) {
      const files = holding(text);
      expect({ text, inReadModels: files.some((file) => /read-models\.db/.test(file)), inEventLog: files.some((file) => /events\.db/.test(file)) }).toEqual({ text, inReadModels: true, inEventLog: false });
    }
  });

  it('reads them as erased once the employee has left and their data was erased', async () => {
    await send('POST', '/hr-performance/employees/tech-ouyang/leaving', { leftOn: '2026-12-31', reason: 'resigned' });
    await send('POST', '/hr-performance/employees/tech-ouyang/erasure', {});
    expect(await get('/hr-performance/employees/tech-ouyang')).toMatchObject({ name: '[erased]', erased: true });
    expect(await get('/hr-performance/development-plans/tech-ouyang')).toMatchObject({ goals: ['[erased]'], status: 'closed' });
  });
});
