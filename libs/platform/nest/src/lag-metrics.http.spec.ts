import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, newEvent, useTestApp } from '@serviceledger/platform/testing';
import { EVENT_STORE } from './tokens';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/** What an operator's dashboard reads at /metrics: how long a projection has been behind, what the commands appended. */
describe('lag and append metrics, over HTTP on SQLite', () => {
  // newEvent's events occurred at 08:00.
  const clock = new ManualClock(new Date('2026-11-30T08:00:00Z'));
  const suite = useTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite' }, clock }, { userId: 'agent', roles: ['agent'] });
  const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  afterAll(() => errors.mockRestore());
  let agent: RequestHeaders;
  beforeAll(async () => (agent = await suite.t.headersFor({ userId: 'agent', roles: ['agent'] })));

  const metrics = async () => (await suite.t.app.inject({ method: 'GET', url: '/metrics' })).body;
  const sample = (body: string, name: string, labels: string) => new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm').exec(body)?.[1];
  const write = async (title: string) => {
    const id = randomUUID();
    const written = await suite.t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title }, headers: agent });
    expect(written.statusCode).toBe(201);
    return { id, checkpoint: written.json().checkpoint as string };
  };

  it('a projection at the head is 0 s behind; one stopped on an event is behind by that event\'s age', async () => {
    const first = await write('first');
    expect((await suite.t.app.inject({ method: 'GET', url: `/sample/notes/${first.id}?after=${first.checkpoint}`, headers: agent })).statusCode).toBe(200);
    expect(sample(await metrics(), 'serviceledger_projection_lag_seconds', 'projection="sample.notes"')).toBe('0');

    // A NoteWritten without its title stops the projection (its NOT NULL column), as in projection-parking.http.spec.ts.
    await suite.t.app.get<EventStore>(EVENT_STORE).appendToStream(`sample.note-${randomUUID()}`, [newEvent('NoteWritten', { id: randomUUID() })]);
    clock.advance(90_000);
    await write('behind it');
    const body = await metrics();
    expect(sample(body, 'serviceledger_projection_failed', 'projection="sample.notes"')).toBe('1');
    expect(sample(body, 'serviceledger_projection_lag_seconds', 'projection="sample.notes"')).toBe('90');
  });

  it('counts the events the commands appended, by aggregate and type, once per command however often it is retried', async () => {
    const before = Number(sample(await metrics(), 'serviceledger_events_appended_total', 'aggregate="Note",type="NoteWritten"'));
    const id = randomUUID();
    for (let i = 0; i < 2; i++) {
      const answer = await suite.t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title: 'once' }, headers: { ...agent, 'idempotency-key': id } });
      expect(answer.statusCode).toBe(201);
    }
    expect(Number(sample(await metrics(), 'serviceledger_events_appended_total', 'aggregate="Note",type="NoteWritten"'))).toBe(before + 1);
  });
});
