import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { discoverRoutes } from './route-discovery';
import { ROLES, Role, RouteAccess, permissionsOf } from '@serviceledger/platform/auth';

/** Every role of the table, and a caller without a token. */
export type MatrixPrincipal = Role | 'anonymous';
export const MATRIX_PRINCIPALS: readonly MatrixPrincipal[] = [...ROLES, 'anonymous'];

export type ExpectedOutcome = 'allowed' | 'forbidden' | 'unauthenticated';

export interface AuthorizationCase {
  role: MatrixPrincipal;
  method: string;
  path: string;
  expected: ExpectedOutcome;
}

/** Stands in for every path parameter: well-formed, and never the id of anything. */
export const DUMMY_ID = '00000000-0000-4000-8000-000000000000';

/** Every principal × every route of the app, with the outcome the permission table promises. */
export function authorizationMatrixCases(app: NestFastifyApplication): AuthorizationCase[] {
  return discoverRoutes(app).flatMap(({ method, path, access }) =>
    MATRIX_PRINCIPALS.map((role) => ({ role, method, path, expected: expectedOutcome(role, access) })),
  );
}

/**
 * Declares one test per principal that calls every route of the app with that principal's token and
 * checks the status against the table: 401 without a token, 403 where forbidden, neither where allowed
 * (an allowed call with an empty body or a dummy id may well get 400 or 404). A service's spec calls it
 * once; new routes join the matrix by existing. Jest fixes the list of tests before `beforeAll` builds
 * the app, so the routes are enumerated inside each principal's test, which lists every case that fails.
 */
export function describeAuthorizationMatrix(
  getApp: () => NestFastifyApplication,
  tokenFor: (role: Role) => string | Promise<string>,
): void {
  describe('authorisation matrix: every role × every route, from the permission table', () => {
    it.each(MATRIX_PRINCIPALS)('%s gets on every route what the table grants', async (principal) => {
      expect(await authorizationMatrixFailures(getApp(), principal, tokenFor)).toEqual([]);
    });
  });
}

/** Calls every route as the principal; one line for each answer the table does not promise. */
export async function authorizationMatrixFailures(
  app: NestFastifyApplication,
  principal: MatrixPrincipal,
  tokenFor: (role: Role) => string | Promise<string>,
): Promise<string[]> {
  const cases = authorizationMatrixCases(app).filter(({ role }) => role === principal);
  if (cases.length === 0) return ['the app has no routes, so the matrix proves nothing'];
  const headers = principal === 'anonymous' ? {} : { authorization: `Bearer ${await tokenFor(principal)}` };
  const failures: string[] = [];
  for (const { method, path, expected } of cases) {
    const response = await app.inject({ method: method as 'GET', url: requestPath(path), headers });
    if (outcomeOf(response.statusCode) !== expected) {
      failures.push(`${method} ${path}: expected ${expected}, got ${response.statusCode} ${response.body}`);
    }
  }
  return failures;
}

function expectedOutcome(role: MatrixPrincipal, access: RouteAccess): ExpectedOutcome {
  if (access.kind === 'public') return 'allowed';
  if (role === 'anonymous') return 'unauthenticated';
  if (access.kind === 'undeclared') return 'forbidden';
  return permissionsOf([role]).has(access.permission) ? 'allowed' : 'forbidden';
}

function outcomeOf(status: number): ExpectedOutcome {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  return 'allowed';
}

function requestPath(path: string): string {
  return path.replace(/:[^/]+/g, DUMMY_ID).replace(/\*/g, DUMMY_ID);
}
