import { InMemoryEventStore, NewEvent, handle, newId, streamOf } from '@serviceledger/platform/core';
import { eventually, newEvent } from '@serviceledger/platform/testing';
import { parkedEvents } from './parked-events';
import { ProjectionDefinition } from './projection';
import { ProjectionHost, ProjectionHostOptions } from './projection-host';
import { ReadModelDatabase } from './read-model-database';
import { TestBackend, readModelBackends } from '@serviceledger/platform/testing';
import { countingProjection } from './testing/counting-projection';

describe.each(readModelBackends)('ProjectionHost on $name', ({ create }) => {
  let backend: TestBackend;
  let store: InMemoryEventStore;
  const opened: Array<{ host: ProjectionHost; db: ReadModelDatabase }> = [];

  async function openHost(definition: ProjectionDefinition, options: ProjectionHostOptions = {}, follower = false) {
    const db = await ReadModelDatabase.open(backend.config, ProjectionHost.entities([definition]));
    const host = new ProjectionHost(store, db, [definition], options);
    await (follower ? host.followOnly(20) : host.start());
    opened.push({ host, db });
    return { host, db };
  }

  async function closeHost(h: { host: ProjectionHost; db: ReadModelDatabase }) {
    await h.host.stop();
    await h.db.close();
  }

  async function append(count: number, type = 'Happened'): Promise<string> {
    const events: NewEvent[] = Array.from({ length: count }, () => newEvent(type));
    return (await store.appendToStream(`test.thing-${newId()}`, events)).checkpoint;
  }

  const rows = (host: ProjectionHost) => host.repository<{ type: string; label: string }>('test.counting', 'seen').find();
  const total = async (host: ProjectionHost) =>
    (await host.repository<{ id: number; count: number }>('test.counting', 'total').findOneBy({ id: 1 }))?.count;

  beforeEach(() => {
    backend = create();
    store = new InMemoryEventStore();
  });
  afterEach(async () => {
    for (const h of opened.splice(0)) await closeHost(h).catch(() => undefined);
    await backend.dispose();
  });

  it('applies events and lets a query wait for a checkpoint (read-your-writes)', async () => {
    const { host } = await openHost(countingProjection());
    const checkpoint = await append(3);
    expect(await host.waitFor('test.counting', checkpoint, 5000)).toBe(true);
    expect(await total(host)).toBe(3);
    const [status] = await host.status();
    expect(status).toMatchObject({ name: 'test.counting', lag: 0, checkpoint, activeSlot: 'a', rebuilding: false });
  });

  it('says it is catching up, and how far, until it reaches the head the log had at start; a follower says the same of what it follows', async () => {
    let failOn: string | undefined = 'Poison';
    await append(2);
    await append(1, 'Poison');
    const head = await append(2);
    const runner = await openHost(countingProjection({ failOnType: () => failOn }), { retryMs: 20 });
    const follower = await openHost(countingProjection(), {}, true);

    // Stuck on the third event of five: two applied of the five behind it at start.
    await eventually(async () => expect((await runner.host.status())[0]).toMatchObject({ failedEvent: expect.anything(), catchingUp: { applied: 2, of: 5 } }));
    await eventually(async () => expect((await follower.host.status())[0]).toMatchObject({ checkpoint: expect.any(String), catchingUp: expect.anything() }));

    failOn = undefined;
    await eventually(async () => expect((await runner.host.status())[0]).toMatchObject({ checkpoint: head }));
    expect((await runner.host.status())[0]).not.toHaveProperty('catchingUp');
    await eventually(async () => expect((await follower.host.status())[0]).not.toHaveProperty('catchingUp'));
  });

  it('a batch that fails rolls back, then commits event by event up to the one it cannot apply, names it and stops; after a fix nothing is applied twice or missed', async () => {
    let failOn: string | undefined = 'Poison';
    const logged: string[] = [];
    const logger = { log: () => undefined, error: (message: string) => void logged.push(message) };
    const first = await openHost(countingProjection({ failOnType: () => failOn }), { logger, retryMs: 20 });
    const beforePoison = await append(2);
    await first.host.waitFor('test.counting', beforePoison, 5000);
    const poison = newEvent('Poison');
    await store.appendToStream(`test.thing-${newId()}`, [newEvent('Good'), poison, newEvent('Good')]);
    const last = await append(1);

    const started = Date.now();
    expect(await first.host.waitFor('test.counting', last, 5000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(4000); // well short of the 5 s it must not wait, on a loaded machine too
    const [failed] = await first.host.status();
    expect(failed.failedEvent).toMatchObject({ projection: 'test.counting', eventId: poison.id, eventType: 'Poison', streamPosition: 1, error: 'failing on Poison' });
    expect(failed.lag).toBe(3);
    // The batch's own transaction rolled back; the Good event before the poison then committed on its own.
    expect(await total(first.host)).toBe(3);
    expect((await rows(first.host)).map((r) => r.type).sort()).toEqual(['Good', 'Happened', 'Happened']);
    // It retries every 20 ms and logs the failure once.
    await new Promise((r) => setTimeout(r, 100));
    expect(failed.failure).toMatch(new RegExp(`^Projection test.counting cannot apply event ${poison.id} \\(Poison, stream test.thing-.+ position 1, checkpoint .+\\): failing on Poison$`));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(failed.failure);
    expect(logged[0]).toMatch(/POST \/operations\/projections\/test.counting\/parked-events .*; retrying every 20 ms$/);

    failOn = undefined;
    await eventually(async () => expect(await first.host.waitFor('test.counting', last, 5000)).toBe(true));
    expect(await total(first.host)).toBe(6);
    expect((await rows(first.host)).map((r) => r.type).sort()).toEqual(['Good', 'Good', 'Happened', 'Happened', 'Happened', 'Poison']);
    expect((await first.host.status())[0]).not.toHaveProperty('failure');
  });

  it('an event parked in the log is skipped by the replica that runs the projection and by a rebuild; a replica that only follows knows the failure', async () => {
    const runner = await openHost(countingProjection({ failOnType: () => 'Poison' }), { retryMs: 20 });
    const follower = await openHost(countingProjection(), {}, true);
    const poison = newEvent('Poison');
    await store.appendToStream(`test.thing-${newId()}`, [poison]);
    const last = await append(2);

    expect(await runner.host.waitFor('test.counting', last, 5000)).toBe(false);
    const started = Date.now();
    expect(await follower.host.waitFor('test.counting', last, 5000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(4000); // well short of the 5 s it must not wait, on a loaded machine too
    expect((await follower.host.status())[0].failedEvent).toMatchObject({ eventId: poison.id, eventType: 'Poison' });
    await expect(follower.host.failingOn('test.counting', newId())).rejects.toMatchObject({ code: 'event-not-failing' });
    const failed = await follower.host.failingOn('test.counting', poison.id);

    // Parked through the follower's store, as an api replica would: the runner finds it on its next retry.
    const { eventId, eventType, stream, streamPosition } = failed;
    const metadata = { commandId: newId(), at: new Date().toISOString(), actor: { userId: 'ops', roles: ['administrator'], departments: [] }, correlationId: newId() };
    const data = { projection: 'test.counting', eventId, eventType, stream, streamPosition, reason: 'test' };
    await handle(store, streamOf(parkedEvents, 'test.counting'), parkedEvents.decider, { type: 'ParkEvent', data, metadata });
    await eventually(async () => expect(await runner.host.waitFor('test.counting', last, 5000)).toBe(true));
    await eventually(async () => expect(await follower.host.waitFor('test.counting', last, 5000)).toBe(true));
    expect((await rows(runner.host)).map((r) => r.type)).toEqual(['Happened', 'Happened']);
    expect((await follower.host.status())[0]).not.toHaveProperty('failedEvent');

    await runner.host.rebuild('test.counting');
    expect((await runner.host.status())[0]).toMatchObject({ activeSlot: 'b', rebuilding: false });
    expect(await total(runner.host)).toBe(2);
  });

  it('rebuilds a new version beside the old one, which keeps serving, then switches', async () => {
    const v1 = await openHost(countingProjection({ version: 1 }));
    const checkpoint = await append(3);
    await v1.host.waitFor('test.counting', checkpoint, 5000);
    await closeHost(opened.pop()!);

    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const v2 = await openHost(countingProjection({ version: 2, beforeEach: () => gate }));
    // While v2 is being built, queries still read v1's slot.
    const [during] = await v2.host.status();
    expect(during).toMatchObject({ rebuilding: true, activeSlot: 'a' });
    expect((await rows(v2.host)).map((r) => r.label)).toEqual(['v1:Happened', 'v1:Happened', 'v1:Happened']);

    release();
    await v2.host.rebuild('test.counting');
    const [after] = await v2.host.status();
    expect(after).toMatchObject({ rebuilding: false, activeSlot: 'b', version: 2, lag: 0 });
    expect((await rows(v2.host)).map((r) => r.label)).toEqual(['v2:Happened', 'v2:Happened', 'v2:Happened']);

    const more = await append(1);
    expect(await v2.host.waitFor('test.counting', more, 5000)).toBe(true);
    expect(await total(v2.host)).toBe(4);
  });
});
