import { randomUUID } from 'node:crypto';
import { useTestApp } from '@serviceledger/platform/testing';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/** Nothing listens on port 1: every connection to this "broker" is refused, as during an outage. */
const UNREACHABLE_BROKER = '127.0.0.1:1';

/** Issue 16: an api process (ROLES=api) serves requests with what it needs for them, not Kafka. */
describe('an api process (ROLES=api) while the Kafka broker is unreachable', () => {
  const suite = useTestApp(
    { services: [sampleService], modules: [SampleNotesModule], env: { ROLES: 'api', MESSAGE_BUS: 'kafka', KAFKA_BROKERS: UNREACHABLE_BROKER } },
    { roles: ['agent'] },
  );
  const get = (url: string, headers: Record<string, string> = {}) => suite.t.app.inject({ method: 'GET', url, headers });

  it('is ready: its readiness checks the event store and the read-model database, not the bus', async () => {
    const ready = await get('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ eventStore: 'up', readModels: 'up' });
    expect((await get('/health/live')).statusCode).toBe(200);
  });

  it('accepts commands: they wait in the log (the outbox) for a relay', async () => {
    const accepted = await suite.t.app.inject({ method: 'POST', url: `/sample/notes/${randomUUID()}`, payload: { title: '網絡中斷' }, headers: suite.headers });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().checkpoint).toEqual(expect.any(String));
  });

  it('reports no projection or relay lag: it runs neither', async () => {
    const metrics = await get('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('# TYPE serviceledger_projection_lag gauge');
    expect(metrics.body).not.toMatch(/^serviceledger_projection_lag\{/m);
    expect(metrics.body).not.toMatch(/^serviceledger_relay_lag\{/m);
  });

  it('answers a rebuild or a dead-letter replay with 409 naming the role that runs them', async () => {
    const admin = await suite.t.headersFor({ roles: ['administrator'] });
    const rebuild = await suite.t.app.inject({ method: 'POST', url: '/operations/projections/sample.notes/rebuild', headers: admin });
    expect(rebuild.statusCode).toBe(409);
    expect(rebuild.headers['content-type']).toContain('application/problem+json');
    expect(rebuild.json()).toMatchObject({
      status: 409,
      code: 'role-not-run',
      detail: 'POST /operations/projections/sample.notes/rebuild needs a process with the projector role; this one runs api: send it there',
    });
    const replay = await suite.t.app.inject({ method: 'POST', url: '/operations/dead-letters/sample/replay', headers: admin });
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ code: 'role-not-run', detail: expect.stringContaining('the consumer role') });
    expect((await get('/operations/projections', admin)).statusCode).toBe(200);
  });
});
