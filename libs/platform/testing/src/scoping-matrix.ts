import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Actor } from '@serviceledger/platform/core';
import { ScopedRecord, accessScope, canSee, permissionsOf } from '@serviceledger/platform/auth';
import { DiscoveredRoute, discoverRoutes } from './route-discovery';

/** A list, detail or export to call, and the one record it is checked for, as scoping sees it. */
export interface ScopedRead {
  /** What to call, query included: `/intake/demands.csv?after=…`. */
  url: string;
  /** `id` is what the answer shows when it holds the record. */
  record: ScopedRecord & { id: string };
}

/** Where the reads' records belong: the department responsible and the customer they are for. */
export interface ScopingHome {
  department: string;
  customerId: string;
}

export type ScopedOutcome = 'visible' | 'hidden' | 'forbidden';

/** A command sent as each principal, and the rule, in memory, that says who may send it. */
export interface ScopedCommand {
  /** What the command does, as a failure names it: "records a meeting reporting for the home department". */
  name: string;
  /** The request to send as this principal: a command that changes its record for good takes a record of its own for each. */
  request(principal: Actor): { method: 'POST' | 'PUT'; url: string; payload: object };
  /** Whether the rule lets the principal do it, the route's permission granted. */
  allows(principal: Actor): boolean;
}

/** accepted: done (2xx); refused: 404 for a record out of sight, 409 for a rule that says no. */
export type CommandOutcome = 'accepted' | 'refused' | 'forbidden';

/** The reads and commands to check, once their records exist, and where those records belong. */
export interface ScopedReads {
  home: ScopingHome;
  reads: ScopedRead[];
  commands?: ScopedCommand[];
}

/** Every kind of principal `accessScope` tells apart, placed around the records' home. */
const PRINCIPALS = {
  'a cross-department role': () => ({ userId: 'scope-analyst', roles: ['analyst'], departments: [] }),
  "a member of the records' department": (home) => ({ userId: 'scope-member', roles: ['department-member'], departments: [home.department] }),
  "a head of the records' department and another": (home) => ({
    userId: 'scope-head',
    roles: ['department-head'],
    departments: [`not-${home.department}`, home.department],
  }),
  'a head of another department': (home) => ({ userId: 'scope-other-head', roles: ['department-head'], departments: [`not-${home.department}`] }),
  "the records' customer": (home) => ({ userId: 'scope-customer', roles: ['customer'], departments: [], customerId: home.customerId }),
  'another customer': (home) => ({ userId: 'scope-other-customer', roles: ['customer'], departments: [], customerId: `not-${home.customerId}` }),
  'staff without departments': () => ({ userId: 'scope-nowhere', roles: ['department-member'], departments: [] }),
  'a customer without an organisation': () => ({ userId: 'scope-no-organisation', roles: ['customer'], departments: [] }),
} satisfies Record<string, (home: ScopingHome) => Actor>;

export type ScopingPrincipal = keyof typeof PRINCIPALS;
export const SCOPING_PRINCIPALS = Object.keys(PRINCIPALS) as ScopingPrincipal[];

export function scopingPrincipal(kind: ScopingPrincipal, home: ScopingHome): Actor {
  return PRINCIPALS[kind](home);
}

/**
 * Declares one test per principal kind that calls every read with that principal's token and checks
 * the answer against the in-memory rule: without the route's permission 403; a record `canSee` grants
 * is in the answer; any other is absent from a list or an export and 404 in a detail. The reads' SQL
 * (scopedQuery) and the rule the write side uses (canSee) can then never drift apart unnoticed. Then
 * it sends every command as that principal: 403 without the permission, done where the command's rule
 * allows it, refused (404 or 409) where it does not.
 */
