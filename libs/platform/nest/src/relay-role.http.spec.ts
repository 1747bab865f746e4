import { randomUUID } from 'node:crypto';
import { useTestApp } from '@serviceledger/platform/testing';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/** Issue 16: a relay needs the broker to do its work, so its readiness depends on it. */
describe('a relay process (ROLES=relay) while the Kafka broker is unreachable', () => {
  const suite = useTestApp(
    { services: [sampleService], modules: [SampleNotesModule], env: { ROLES: 'relay', MESSAGE_BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:1' } },
    { roles: ['agent'] },
  );

  it('starts, stays alive, and is not ready, saying the bus is down', async () => {
    expect((await suite.t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await suite.t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().detail).toBe('Not ready: {"eventStore":"up","readModels":"up","bus":"down"}');
  });

  it('does not serve the HTTP API: a command is 404, before any token is asked for', async () => {
    const url = `/sample/notes/${randomUUID()}`;
    for (const headers of [suite.headers, {}]) {
      const refused = await suite.t.app.inject({ method: 'POST', url, payload: { title: 'x' }, headers });
      expect(refused.statusCode).toBe(404);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        status: 404,
        detail: `POST ${url} is not served by this process (ROLES=relay): it is served by processes with the api role`,
      });
    }
  });
});
