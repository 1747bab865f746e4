import { InMemoryEventStore, streamOf } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { CASE_OPENED_V1 } from '@serviceledger/service-delivery/contracts';
import { clockIdFor, clockSignalLogs, slaClocks } from '@serviceledger/quality-monitoring/domain';
import { ClockDriver, ClockRules } from './clock-driver';
import { DEMAND, POLICIES, caseOpened as opened, deliveryStarted as started, message, office, registered } from './testing/clock-fixtures';

const rules: ClockRules = { policies: POLICIES, calendarAt: () => office, currentCalendar: (id) => (id === office.calendarId ? office : undefined) };

describe('the clock driver', () => {
  let store: InMemoryEventStore;
  let commands: Commands;
  let driver: ClockDriver;
  const cycle1 = () => commands.state(slaClocks, clockIdFor(DEMAND, 'next-update', 1));

  beforeEach(() => {
    store = new InMemoryEventStore();
    commands = new Commands(store);
    driver = new ClockDriver(commands, async () => rules);
  });

  it("keeps each message that drives a demand's clocks once, however often it is delivered", async () => {
    await driver.handle(registered);
    await driver.handle(registered);
    await driver.handle(opened);
    const kept = await commands.state(clockSignalLogs, DEMAND);
    expect(kept.signals.map((s) => [s.id, s.type])).toEqual([
      ['m-1', registered.type],
      ['d-1', CASE_OPENED_V1.type],
    ]);
    expect(kept.signals[0].data).toEqual(registered.data);
  });

  it('starts next-update cycle 1 at the delivery start that arrived before the registration, once the registration arrives', async () => {
    // Service delivery's topic ran ahead of intake's: the case is linked, but there is no case to drive yet.
    await driver.handle(opened);
    await driver.handle(started);
    expect(await cycle1()).toBeNull();

    await driver.handle(registered);
    expect(await cycle1()).toMatchObject({ status: 'running', startedAt: '2026-11-30T02:00:00Z', target: { targetMinutes: 480 } });
    // A redelivered registration applies nothing twice.
    await driver.handle(registered);
    expect((await cycle1())?.runs).toHaveLength(1);
  });

  it('names who answers for the case on a breach another fact catches up, as the scheduler’s would (K-3.2)', async () => {
    await driver.handle(registered);
    await driver.handle(message('m-2', 'demand.assigned', { departmentId: 'tech-support', ownerId: 'ts-lead', assignedBy: 'agent', occurredAt: '2026-11-30T01:10:00Z' }));
    // No scheduler ran: the first reply at 15:00 stops the clock, catching up the warning (13:30) and the breach (14:30).
    await driver.handle(message('m-3', 'demand.reply-sent', { channel: 'phone', firstResponse: true, sentAt: '2026-11-30T07:00:00Z', sentBy: 'agent', occurredAt: '2026-11-30T07:00:01Z' }));
    const events = await store.readStream(streamOf(slaClocks, clockIdFor(DEMAND, 'first-response')));
    expect(events.filter((e) => e.type === 'ClockWarningReached' || e.type === 'ClockBreached').map((e) => [e.type, e.data])).toEqual([
      ['ClockWarningReached', expect.objectContaining({ caseKind: 'demand', departmentId: 'tech-support', responsibleId: 'ts-lead' })],
      ['ClockBreached', expect.objectContaining({ caseKind: 'demand', departmentId: 'tech-support', responsibleId: 'ts-lead' })],
    ]);
  });

  it('ignores a message about no demand: a delivery case never opened', async () => {
    await driver.handle(started);
    expect(await cycle1()).toBeNull();
    expect((await commands.state(clockSignalLogs, DEMAND)).signals).toEqual([]);
  });
});
