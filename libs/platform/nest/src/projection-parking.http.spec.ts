import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventStore } from '@serviceledger/platform/core';
import { RequestHeaders, newEvent, useTestApp } from '@serviceledger/platform/testing';
import { EVENT_STORE } from './tokens';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/**
 * Issue 16: a malformed event (a NoteWritten without the title the contract requires, as a broken
 * hand-off would append) stops the sample service's real projection on its NOT NULL column. The
 * operator sees it in the log, the metrics and /health, parks it over HTTP, and the projection goes on.
 */
describe('a projection stuck on an event, over HTTP on SQLite', () => {
  const suite = useTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite' } }, { userId: 'ops', roles: ['administrator'] });
  const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  afterAll(() => errors.mockRestore());
  let agent: RequestHeaders;
  beforeAll(async () => (agent = await suite.t.headersFor({ userId: 'agent', roles: ['agent'] })));

  const get = (url: string, headers = suite.headers) => suite.t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload?: object) => suite.t.app.inject({ method: 'POST', url, payload, headers: suite.headers });
  const store = () => suite.t.app.get<EventStore>(EVENT_STORE);
  const note = (id: string, query = '') => get(`/sample/notes/${id}${query}`, agent);
  const write = async (title: string) => {
    const id = randomUUID();
    const written = await suite.t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title }, headers: agent });
    expect(written.statusCode).toBe(201);
    return { id, checkpoint: written.json().checkpoint as string };
  };

  const poison = { id: randomUUID(), stream: '' };
  let after: { id: string; checkpoint: string };

  it('logs the event it cannot apply, names it in /health, the metrics and a read after it, at once', async () => {
    const before = await write('before');
    expect((await note(before.id, `?after=${before.checkpoint}`)).statusCode).toBe(200);

    poison.stream = `sample.note-${randomUUID()}`;
    await store().appendToStream(poison.stream, [newEvent('NoteWritten', { id: randomUUID() }, poison.id)]);
    after = await write('after');

    const started = Date.now();
    const read = await note(after.id, `?after=${after.checkpoint}`);
    expect(Date.now() - started).toBeLessThan(4000); // well short of the 5 s it must not wait, on a loaded machine too
    expect(read.statusCode).toBe(503);
    expect(read.json()).toMatchObject({ type: 'https://serviceledger.dev/problems/read-model-behind', status: 503 });
    expect(read.json().detail).toContain(`will not reach checkpoint ${after.checkpoint} until an operator acts`);
    expect(read.json().detail).toContain(`cannot apply event ${poison.id} (NoteWritten, stream ${poison.stream} position 0`);
    expect((await note(after.id, `?after=${after.checkpoint}&stale=allow`)).statusCode).toBe(404);

    const logged = errors.mock.calls.map(([message]) => String(message)).filter((m) => m.startsWith('Projection sample.notes'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      new RegExp(`^Projection sample\\.notes cannot apply event ${poison.id} \\(NoteWritten, stream ${poison.stream} position 0, checkpoint \\d+\\): .*NOT NULL.*title`),
    );
    expect(logged[0]).toContain('POST /operations/projections/sample.notes/parked-events');

    const metrics = (await get('/metrics')).body;
    expect(metrics).toContain('serviceledger_projection_failed{projection="sample.notes"} 1');
    expect(metrics).toMatch(new RegExp(`serviceledger_projection_failed_event\\{projection="sample.notes",event_id="${poison.id}",event_type="NoteWritten",stream="${poison.stream}",stream_position="0",checkpoint="\\d+"\\} 1`));

    const health = await suite.t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: 'degraded',
      projections: [
        {
          name: 'sample.notes',
          status: 'failed',
          stuckOn: { eventId: poison.id, eventType: 'NoteWritten', stream: poison.stream, streamPosition: 0 },
          park: 'POST /operations/projections/sample.notes/parked-events',
        },
      ],
    });
  });

  it('a rebuild stops on the same event with a problem detail that says how to park it, not a 500', async () => {
    const rebuilt = await post('/operations/projections/sample.notes/rebuild');
    expect(rebuilt.statusCode).toBe(409);
    expect(rebuilt.json()).toMatchObject({ code: 'projection-event-failed', status: 409 });
    expect(rebuilt.json().detail).toContain(`cannot apply event ${poison.id}`);
    expect(rebuilt.json().detail).toContain(`POST /operations/projections/sample.notes/parked-events {"eventId": "${poison.id}"`);
  });

  it('parks only the event the projection is stuck on, with a reason', async () => {
    const other = await post('/operations/projections/sample.notes/parked-events', { eventId: randomUUID(), reason: 'wrong one' });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'event-not-failing' });
    const blank = await post('/operations/projections/sample.notes/parked-events', { eventId: poison.id, reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await post('/operations/projections/no.such/parked-events', { eventId: poison.id, reason: 'x' })).statusCode).toBe(404);
  });

  it('records the parking as an event with actor and reason, once; the projection goes on past it and rebuilds', async () => {
    const reason = 'a NoteWritten without a title, appended by a broken hand-off';
    const parked = await post('/operations/projections/sample.notes/parked-events', { eventId: poison.id, reason });
    expect(parked.statusCode).toBe(201);
    expect(parked.json()).toMatchObject({ projection: 'sample.notes', eventId: poison.id, eventType: 'NoteWritten', stream: poison.stream, reason, parkedBy: 'ops' });

    const again = await post('/operations/projections/sample.notes/parked-events', { eventId: poison.id, reason: 'again' });
    expect(again.json()).toMatchObject({ eventId: poison.id, reason, parkedBy: 'ops' });
    const recorded = await store().readStream('operations.projection-sample.notes');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ type: 'ProjectionEventParked', data: { projection: 'sample.notes', eventId: poison.id, reason } });
    expect(recorded[0].metadata.actor.userId).toBe('ops');

    const read = await note(after.id, `?after=${after.checkpoint}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ title: 'after' });
    expect((await suite.t.app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ status: 'up', projections: [{ name: 'sample.notes', status: 'up' }] });
    const metrics = (await get('/metrics')).body;
    expect(metrics).toContain('serviceledger_projection_failed{projection="sample.notes"} 0');
    expect(metrics).not.toContain('serviceledger_projection_failed_event{');

    const rebuilt = await post('/operations/projections/sample.notes/rebuild');
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.json()).toMatchObject({ name: 'sample.notes', activeSlot: 'b', rebuilding: false });
    expect(rebuilt.json()).not.toHaveProperty('failedEvent');
    expect((await note(after.id)).json()).toMatchObject({ title: 'after' });
    expect((await get('/operations/projections/sample.notes/parked-events')).json()).toEqual([
      expect.objectContaining({ eventId: poison.id, reason, parkedBy: 'ops', parkedAt: expect.any(String) }),
    ]);
  });
});
