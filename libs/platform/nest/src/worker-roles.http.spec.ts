import { randomUUID } from 'node:crypto';
import { EventStore } from '@serviceledger/platform/core';
import { OverlappingQueries, ScratchSchema, postgresServiceEnv, recordOverlappingQueries, scratchSchema } from '@serviceledger/platform/postgres';
import { TestApp, newEvent, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { ServiceDefinition } from './service-definition';
import { SampleNotesModule, sampleService } from './testing/sample-notes';
import { EVENT_STORE } from './tokens';

/** The sample service with a relay (publishing nothing: its lag is what is measured here). */
const relayed: ServiceDefinition = { ...sampleService, relay: { filter: { streamPrefixes: ['sample.note-'] }, map: () => undefined, contracts: [] } };

const lagLines = (metrics: string) => metrics.split('\n').filter((line) => /^serviceledger_(projection|relay)_lag\{/.test(line));

/**
 * Issue 16: two worker replicas (ROLES=projector,relay,consumer) on one PostgreSQL database, as in
 * production. One runs the projection and the relay; the other stands by. Neither serves the HTTP API,
 * and only the runner reports lag. And on the way, no pg client is ever sent a query while it already
 * has one waiting (defect 7).
 */
describe('worker processes (ROLES=projector,relay,consumer) on PostgreSQL', () => {
  const env = { ROLES: 'projector,relay,consumer', SCHEMA_CHANGES: 'migrate' };
  let events: ScratchSchema;
  let readModels: ScratchSchema;
  let overlapping: OverlappingQueries;
  let runner: TestApp;
  let standby: TestApp;
  let runnerStopped = false;

  beforeAll(async () => {
    overlapping = recordOverlappingQueries();
    events = scratchSchema();
    readModels = scratchSchema();
    const options = { services: [relayed], modules: [SampleNotesModule], env: { ...env, ...postgresServiceEnv(events, readModels) } };
    runner = await startTestApp(options);
    standby = await startTestApp(options);
  });
  afterAll(async () => {
    await standby?.close();
    if (!runnerStopped) await runner?.close();
    overlapping.restore();
    await events.drop();
    await readModels.drop();
  });

  const get = (app: TestApp, url: string) => app.app.inject({ method: 'GET', url });

  it('do not serve the HTTP API: a command or a query is a 404 problem detail', async () => {
    const id = randomUUID();
    const headers = await runner.headersFor({ roles: ['agent'] });
    for (const [method, url] of [['POST', `/sample/notes/${id}`], ['GET', `/sample/notes/${id}`]] as const) {
      const refused = await runner.app.inject({ method, url, headers, ...(method === 'POST' ? { payload: { title: 'x' } } : {}) });
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toMatchObject({ status: 404, detail: expect.stringContaining('is not served by this process (ROLES=projector,relay,consumer)') });
    }
  });

  it('are both ready, and report lag only where the projection and the relay run', async () => {
    await runner.app.get<EventStore>(EVENT_STORE).appendToStream(`sample.note-${randomUUID()}`, [newEvent('NoteWritten', { id: randomUUID(), title: '換季檢修' })]);
    const lines = await pollUntil(
      async () => lagLines((await get(runner, '/metrics')).body),
      (found) => found.length === 2 && found.every((line) => line.endsWith(' 0')),
      'the runner caught up with the log',
    );
    expect(lines).toEqual(['serviceledger_projection_lag{projection="sample.notes"} 0', 'serviceledger_relay_lag{relay="relay:sample"} 0']);
    expect(lagLines((await get(standby, '/metrics')).body)).toEqual([]);
    for (const app of [runner, standby]) expect((await get(app, '/health/ready')).statusCode).toBe(200);
  });

  it('hand the lag reports over with the runs: the standby reports once the runner stopped', async () => {
    await runner.close();
    runnerStopped = true;
    const lines = await pollUntil(async () => lagLines((await get(standby, '/metrics')).body), (found) => found.length === 2, 'the standby took over', 15_000);
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['serviceledger_projection_lag{projection="sample.notes"}', 'serviceledger_relay_lag{relay="relay:sample"}']);
  });

  it('never send a pg client a query while it already has one waiting', () => {
    expect(overlapping.stacks).toEqual([]);
  });
});
