import { randomUUID } from 'node:crypto';
import { defineContract } from '@serviceledger/platform/core';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { ServiceDefinition } from './service-definition';
import { SAMPLE_NOTE_TOPIC, SampleNotesModule, noteMessage, sampleService } from './testing/sample-notes';

const NOTE_WRITTEN = defineContract({
  service: 'sample',
  event: 'note-written',
  version: 1,
  topic: SAMPLE_NOTE_TOPIC,
  description: 'A note was written in the sample service.',
  schema: { type: 'object' },
});

/** The sample service, plus a relay of its notes and a consumer that fails while `broken` is set. */
let broken = true;
const handled: string[] = [];
const withConsumer: ServiceDefinition = {
  ...sampleService,
  relay: {
    filter: { streamPrefixes: ['sample.note-'] },
    map: (event) => (event.type === 'NoteWritten' ? noteMessage(event, NOTE_WRITTEN.type) : undefined),
    contracts: [NOTE_WRITTEN],
  },
  consumers: [
    () => ({
      name: 'sample.echo',
      topics: [SAMPLE_NOTE_TOPIC],
      contracts: [NOTE_WRITTEN],
      attempts: 2,
      backoffMs: 1,
      async handle(message) {
        if (broken) throw new Error('downstream is down');
        handled.push(message.id);
      },
    }),
  ],
};

describe('operations endpoints', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp({ services: [withConsumer], modules: [SampleNotesModule] });
    admin = { authorization: `Bearer ${await t.tokenFor({ userId: 'ops', roles: ['administrator'] })}` };
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: admin });
  const post = (url: string) => t.app.inject({ method: 'POST', url, headers: admin });

  it('shows a dead letter with its consumer and replays it once the cause is fixed', async () => {
    const agent = { authorization: `Bearer ${await t.tokenFor({ roles: ['agent'] })}` };
    const written = await t.app.inject({ method: 'POST', url: `/sample/notes/${randomUUID()}`, payload: { title: 'x' }, headers: agent });
    expect(written.statusCode).toBe(201);

    const deadline = Date.now() + 5000;
    while ((await get('/operations/dead-letters')).json()[0]?.count !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect((await get('/operations/dead-letters')).json()).toEqual([{ consumer: 'sample.echo', count: 1 }]);
    expect((await get('/metrics')).body).toContain('serviceledger_dead_letters{consumer="sample.echo"} 1');

    broken = false;
    expect((await post('/operations/dead-letters/sample.echo/replay')).json()).toEqual({ replayed: 1, failed: 0 });
    expect((await get('/operations/dead-letters')).json()).toEqual([{ consumer: 'sample.echo', count: 0 }]);
    expect(handled).toHaveLength(1);
    expect((await post('/operations/dead-letters/no.such.consumer/replay')).statusCode).toBe(404);
  });

  it('rebuilds a projection into the other slot while it keeps serving', async () => {
    const agent = { authorization: `Bearer ${await t.tokenFor({ roles: ['agent'] })}` };
    const id = randomUUID();
    const { checkpoint } = (await t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title: '重建' }, headers: agent })).json();
    await t.app.inject({ method: 'GET', url: `/sample/notes/${id}?after=${checkpoint}`, headers: agent });

    const [before] = (await get('/operations/projections')).json();
    expect(before).toMatchObject({ name: 'sample.notes', activeSlot: 'a', lag: 0, rebuilding: false });
    const rebuilt = await post('/operations/projections/sample.notes/rebuild');
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.json()).toMatchObject({ name: 'sample.notes', activeSlot: 'b', rebuilding: false });
    expect((await t.app.inject({ method: 'GET', url: `/sample/notes/${id}`, headers: agent })).json()).toMatchObject({ title: '重建' });
    expect((await post('/operations/projections/no.such/rebuild')).statusCode).toBe(404);
  });
});
