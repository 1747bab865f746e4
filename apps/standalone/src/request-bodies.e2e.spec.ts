import { randomUUID } from 'node:crypto';
import { EventStore } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { TestApp, pollUntil, startTestApp, storeHoldsStill } from '@serviceledger/platform/testing';
import { deliveryStandardStream } from '@serviceledger/quality-monitoring/domain';
import { SEED_STANDARDS } from '@serviceledger/service-delivery/service';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

interface Route {
  method: string;
  url: string;
  accepted: string[];
}

/**
 * Issue 15, items 1 and 5, on every route of every service that takes a body, over HTTP on the standalone
 * app as `npm start` runs it (SQLite): a body in a media type the route does not take is 415 listing those
 * it does, and a JSON body nested 5,000 deep is 400; neither appends anything.
 */
describe('request bodies on every route of the standalone app', () => {
  let t: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env: { EVENT_STORE: 'sqlite' } });
    // After start-up the services go on appending for a moment: the seeded standards reach quality monitoring
    // through the relay, the scheduler opens this quarter's risk identification rounds. Once the store holds
    // still, the test counts only what its own requests append.
    const store = t.app.get<EventStore>(EVENT_STORE);
    await pollUntil(
      () => Promise.all(SEED_STANDARDS.map(({ standardId }) => store.streamExists(deliveryStandardStream(standardId)))),
      (known) => known.every(Boolean),
      'quality monitoring to know the seeded standards',
    );
    await storeHoldsStill(store);
    const paths = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json().paths as Record<string, Record<string, { requestBody?: { content: object } }>>;
    routes = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody)
        .map(([method, operation]) => ({
          method: method.toUpperCase(),
          url: path.replace(/\{[^}]+\}/g, randomUUID()),
          accepted: Object.keys(operation.requestBody?.content ?? {}),
        })),
    );
    // Late in CI's one jest process, starting six services and waiting for them to hold still outlasted 60 s.
  }, 180_000);
  afterAll(() => t?.close());

  it("finds the routes of every service and the operator's, the e-mail and calendar routes among them", () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(new Set(routes.map((r) => r.url.split('/')[1]))).toEqual(new Set(['intake', 'service-delivery', 'quality-monitoring', 'hr-performance', 'resource', 'risk', 'operations']));
    expect(routes.find((r) => r.url === '/intake/email/inbound')?.accepted).toEqual(['message/rfc822']);
    expect(routes.some((r) => r.accepted.includes('text/calendar') && r.accepted.includes('application/json'))).toBe(true);
  });

  it('answers 415 listing the accepted types for text/plain and forms, and 400 for JSON nested 5,000 deep', async () => {
    const head = () => t.app.get<EventStore>(EVENT_STORE).headCheckpoint();
    const before = await head();
    const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const { method, url, accepted } of routes) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const res = await t.app.inject({ method: method as 'POST', url, body: type === 'text/plain' ? '{}' : 'a=b', headers: { 'content-type': type } });
        expect({ method, url, type, status: res.statusCode, problem: res.json() }).toMatchObject({ status: 415, problem: { status: 415, accepted } });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      if (!accepted.includes('application/json')) continue;
      const nested = await t.app.inject({ method: method as 'POST', url, body: deep, headers: { 'content-type': 'application/json' } });
      expect({ method, url, status: nested.statusCode, detail: nested.json().detail }).toMatchObject({ status: 400, detail: expect.stringMatching(/nested deeper than 64/) });
    }
    expect(await head()).toBe(before);
  });
});

