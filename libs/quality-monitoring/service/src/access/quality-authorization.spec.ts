import { PERMISSIONS, Permission, Role, permissionsOf } from '@serviceledger/platform/auth';
import {
  DUMMY_ID,
  MATRIX_PRINCIPALS,
  TestApp,
  authorizationMatrixCases,
  describeAuthorizationMatrix,
  startTestApp,
} from '@serviceledger/platform/testing';
import { QualityMonitoringModule } from '../quality-monitoring.module';
import { qualityMonitoringService } from '../quality-monitoring.service-definition';

/**
 * Every role × every route of the quality-monitoring service, with the outcome the permission table
 * promises. A route added to a controller joins the matrix by existing.
 */
describe('quality-monitoring authorisation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ services: [qualityMonitoringService], modules: [QualityMonitoringModule] });
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

  const qualityCases = () => authorizationMatrixCases(t.app).filter(({ path }) => path.startsWith('/quality-monitoring/'));

  it('covers every quality-monitoring route', () => {
    const routes = new Set(qualityCases().map(({ method, path }) => `${method} ${path}`));
    expect([...routes].sort()).toEqual(
      [
        'DELETE /quality-monitoring/calendars/:calendarId/holidays/:date',
        'DELETE /quality-monitoring/calendars/:calendarId/make-up-days/:date',
        'POST /quality-monitoring/calendars/:calendarId/make-up-days',
        'GET /quality-monitoring/breaches',
        'GET /quality-monitoring/calendars',
        'GET /quality-monitoring/calendars/:calendarId',
        'GET /quality-monitoring/checklists',
        'GET /quality-monitoring/checklists/:checklistId',
        'GET /quality-monitoring/checks',
        'POST /quality-monitoring/checks',
        'PUT /quality-monitoring/checklists/:checklistId',
        'GET /quality-monitoring/clocks',
        'GET /quality-monitoring/findings',
        'GET /quality-monitoring/findings/:findingId',
        'POST /quality-monitoring/findings',
        'POST /quality-monitoring/findings/:findingId/measures',
        'POST /quality-monitoring/findings/:findingId/recheck',
        'POST /quality-monitoring/findings/:findingId/report',
        'GET /quality-monitoring/policies',
        'GET /quality-monitoring/policies/:policyId',
        'POST /quality-monitoring/calendars/:calendarId/holiday-imports',
        'POST /quality-monitoring/calendars/:calendarId/holidays',
        'POST /quality-monitoring/policies/:policyId/retirement',
        'PUT /quality-monitoring/calendars/:calendarId',
        'PUT /quality-monitoring/calendars/:calendarId/working-hours',
        'PUT /quality-monitoring/policies/:policyId',
      ].sort(),
    );
    expect(qualityCases()).toHaveLength(routes.size * MATRIX_PRINCIPALS.length);
  });

  it('opens no route to anonymous callers, lets only quality monitors change the standards, and lets readers read', () => {
    const cases = qualityCases().filter(({ path }) => !/\/findings\/:findingId\/(measures|report)$/.test(path));
    expect(cases.filter(({ role, expected }) => role === 'anonymous' && expected !== 'unauthenticated')).toEqual([]);
    const managers = new Set(
      cases.filter(({ method, expected }) => method !== 'GET' && expected === 'allowed').map(({ role }) => role),
    );
    expect([...managers]).toEqual(['quality-monitor']);
    const readers = new Set(cases.filter(({ method, expected }) => method === 'GET' && expected === 'allowed').map(({ role }) => role));
    expect(readers).toEqual(new Set(['quality-monitor', 'analyst', 'administrator', 'department-member', 'department-head', 'hr', 'risk-officer']));
    // The responsible department answers a finding: its members and head submit measures and reports.
    const rectifiers = new Set(
      qualityCases()
        .filter(({ path, expected }) => /\/findings\/:findingId\/(measures|report)$/.test(path) && expected === 'allowed')
        .map(({ role }) => role),
    );
    expect(rectifiers).toEqual(new Set(['department-member', 'department-head']));
  });

  it('answers 403 naming the missing permission, and never 5xx where allowed', async () => {
    const failures: string[] = [];
    for (const { role, method, path, expected } of qualityCases()) {
      if (role === 'anonymous') continue;
      const response = await t.app.inject({
        method: method as 'GET',
        url: path.replace(/:[^/]+/g, DUMMY_ID),
        headers: { authorization: `Bearer ${await tokenFor(role)}` },
      });
      if (expected === 'allowed') {
        if (response.statusCode >= 500) failures.push(`${role} ${method} ${path}: ${response.statusCode} ${response.body}`);
        continue;
      }
      const named = /^Missing permission (\S+)$/.exec(response.json().detail ?? '')?.[1] as Permission | undefined;
      const lacking = !!named && PERMISSIONS.includes(named) && !permissionsOf([role]).has(named);
      if (response.statusCode !== 403 || !lacking) failures.push(`${role} ${method} ${path}: ${response.statusCode} ${response.body}`);
    }
    expect(failures).toEqual([]);
  });
});
