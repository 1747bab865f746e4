import { RequestHeaders, TestApp, startTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

/**
 * Issue 15, item 2: every numeric query parameter of the three services is bounded, over HTTP on the
 * standalone app as `npm start` runs it (SQLite): a number too large for the database, or not a whole
 * number, is 400 naming the parameter, never 500 and never a rule violation.
 */
const LISTS = [
  '/intake/customers',
  '/intake/demands',
  '/intake/demands.csv',
  '/intake/departments/tech-support/queue',
  '/intake/customers/00000000-0000-4000-8000-000000000000/demands',
  '/quality-monitoring/findings',
  '/quality-monitoring/clocks',
  '/service-delivery/meetings',
  '/service-delivery/cases',
];
const VERSIONED = ['/quality-monitoring/periods/2026-11/scorecards', '/quality-monitoring/periods/2026-11/recomputation', '/quality-monitoring/checklists/telephone-service'];
const BAD_NUMBERS = ['99999999999999999999', '1e300', '-1', '0', '1.5', 'abc'];

describe('numeric query parameters on the standalone app (issue 15, item 2)', () => {
  let t: TestApp;
  let reader: RequestHeaders;

  beforeAll(async () => {
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env: { EVENT_STORE: 'sqlite' } });
    reader = await t.headersFor({ userId: 'admin-wu', roles: ['administrator', 'agent', 'quality-monitor', 'project-manager'], departments: ['tech-support'] });
  });
  afterAll(() => t.close());

  const cases = [
    ...LISTS.flatMap((url) => ['page', 'pageSize'].map((name) => [url, name] as const)),
    ...VERSIONED.map((url) => [url, 'version'] as const),
  ];

  it.each(cases)('%s?%s= out of bounds is 400 naming it', async (url, name) => {
    for (const value of BAD_NUMBERS) {
      const res = await t.app.inject({ method: 'GET', url: `${url}?${name}=${value}`, headers: reader });
      expect({ value, status: res.statusCode }).toEqual({ value, status: 400 });
      expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: name })]));
    }
  });

  it.each(LISTS)('%s answers within the bounds', async (url) => {
    const res = await t.app.inject({ method: 'GET', url: `${url}?page=1000000&pageSize=200`, headers: reader });
    expect(res.statusCode).toBe(200);
  });
});
