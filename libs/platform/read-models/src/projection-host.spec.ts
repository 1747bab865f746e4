import { InMemoryEventStore, NewEvent, newId } from '@serviceledger/platform/core';
import { newEvent } from '@serviceledger/platform/testing';
import { ProjectionDefinition } from './projection';
import { ProjectionHost } from './projection-host';
import { ReadModelDatabase } from './read-model-database';
import { TestBackend, readModelBackends } from '@serviceledger/platform/testing';
import { countingProjection } from './testing/counting-projection';

describe.each(readModelBackends)('ProjectionHost on $name', ({ create }) => {
  let backend: TestBackend;
  let store: InMemoryEventStore;
  const opened: Array<{ host: ProjectionHost; db: ReadModelDatabase }> = [];

  async function openHost(definition: ProjectionDefinition) {
    const db = await ReadModelDatabase.open(backend.config, ProjectionHost.entities([definition]));
    const host = new ProjectionHost(store, db, [definition]);
    await host.start();
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

  it('a transaction that fails midway applies nothing; after a restart nothing is applied twice or missed', async () => {
    let failOn: string | undefined = 'Poison';
    const first = await openHost(countingProjection({ failOnType: () => failOn }));
    const beforePoison = await append(2);
    await first.host.waitFor('test.counting', beforePoison, 5000);
    await store.appendToStream(`test.thing-${newId()}`, [newEvent('Good'), newEvent('Poison'), newEvent('Good')]);
    const last = await append(1);

    expect(await first.host.waitFor('test.counting', last, 300)).toBe(false);
    const [failed] = await first.host.status();
    expect(failed.failure).toBe('failing on Poison');
    expect(failed.lag).toBe(4);
    // The batch with the poison event wrote its first row, then rolled back with it.
    expect(await total(first.host)).toBe(2);
    expect((await rows(first.host)).map((r) => r.type)).toEqual(['Happened', 'Happened']);

    await closeHost(opened.pop()!);
    failOn = undefined;
    const second = await openHost(countingProjection({ failOnType: () => failOn }));
    expect(await second.host.waitFor('test.counting', last, 5000)).toBe(true);
    expect(await total(second.host)).toBe(6);
    expect((await rows(second.host)).map((r) => r.type).sort()).toEqual(['Good', 'Good', 'Happened', 'Happened', 'Happened', 'Poison']);
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
