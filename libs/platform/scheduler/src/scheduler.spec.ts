import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Decider, DomainEvent, InMemoryEventStore, ManualClock, RuleViolation, handle, newId } from '@serviceledger/platform/core';
import { CheckpointTable, ReadModelDatabase } from '@serviceledger/platform/read-models';
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

describe('Scheduler', () => {
  let dir: string;
  let store: InMemoryEventStore;
  let db: ReadModelDatabase;
  const clock = new ManualClock(new Date('2026-12-01T00:00:00Z'));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sl-sched-'));
    store = new InMemoryEventStore();
    db = await ReadModelDatabase.open({ type: 'sqlite', filename: join(dir, 'read.db') }, [CheckpointTable, DueCommandTable]);
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sendThroughDecider: DueCommandSender = async ({ data, commandId, at }) => {
    const { stream } = data as { stream: string };
    await handle(store, stream, reminder, { type: 'SendReminder', data: {}, metadata: { commandId, at, actor: system, correlationId: commandId } });
  };

  async function scheduleReminder(dueAt: string): Promise<{ stream: string; checkpoint: string }> {
    const stream = `test.reminder-${newId()}`;
    const result = await handle(store, stream, reminder, {
      type: 'ScheduleReminder',
      data: { dueAt },
      metadata: { commandId: newId(), at: clock.now().toISOString(), actor: system, correlationId: 'c' },
    });
    return { stream, checkpoint: result.checkpoint! };
  }

  async function sentCount(stream: string): Promise<number> {
    return (await store.readStream(stream)).filter((e) => e.type === 'ReminderSent').length;
  }

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
    const [sent] = (await store.readStream(reminders[2].stream)).filter((e) => e.type === 'ReminderSent');
    expect(sent.data).toEqual({ at: '2026-12-01T03:00:00.000Z' });
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
