import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, ManualClock, NotFoundError } from '@serviceledger/platform/core';
import { stateAsOf } from './as-of';
import { InvalidInputException } from './problem-details';

type Counted = { type: 'Counted'; data: { by: number } };

/** A counter: its state is the sum of what was counted. */
const counters = {
  name: 'Counter',
  streamPrefix: 'test.counter-',
  decider: { initialState: () => 0, evolve: (total: number, event: Counted) => total + event.data.by },
};

describe('stateAsOf: an instance as it stood at an instant', () => {
  const store = new InMemoryEventStore();
  const clock = new ManualClock(new Date('2026-12-07T12:00:00Z'));
  const id = randomUUID();

  beforeAll(async () => {
    // The third was decided after the fourth by a clock that ran behind: stream order is the order of decisions.
    const counted = (by: number, occurredAt: string) => ({
      id: randomUUID(),
      type: 'Counted',
      data: { by },
      occurredAt,
      metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'u', roles: [], departments: [] }, schemaVersion: 1 },
    });
    await store.appendToStream(`test.counter-${id}`, [
      counted(1, '2026-12-07T09:00:00.000Z'),
      counted(10, '2026-12-07T10:00:00.000Z'),
      counted(100, '2026-12-07T11:30:00.000Z'),
      counted(1000, '2026-12-07T11:00:00.000Z'),
    ]);
  });

  it('folds the events up to the instant, that one included, whatever offset the instant is written in', async () => {
    expect(await stateAsOf(store, clock, counters, id, '2026-12-07T17:30:00+08:00')).toEqual({ asOf: '2026-12-07T09:30:00.000Z', version: 0, state: 1 });
    expect(await stateAsOf(store, clock, counters, id, '2026-12-07T10:00:00Z')).toMatchObject({ version: 1, state: 11 });
  });

  it('stops at the first event that occurred after the instant, never skipping one to fold a later', async () => {
    expect(await stateAsOf(store, clock, counters, id, '2026-12-07T11:15:00Z')).toMatchObject({ version: 1, state: 11 });
    expect(await stateAsOf(store, clock, counters, id, '2026-12-07T11:45:00Z')).toMatchObject({ version: 3, state: 1111 });
  });

  it('is not found before the first event, or for an instance without events', async () => {
    await expect(stateAsOf(store, clock, counters, id, '2026-12-07T08:59:59Z')).rejects.toThrow(NotFoundError);
    await expect(stateAsOf(store, clock, counters, randomUUID(), '2026-12-07T11:45:00Z')).rejects.toThrow(NotFoundError);
  });

  it('refuses an instant still to come, naming asOf', async () => {
    const refusal = stateAsOf(store, clock, counters, id, '2026-12-07T12:00:00.001Z');
    await expect(refusal).rejects.toThrow(InvalidInputException);
    await expect(refusal).rejects.toMatchObject({ fieldErrors: [{ field: 'asOf', message: 'asOf must not be in the future' }] });
    expect(await stateAsOf(store, clock, counters, id, '2026-12-07T12:00:00Z')).toMatchObject({ state: 1111 });
  });
});
