import { Command, Decider, DomainEvent, InMemoryEventStore, ManualClock, RuleViolation, causedBy, handle, newId } from '@serviceledger/platform/core';
import { CheckpointTable, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { TestBackend, newEvent, readModelBackends } from '@serviceledger/platform/testing';
import { DueCommandTable } from './schedule-table';
import { ScheduleDefinition } from './schedule';
import { DueCommandSender, Scheduler } from './scheduler';

type ReminderCommand = Command<'ScheduleReminder', { dueAt: string }> | Command<'SendReminder', Record<string, never>>;
type ReminderEvent = DomainEvent<'ReminderScheduled', { dueAt: string }> | DomainEvent<'ReminderSent', { at: string }>;

const reminder: Decider<ReminderCommand, ReminderEvent, { sent: boolean }> = {
  initialState: () => ({ sent: false }),
  evolve: (state, event) => (event.type === 'ReminderSent' ? { sent: true } : state),
  decide(command, state) {
    if (command.type === 'ScheduleReminder') return [{ type: 'ReminderScheduled', data: { dueAt: command.data.dueAt } }];
    if (state.sent) throw new RuleViolation('already-sent', 'The reminder was sent already');
    return [{ type: 'ReminderSent', data: { at: command.metadata.at } }];
  },
};

const schedule: ScheduleDefinition = {
  name: 'reminders',
  filter: { streamPrefixes: ['test.reminder-'] },
  changes: (event) =>
    event.type === 'ReminderScheduled'
      ? [{ plan: { key: `reminder:${event.stream}`, dueAt: (event.data as { dueAt: string }).dueAt, type: 'SendReminder', data: { stream: event.stream } } }]
      : [],
};

const system = { userId: 'system:scheduler', roles: [], departments: [] };

describe.each(readModelBackends)('Scheduler on $name', ({ create }) => {
  let backend: ReturnType<typeof create>;
  let store: InMemoryEventStore;
  let db: ReadModelDatabase;
  const clock = new ManualClock(new Date('2026-12-01T00:00:00Z'));

  beforeEach(async () => {
    clock.set('2026-12-01T00:00:00Z');
    backend = create();
    store = new InMemoryEventStore();
    db = await ReadModelDatabase.open(backend.config, [CheckpointTable, DueCommandTable]);
  });
  afterEach(async () => {
    await db.close();
    await backend.dispose();
  });

  const sendThroughDecider: DueCommandSender = async ({ data, commandId, at, cause }) => {
    const { stream } = data as { stream: string };
    await handle(store, stream, reminder, { type: 'SendReminder', data: {}, metadata: causedBy(cause, { commandId, at, actor: system }) });
  };

  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  async function scheduleReminder(dueAt: string): Promise<{ stream: string; checkpoint: string }> {
    const stream = `test.reminder-${newId()}`;
    const result = await handle(store, stream, reminder, {
      type: 'ScheduleReminder',
      data: { dueAt },
      metadata: { commandId: newId(), at: clock.now().toISOString(), actor: system, correlationId: 'c', traceparent },
    });
    return { stream, checkpoint: result.checkpoint! };
  }

  async function sentCount(stream: string): Promise<number> {
    return (await store.readStream(stream)).filter((e) => e.type === 'ReminderSent').length;
  }

  it('reports its backlog: the commands due and not sent, and since when the oldest is due', async () => {
    const reminders = [];
    for (const t of ['2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z', '2026-12-02T00:00:00Z']) reminders.push(await scheduleReminder(t));
    const scheduler = new Scheduler(store, db, schedule, sendThroughDecider, clock, { pollIntervalMs: 60_000 });
    await scheduler.start();
    await scheduler.waitFor(reminders[2].checkpoint, 5000);
    expect(await scheduler.backlog(clock.now())).toEqual({ schedule: 'reminders', due: 0, oldestDueAt: undefined });

    clock.set('2026-12-01T02:30:00Z');
    expect(await scheduler.backlog(clock.now())).toEqual({ schedule: 'reminders', due: 2, oldestDueAt: new Date('2026-12-01T01:00:00Z') });
    await scheduler.poll();
    expect(await scheduler.backlog(clock.now())).toEqual({ schedule: 'reminders', due: 0, oldestDueAt: undefined });
    await scheduler.stop();
  });

  it('applies a batch of plans and cancellations in order; a command already sent is not planned again', async () => {
    const plans: ScheduleDefinition = {
      name: 'plans',
      filter: { streamPrefixes: ['test.plan-'] },
      changes: (event) => {
        const { key, dueAt } = event.data as { key: string; dueAt?: string };
        return event.type === 'Cancelled' ? [{ cancel: key }] : [{ plan: { key, dueAt: dueAt!, type: 'Remind', data: { key } } }];
      },
    };
    const sent: string[] = [];
    const remind: DueCommandSender = async ({ data }) => void sent.push((data as { key: string }).key);
    const planned = (key: string, dueAt: string) => newEvent('Planned', { key, dueAt });
    const cancelled = (key: string) => newEvent('Cancelled', { key });

    const first = new Scheduler(store, db, plans, remind, clock, { pollIntervalMs: 60_000 });
    await first.start();
    const early = await store.appendToStream('test.plan-1', [planned('a', '2026-12-01T00:00:00Z')]);
    await first.waitFor(early.checkpoint!, 5000);
    expect(await first.poll()).toBe(1);
    // One append, so one batch of the projection.
    const batch = await store.appendToStream('test.plan-2', [
      planned('a', '2026-12-05T00:00:00Z'),
      planned('b', '2026-12-02T00:00:00Z'),
      cancelled('b'),
      planned('c', '2026-12-02T00:00:00Z'),
      cancelled('c'),
      planned('c', '2026-12-03T00:00:00Z'),
      planned('d', '2026-12-02T00:00:00Z'),
      planned('d', '2026-12-04T00:00:00Z'),
      cancelled('e'),
    ]);
    await first.waitFor(batch.checkpoint!, 5000);

    expect((await first.pending()).map(({ key, dueAt }) => [key, dueAt.toISOString()])).toEqual([
      ['c', '2026-12-03T00:00:00.000Z'],
      ['d', '2026-12-04T00:00:00.000Z'],
    ]);
    const rows = db.manager.getRepository(DueCommandTable);
    expect(await rows.findOneBy({ key: 'a' })).toMatchObject({ status: 'sent', dueAt: new Date('2026-12-01T00:00:00Z') });
    expect(await rows.findOneBy({ key: 'b' })).toMatchObject({ status: 'cancelled' });
    expect(await rows.findOneBy({ key: 'e' })).toBeNull();

    clock.set('2026-12-06T00:00:00Z');
    expect(await first.poll()).toBe(2);
    expect(sent).toEqual(['a', 'c', 'd']);
    await first.stop();
  });

  it('sends each due command exactly once across restarts, including a crash after sending', async () => {
    const times = ['2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z', '2026-12-01T03:00:00Z', '2026-12-02T00:00:00Z'];
    const reminders = [];
    for (const t of times) reminders.push(await scheduleReminder(t));

    const first = new Scheduler(store, db, schedule, sendThroughDecider, clock, { pollIntervalMs: 60_000 });
    await first.start();
    await first.waitFor(reminders[3].checkpoint, 5000);
    expect(await first.poll()).toBe(0);

    clock.set('2026-12-01T02:30:00Z');
    expect(await first.poll()).toBe(2);
    await first.stop();

    // The next process crashes after the third reminder went out but before its row was marked sent.
    clock.set('2026-12-01T03:30:00Z');
    const crashing = new Scheduler(
      store,
      db,
      schedule,
      async (command) => {
        await sendThroughDecider(command);
        throw new Error('killed before marking the row sent');
      },
      clock,
    );
    await crashing.start();
    await expect(crashing.poll()).rejects.toThrow('killed before marking the row sent');
    await crashing.stop();

    clock.set('2026-12-03T00:00:00Z');
    const restarted = new Scheduler(store, db, schedule, sendThroughDecider, clock);
    await restarted.start();
    expect(await restarted.poll()).toBe(2);
    expect(await restarted.poll()).toBe(0);
    expect(await restarted.pending()).toEqual([]);
    await restarted.stop();

    for (const r of reminders) expect(await sentCount(r.stream)).toBe(1);
    const [planned, sent] = await store.readStream(reminders[2].stream);
    expect(sent.data).toEqual({ at: '2026-12-01T03:00:00.000Z' });
    // The due command follows from the event that planned it: its correlation and trace carry on.
    expect(sent.metadata).toMatchObject({ correlationId: 'c', traceparent });
    expect(planned.type).toBe('ReminderScheduled');
  });

  it('the poller runs by itself on its interval', async () => {
    const { stream, checkpoint } = await scheduleReminder('2026-11-30T00:00:00Z');
    const scheduler = new Scheduler(store, db, schedule, sendThroughDecider, clock, { pollIntervalMs: 10 });
    await scheduler.start();
    await scheduler.waitFor(checkpoint, 5000);
    const deadline = Date.now() + 5000;
    while ((await sentCount(stream)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await scheduler.stop();
    expect(await sentCount(stream)).toBe(1);
  });
});

describe('Scheduler replicas on PostgreSQL', () => {
  const [, postgres] = readModelBackends;
  let backend: TestBackend;
  const dbs: ReadModelDatabase[] = [];
  const clock = new ManualClock(new Date('2026-12-01T12:00:00Z'));
  const store = new InMemoryEventStore();

  beforeEach(() => (backend = postgres.create()));
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.close();
    await backend.dispose();
  });

  /** Two replicas (each its own connections), 40 due rows, and a sender that records who sent what. */
  async function setUp() {
    const [a, b] = await Promise.all([0, 1].map(() => ReadModelDatabase.open(backend.config, [CheckpointTable, DueCommandTable])));
    dbs.push(a, b);
    const rows = Array.from({ length: 40 }, (_, i) => ({
      key: `reminder:${String(i).padStart(2, '0')}`,
      schedule: schedule.name,
      dueAt: new Date('2026-12-01T01:00:00Z'),
      commandType: 'SendReminder',
      payload: JSON.stringify({ n: i }),
      status: 'pending' as const,
      sentAt: null,
    }));
    await a.manager.getRepository(DueCommandTable).insert(rows);
    const sent: Array<{ by: string; n: number }> = [];
    const sender = (by: string): DueCommandSender => async ({ data }) => {
      await new Promise((r) => setTimeout(r, 2));
      sent.push({ by, n: (data as { n: number }).n });
    };
    const schedulers = [
      new Scheduler(store, a, schedule, sender('a'), clock, { batchSize: 1000 }),
      new Scheduler(store, b, schedule, sender('b'), clock, { batchSize: 1000 }),
    ];
    return { a, schedulers, sent };
  }

  it('two schedulers polling at once never send the same row twice (FOR UPDATE SKIP LOCKED)', async () => {
    const { a, schedulers, sent } = await setUp();
    const counts = await Promise.all(schedulers.map((s) => s.poll()));
    expect(counts[0] + counts[1]).toBe(40);
    expect(counts.every((c) => c > 0)).toBe(true); // both really polled at the same time
    expect(sent.map((s) => s.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(await a.manager.getRepository(DueCommandTable).countBy({ status: 'pending' })).toBe(0);
    expect(await Promise.all(schedulers.map((s) => s.poll()))).toEqual([0, 0]);
  });

  it('without the claim (the embedded path) the same two pollers would send rows twice', async () => {
    const { schedulers, sent } = await setUp();
    const embedded = schedulers.map((s) => s as unknown as { pollEmbedded(): Promise<number> });
    await Promise.all(embedded.map((s) => s.pollEmbedded()));
    expect(sent.length).toBeGreaterThan(40);
  });

  it('only one replica keeps the schedule; the other takes over when it stops', async () => {
    const { schedulers } = await setUp();
    const [first, second] = schedulers.map((s, i) =>
      i === 0 ? s : new Scheduler(store, dbs[1], schedule, async () => undefined, clock, { standbyPollMs: 20, pollIntervalMs: 60_000 }),
    );
    await first.start();
    await second.start();
    expect([first.keeping, second.keeping]).toEqual([true, false]);
    await first.stop();
    const deadline = Date.now() + 5000;
    while (!second.keeping && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(second.keeping).toBe(true);
    await second.stop();
  });
});
