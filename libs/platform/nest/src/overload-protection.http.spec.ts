import { randomUUID } from 'node:crypto';
import { TestApp, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { loadPlatformConfig } from './platform-config';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/** Keeps the event loop busy, as a flood of requests would. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

/**
 * Issue 14, item 6: over its load thresholds the server sheds requests with 503 problem details, while
 * liveness, readiness and metrics still answer. The heap threshold is set below what any process uses,
 * so the server is over it from its first measurement on.
 */
describe('overload protection over HTTP', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite', OVERLOAD_MAX_HEAP_USED_MB: '1' } });
    auth = await t.headersFor({ roles: ['agent'] });
  });
  afterAll(() => t.close());

  it('sheds reads and writes with 503 problem details and Retry-After, while health and metrics answer', async () => {
    const read = await pollUntil(
      () => t.app.inject({ method: 'GET', url: `/sample/notes/${randomUUID()}`, headers: auth }),
      (response) => response.statusCode === 503,
      'the first load measurement',
    );
    expect(read.headers['content-type']).toContain('application/problem+json');
    expect(read.headers['retry-after']).toMatch(/^\d+$/);
    expect(read.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    expect(read.json()).toMatchObject({ status: 503, title: 'Service unavailable', type: expect.stringContaining('service-unavailable') });
    expect(read.json().detail).toContain('heapUsedBytes');

    const id = randomUUID();
    const write = await t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title: 'shed' }, headers: auth });
    expect(write.statusCode).toBe(503);

    const live = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'up' });
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });
});

describe('overload protection over HTTP, on event-loop delay', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '1' } });
  });
  afterAll(() => t.close());

  it('sheds requests once the event loop has lagged beyond OVERLOAD_MAX_EVENT_LOOP_DELAY_MS, and still answers liveness', async () => {
    const headers = await t.headersFor({ roles: ['agent'] });
    const shed = await pollUntil(
      () => {
        blockEventLoop(1200);
        return t.app.inject({ method: 'GET', url: `/sample/notes/${randomUUID()}`, headers });
      },
      (response) => response.statusCode === 503,
      'a measurement after the event loop lagged',
      20000,
    );
    expect(shed.json()).toMatchObject({ status: 503, detail: expect.stringContaining('eventLoopDelay') });
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  }, 30000);
});

describe('overload protection over HTTP, on requests in progress', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite', OVERLOAD_MAX_CONCURRENT_REQUESTS: '2' } });
  });
  afterAll(() => t.close());

  it('sheds a burst beyond OVERLOAD_MAX_CONCURRENT_REQUESTS at once, answers liveness meanwhile, and admits requests again once they are done', async () => {
    const headers = await t.headersFor({ roles: ['agent'] });
    const read = () => t.app.inject({ method: 'GET', url: `/sample/notes/${randomUUID()}`, headers });
    const [burst, live] = await Promise.all([Promise.all(Array.from({ length: 10 }, read)), t.app.inject({ method: 'GET', url: '/health/live' })]);
    const shed = burst.filter((response) => response.statusCode === 503);
    expect(shed.length).toBeGreaterThanOrEqual(8);
    expect(shed[0].json()).toMatchObject({ status: 503, detail: expect.stringContaining('concurrentRequests') });
    expect(live.statusCode).toBe(200);
    for (let n = 0; n < 5; n++) expect((await read()).statusCode).toBe(404);
  });
});

describe('overload protection configuration', () => {
  it('refuses to start with a limit that is not a whole number of at least 0, naming the variable', () => {
    expect(() => loadPlatformConfig({ OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '-5' })).toThrow(/OVERLOAD_MAX_EVENT_LOOP_DELAY_MS="-5"/);
    expect(() => loadPlatformConfig({ OVERLOAD_MAX_HEAP_USED_MB: '1.5' })).toThrow(/OVERLOAD_MAX_HEAP_USED_MB="1.5"/);
    expect(() => loadPlatformConfig({ OVERLOAD_MAX_CONCURRENT_REQUESTS: 'many' })).toThrow(/OVERLOAD_MAX_CONCURRENT_REQUESTS="many"/);
  });
});
