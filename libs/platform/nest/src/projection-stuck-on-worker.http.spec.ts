import { randomUUID } from 'node:crypto';
import { EventStore } from '@serviceledger/platform/core';
import { RequestHeaders, TestApp, newEvent, pollUntil, startTestApp } from '@serviceledger/platform/testing';
import { EVENT_STORE } from './tokens';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/**
 * Issue 16, defect 3: a worker's projection has stopped on an event, and an api process (ROLES=api,
 * the same SQLite store and read models) must not answer `?after=` with stale data as if it were fresh,
 * nor wait out its bound: it knows the failure the worker recorded.
 */
describe('a projection stuck on a worker, seen from an api process', () => {
  let worker: TestApp;
  let api: TestApp;
  let agent: RequestHeaders;
  let ops: RequestHeaders;
  beforeAll(async () => {
    worker = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite', ROLES: 'projector' } });
    api = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite', ROLES: 'api' }, dataDir: worker.dataDir });
    agent = await api.headersFor({ roles: ['agent'] });
    ops = await api.headersFor({ userId: 'ops', roles: ['administrator'] });
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
  });

  const read = (id: string, query: string) => api.app.inject({ method: 'GET', url: `/sample/notes/${id}${query}`, headers: agent });

  it('answers 503 at once naming the event, /health names it too; parked through the api process, the worker goes on', async () => {
    const poison = randomUUID();
    await api.app.get<EventStore>(EVENT_STORE).appendToStream(`sample.note-${randomUUID()}`, [newEvent('NoteWritten', { id: randomUUID() }, poison)]);
    const id = randomUUID();
    const written = await api.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title: 'after' }, headers: agent });
    expect(written.statusCode).toBe(201);
    const after = `?after=${written.json().checkpoint}`;

    await pollUntil(() => api.app.inject({ method: 'GET', url: '/health' }).then((r) => r.json()), (h) => h.status === 'degraded', 'the api process to see the failure');
    const started = Date.now();
    const stuck = await read(id, after);
    expect(Date.now() - started).toBeLessThan(4000); // well short of the 5 s it must not wait, on a loaded machine too
    expect(stuck.statusCode).toBe(503);
    expect(stuck.json().detail).toContain(`cannot apply event ${poison} (NoteWritten`);
    expect((await read(id, `${after}&stale=allow`)).statusCode).toBe(404);

    const parked = await api.app.inject({
      method: 'POST',
      url: '/operations/projections/sample.notes/parked-events',
      payload: { eventId: poison, reason: 'a note without a title' },
      headers: ops,
    });
    expect(parked.statusCode).toBe(201);
    // The worker finds the park at its next retry (every 5 s).
    const fresh = await pollUntil(() => read(id, after), (r) => r.statusCode === 200, 'the worker to go past the parked event', 10000);
    expect(fresh.json()).toMatchObject({ title: 'after' });
    expect((await api.app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ status: 'up' });
  });
});
