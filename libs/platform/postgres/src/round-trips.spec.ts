import { Client } from 'pg';
import { Command, Decider, DomainEvent, handle, newId } from '@serviceledger/platform/core';
import { newEvent } from '@serviceledger/platform/testing';
import { PostgresEventStore } from './postgres-event-store';
import { ScratchSchema, scratchSchema } from './scratch-schema';

type Count = Command<'Count', Record<string, never>>;
type Counted = DomainEvent<'Counted', { n: number }>;
const counter: Decider<Count, Counted, number> = {
  initialState: () => 0,
  evolve: (n) => n + 1,
  decide: (_command, n) => [{ type: 'Counted', data: { n: n + 1 } }],
};
const count = (commandId = newId()): Count => ({
  type: 'Count',
  data: {},
  metadata: { commandId, at: '2026-12-07T08:00:00.000Z', actor: { userId: 'u1', roles: ['agent'], departments: [] }, correlationId: 'corr-1' },
});

/**
 * What a command costs the database in round trips: every statement a `pg` client sends waits for its
 * answer, so the calls of `Client#query` (pooled clients included) are the round trips. The NOTIFY the
 * store sends after an append, for other processes' subscriptions, is counted apart: nobody waits for it.
 */
describe('PostgreSQL round trips', () => {
  let scratch: ScratchSchema;
  let store: PostgresEventStore;
  let queries: jest.SpyInstance;

  beforeEach(async () => {
    scratch = scratchSchema();
    store = await PostgresEventStore.open({ connectionString: scratch.url, schema: scratch.schema });
    queries = jest.spyOn(Client.prototype, 'query');
  });
  const sent = () => queries.mock.calls.map(([text]) => String(typeof text === 'string' ? text : (text as { text: string }).text));
  const roundTrips = () => sent().filter((text) => !text.startsWith('SELECT pg_notify')).length;
  const notifications = () => sent().filter((text) => text.startsWith('SELECT pg_notify')).length;
  afterEach(async () => {
    queries.mockRestore();
    await store.close();
    await scratch.drop();
  });

  it('an append with an expected version is one round trip', async () => {
    const stream = `test.one-${newId()}`;
    await store.appendToStream(stream, [newEvent('A')], { expectedVersion: 'no_stream' });
    await store.appendToStream(stream, Array.from({ length: 100 }, () => newEvent('B')), { expectedVersion: 0 });
    await expect(store.appendToStream(stream, [newEvent('C')], { expectedVersion: 0 })).rejects.toMatchObject({ actual: 100 });
    expect(roundTrips()).toBe(3);
    // Each append that stored events is announced once at most; appends made meanwhile share one.
    expect(notifications()).toBeLessThanOrEqual(2);
  });

  it('a command on a new aggregate is two round trips (read, append), with nothing thrown on the way', async () => {
    const stream = `test.new-${newId()}`;
    const result = await handle(store, stream, counter, count());
    expect(result).toMatchObject({ state: 1, version: 0, replayed: false });
    expect(roundTrips()).toBe(2);
  });

  it('a command on an existing aggregate is two round trips, and a retry of it one (answered from the read)', async () => {
    const stream = `test.old-${newId()}`;
    for (let i = 0; i < 3; i++) await handle(store, stream, counter, count());
    queries.mockClear();
    const command = count();
    expect(await handle(store, stream, counter, command)).toMatchObject({ state: 4, version: 3, replayed: false });
    expect(roundTrips()).toBe(2);
    queries.mockClear();
    expect(await handle(store, stream, counter, command)).toMatchObject({ state: 4, version: 3, replayed: true });
    expect(roundTrips()).toBe(1);
  });
});
