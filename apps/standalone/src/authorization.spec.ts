import { PERMISSIONS, Permission, Role, permissionsOf } from '@serviceledger/platform/auth';
import {
  DUMMY_ID,
  ExpectedOutcome,
  MATRIX_PRINCIPALS,
  MatrixPrincipal,
  TestApp,
  authorizationMatrixCases,
  ScopedReads,
  describeAuthorizationMatrix,
  describeScopingMatrix,
  startTestApp,
} from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';
import { seedScopedRecords } from './testing/scoped-records';

/**
 * Issue 7: every role × every route of every service and of the platform, with the outcome the
 * permission table promises. Nothing here names a route: a route added to any controller, or a
 * service added to the standalone app, joins the matrix by existing. Then every kind of principal ×
 * every scoped list, detail and export, with the records the scoping rule lets each see.
 */
const SERVICE_PREFIXES = ['/intake/', '/service-delivery/', '/quality-monitoring/', '/hr-performance/', '/resource/', '/risk/', '/operations/'];

describe('authorisation of every route', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES });
  });
  afterAll(() => t.close());

  const tokenFor = (role: Role) =>
    t.tokenFor({
      userId: `matrix-${role}`,
      roles: [role],
      departments: role === 'customer' ? [] : ['tech-support'],
      ...(role === 'customer' && { customerId: 'matrix-customer' }),
    });

  describeAuthorizationMatrix(() => t.app, tokenFor);

  it('the matrix covers every service’s routes and the platform’s public ones', () => {
    const cases = authorizationMatrixCases(t.app);
    const routes = new Set(cases.map(({ method, path }) => `${method} ${path}`));
    for (const prefix of SERVICE_PREFIXES) expect([...routes].filter((route) => route.includes(` ${prefix}`)).length).toBeGreaterThan(0);
    expect([...routes].filter((route) => route.includes(' /intake/')).length).toBeGreaterThanOrEqual(25);
    expect([...routes].some((route) => route.startsWith('GET /health'))).toBe(true);
    expect([...routes].some((route) => route.startsWith('GET /metrics'))).toBe(true);
    expect(cases).toHaveLength(routes.size * MATRIX_PRINCIPALS.length);
  });

  const serviceCases = () => authorizationMatrixCases(t.app).filter(({ path }) => SERVICE_PREFIXES.some((p) => path.startsWith(p)));

  it('no service route is open to anonymous callers, and none is refused to every role for lack of a declaration', () => {
    const cases = serviceCases();
    const openToAnonymous = cases.filter(({ role, expected }) => role === 'anonymous' && expected !== 'unauthenticated');
    expect(openToAnonymous).toEqual([]);
    const byRoute = new Map<string, boolean>();
    for (const { role, method, path, expected } of cases) {
      if (role === 'anonymous') continue;
      const key = `${method} ${path}`;
      byRoute.set(key, (byRoute.get(key) ?? false) || expected === 'allowed');
    }
    const refusedToEveryone = [...byRoute].filter(([, allowedToSomeone]) => !allowedToSomeone).map(([route]) => route);
    expect(refusedToEveryone).toEqual([]);
  });

  // One test per principal: six services' routes, asked one by one, would outlast one test's time on a loaded machine.
  it.each(MATRIX_PRINCIPALS)('answers %s with 401 in problem-details form with a Bearer challenge, 403 naming the missing permission, and never 5xx where allowed', async (principal) => {
    const cases = serviceCases().filter(({ role }) => role === principal);
    const headers = principal === 'anonymous' ? {} : { authorization: `Bearer ${await tokenFor(principal)}` };
    const failures: string[] = [];
    for (const { role, method, path, expected } of cases) {
      const response = await t.app.inject({ method: method as 'GET', url: path.replace(/:[^/]+/g, DUMMY_ID), headers });
      if (!answersAsPromised(response, role, expected)) failures.push(`${role} ${method} ${path}: ${response.statusCode} ${response.body}`);
    }
    expect(failures).toEqual([]);
  });

  describe('of records, by department and customer', () => {
    let scoped: ScopedReads;
    beforeAll(async () => {
      scoped = await seedScopedRecords(t);
    }, 30_000);

    describeScopingMatrix(() => t.app, (principal) => t.tokenFor(principal), () => scoped);
  });
});

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): { status?: number; detail?: string };
}

/**
 * What a caller sees: a refusal is problem details saying why (a 403 names a permission the role lacks);
 * an allowed call with dummy input is at worst a 4xx.
 */
function answersAsPromised(response: Answer, role: MatrixPrincipal, expected: ExpectedOutcome): boolean {
  if (expected === 'allowed') return response.statusCode < 500;
  const body = response.json();
  const problem = String(response.headers['content-type']).startsWith('application/problem+json') && body.status === response.statusCode;
  if (expected === 'unauthenticated') {
    return problem && response.statusCode === 401 && response.headers['www-authenticate'] === 'Bearer realm="serviceledger"';
  }
  const named = /^Missing permission (\S+)$/.exec(body.detail ?? '')?.[1] as Permission | undefined;
  const lacking = !!named && PERMISSIONS.includes(named) && role !== 'anonymous' && !permissionsOf([role]).has(named);
  return problem && response.statusCode === 403 && lacking;
}
