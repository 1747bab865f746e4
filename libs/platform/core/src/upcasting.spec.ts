import { newEvent } from '@serviceledger/platform/testing';
import { InMemoryEventStore } from './in-memory-event-store';
import { Upcasters } from './upcasting';
import { withUpcasting } from './upcasting-event-store';

/** v1 stored a single `name`; v2 split it; v3 renamed `given` to `first`. */
const upcasters = new Upcasters([
  {
    type: 'ContactRecorded',
    fromVersion: 1,
    upcast: (data) => {
      const [given, family] = String((data as { name: string }).name).split(' ');
      return { given, family };
    },
  },
  {
    type: 'ContactRecorded',
    fromVersion: 2,
    upcast: (data) => {
      const { given, family } = data as { given: string; family: string };
      return { first: given, family };
    },
  },
]);

describe('upcasting on read', () => {
  it('hands out old events in their current shape, through every read, and never rewrites what is stored', async () => {
    const raw = new InMemoryEventStore();
    const store = withUpcasting(raw, upcasters);
    const v1 = newEvent('ContactRecorded', { name: 'Wei Li' });
    const v2 = { ...newEvent('ContactRecorded', { given: 'Mei', family: 'Lin' }), metadata: { ...v1.metadata, schemaVersion: 2 } };
    const other = newEvent('Unrelated', { name: 'kept as is' });
    await store.appendToStream('test.contact-1', [v1, v2, other]);

    const expected = [
      { data: { first: 'Wei', family: 'Li' }, version: 3 },
      { data: { first: 'Mei', family: 'Lin' }, version: 3 },
      { data: { name: 'kept as is' }, version: 1 },
    ];
    const shape = (events: Array<{ data: unknown; metadata: { schemaVersion: number } }>) =>
      events.map((e) => ({ data: e.data, version: e.metadata.schemaVersion }));
    expect(shape(await store.readStream('test.contact-1'))).toEqual(expected);
    expect(shape((await store.readAll()).events)).toEqual(expected);

    const pushed: unknown[] = [];
    const subscription = store.subscribe({}, async (events) => void pushed.push(...shape(events)));
    const deadline = Date.now() + 2000;
    while (pushed.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await subscription.stop();
    expect(pushed).toEqual(expected);

    expect((await raw.readStream('test.contact-1'))[0].data).toEqual({ name: 'Wei Li' });
  });

  it('is the store itself when there is nothing to upcast', () => {
    const raw = new InMemoryEventStore();
    expect(withUpcasting(raw, new Upcasters())).toBe(raw);
  });
});