export function describeScopingMatrix(
  getApp: () => NestFastifyApplication,
  tokenFor: (principal: Actor) => string | Promise<string>,
  scoped: () => ScopedReads,
): void {
  describe('scoping matrix: every kind of principal × every scoped list, detail and export', () => {
    it.each(SCOPING_PRINCIPALS)('%s sees exactly the records the scoping rule grants', async (kind) => {
      const { home, reads, commands = [] } = scoped();
      const principal = scopingPrincipal(kind, home);
      const failures = [
        ...(await scopingMatrixFailures(getApp(), principal, tokenFor, reads)),
        ...(await scopedCommandFailures(getApp(), principal, tokenFor, commands)),
      ];
      expect(failures).toEqual([]);
    });
  });
}

/** Calls every read as the principal; one line for each answer the rule does not promise. */
export async function scopingMatrixFailures(
  app: NestFastifyApplication,
  principal: Actor,
  tokenFor: (principal: Actor) => string | Promise<string>,
  reads: ScopedRead[],
): Promise<string[]> {
  if (reads.length === 0) return ['no reads, so the matrix proves nothing'];
  const routes = discoverRoutes(app).filter(({ method }) => method === 'GET');
  const headers = { authorization: `Bearer ${await tokenFor(principal)}` };
  const failures: string[] = [];
  for (const { url, record } of reads) {
    const route = routeOf(routes, url);
    if (!route) {
      failures.push(`GET ${url}: no route answers it`);
      continue;
    }
    const expected = expectedOutcome(principal, route, record);
    const response = await app.inject({ method: 'GET', url, headers });
    const outcome = outcomeOf(response.statusCode, response.body, record.id);
    if (outcome !== expected) failures.push(`GET ${url}: expected ${expected}, got ${outcome} (${response.statusCode})`);
  }
  return failures;
}

/** Sends every command as the principal; one line for each answer its rule does not promise. */
export async function scopedCommandFailures(
  app: NestFastifyApplication,
  principal: Actor,
  tokenFor: (principal: Actor) => string | Promise<string>,
  commands: ScopedCommand[],
): Promise<string[]> {
  const routes = discoverRoutes(app);
  const headers = { authorization: `Bearer ${await tokenFor(principal)}` };
  const failures: string[] = [];
  for (const command of commands) {
    const { method, url, payload } = command.request(principal);
    const route = routeOf(routes.filter((candidate) => candidate.method === method), url);
    if (!route) {
      failures.push(`${command.name}: no route answers ${method} ${url}`);
      continue;
    }
    const expected = !permits(principal, route) ? 'forbidden' : command.allows(principal) ? 'accepted' : 'refused';
    const response = await app.inject({ method, url, payload, headers });
    const outcome = commandOutcomeOf(response.statusCode);
    if (outcome !== expected) failures.push(`${command.name}: expected ${expected}, got ${outcome} (${response.statusCode} ${response.body})`);
  }
  return failures;
}

function permits(principal: Actor, route: DiscoveredRoute): boolean {
  return route.access.kind === 'public' || (route.access.kind === 'permission' && permissionsOf(principal.roles).has(route.access.permission));
}

function expectedOutcome(principal: Actor, route: DiscoveredRoute, record: ScopedRecord): ScopedOutcome {
  if (!permits(principal, route)) return 'forbidden';
  return canSee(accessScope(principal), record) ? 'visible' : 'hidden';
}

function commandOutcomeOf(status: number): CommandOutcome | `answered ${number}` {
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 409) return 'refused';
  if (status >= 200 && status < 300) return 'accepted';
  return `answered ${status}`;
}

function outcomeOf(status: number, body: string, id: string): ScopedOutcome | `answered ${number}` {
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  if (status !== 200) return `answered ${status}`;
  return body.includes(id) ? 'visible' : 'hidden';
}

/** The route Fastify would pick: a literal segment before a parameter (`demands.csv` before `:demandId`). */
function routeOf(routes: DiscoveredRoute[], url: string): DiscoveredRoute | undefined {
  const path = url.split('?')[0];
  const parameters = (route: DiscoveredRoute) => (route.path.match(/:/g) ?? []).length;
  return routes
    .filter((route) => new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/:[^/]+/g, '[^/]+')}$`).test(path))
    .sort((a, b) => parameters(a) - parameters(b))[0];
}
