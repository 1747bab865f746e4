import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ScratchSchema, pgTestUrl, postgresServiceEnv, scratchSchema } from '@serviceledger/platform/postgres';
import { SeverableConnection, TestApp, pollUntil, severableConnection, startTestApp } from '@serviceledger/platform/testing';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/** What was logged through Nest's Logger while spied on, by context: [context, message]. */
function logged(spy: jest.SpyInstance): Array<[string | undefined, string]> {
  return spy.mock.calls.map((args, i) => [(spy.mock.contexts[i] as { context?: string }).context, String(args[0])]);
}

/**
 * An api and worker process (all roles) on PostgreSQL, which goes away under it (a proxy between them is cut) and
 * comes back. Readiness says what is down and nothing else; liveness is not affected; commands are 503; the log
 * says why once, not at every probe.
 */
describe('a process whose PostgreSQL goes away', () => {
  let link: SeverableConnection;
  let events: ScratchSchema;
  let readModels: ScratchSchema;
  let t: TestApp;
  let headers: Record<string, string>;
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeAll(async () => {
    const server = new URL(pgTestUrl());
    link = await severableConnection({ host: server.hostname, port: Number(server.port || 5432) });
    events = scratchSchema();
    readModels = scratchSchema();
    const env = postgresServiceEnv(events, readModels);
    t = await startTestApp({
      services: [sampleService],
      modules: [SampleNotesModule],
      env: { ...env, EVENT_STORE_URL: link.url(env.EVENT_STORE_URL), READ_MODEL_URL: link.url(env.READ_MODEL_URL), SCHEMA_CHANGES: 'migrate' },
    });
    headers = await t.headersFor({ roles: ['agent'] });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await link.restore().catch(() => undefined);
    await t?.close();
    await link.close();
    await Promise.all([events.drop(), readModels.drop()]);
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('is ready while it answers', async () => {
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('once it is gone: alive, not ready, naming the checks that are down and nothing of why; the log says why once', async () => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    error = jest.spyOn(Logger.prototype, 'error');
    await link.cut();

    expect((await get('/health/live')).statusCode).toBe(200);
    const probes = [];
    for (let i = 0; i < 5; i++) probes.push(await get('/health/ready'));
    for (const probe of probes) {
      expect(probe.statusCode).toBe(503);
      expect(probe.headers['content-type']).toContain('application/problem+json');
      expect(probe.json()).toMatchObject({ status: 503, title: 'Service unavailable', checks: { eventStore: 'down', readModels: 'down' } });
      expect(Object.values(probe.json().checks)).toEqual(expect.arrayContaining(['down']));
      for (const state of Object.values(probe.json().checks)) expect(['up', 'down', 'unknown', 'failed']).toContain(state);
      expect(probe.body).not.toMatch(/ECONNREFUSED|Connection terminated|127\.0\.0\.1|:\d{4,5}\b/);
    }
    expect((await get('/health/live')).json()).toEqual({ status: 'up' });

    const health = await get('/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 503, checks: { projections: 'unknown' } });
    expect(health.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    await get('/health');

    const fromHealth = logged(warn).filter(([context]) => context === 'Health');
    expect(fromHealth.map(([, message]) => message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Readiness: eventStore is down: /), expect.stringMatching(/^Readiness: readModels is down: /)]),
    );
    // Once per check that went wrong, whatever the number of probes: readiness's checks, and /health's one line.
    expect(new Set(fromHealth.map(([, message]) => message.split(':')[0] + message.split(':')[1])).size).toBe(fromHealth.length);
    expect(fromHealth.length).toBeLessThanOrEqual(Object.keys(probes[0].json().checks).length + 1);
    expect(logged(error).filter(([context]) => context === 'HTTP')).toEqual([]);
  });

  it('answers a command with 503 problem details and Retry-After, not 500, and logs one line without a stack', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await t.app.inject({ method: 'POST', url: `/sample/notes/${randomUUID()}`, payload: { title: '斷線' }, headers }));
    for (const answer of answers) {
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.json()).toEqual({
        type: 'https://serviceledger.dev/problems/database-unavailable',
        title: 'Database unavailable',
        status: 503,
        detail: 'A database this service needs is unavailable; retry later',
      });
    }
    const fromHttp = logged(warn).filter(([context]) => context === 'HTTP');
    expect(fromHttp).toEqual([['HTTP', expect.stringMatching(/^A request was answered 503: a database is unavailable: /)]]);
    expect(fromHttp[0][1]).not.toContain('\n');
    expect(logged(error).filter(([context]) => context === 'HTTP')).toEqual([]);
  });

  it('is ready again once it is back, and says so in the log', async () => {
    log = jest.spyOn(Logger.prototype, 'log');
    await link.restore();
    await pollUntil(async () => (await get('/health/ready')).statusCode, (status) => status === 200, 'ready again', 30_000);
    expect(logged(log).filter(([context]) => context === 'Health').map(([, message]) => message)).toEqual(
      expect.arrayContaining(['Readiness: eventStore is up now (it was down)', 'Readiness: readModels is up now (it was down)']),
    );
    expect((await get('/health')).statusCode).toBe(200);
    const accepted = await t.app.inject({ method: 'POST', url: `/sample/notes/${randomUUID()}`, payload: { title: '復原' }, headers });
    expect(accepted.statusCode).toBe(201);
  });
});
