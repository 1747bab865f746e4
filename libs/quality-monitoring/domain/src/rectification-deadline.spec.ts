import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import { ClockCommand, ClockEvent, clockIdFor, slaClock } from './clock';
import { acceptanceItemCaseId, deadlineClockStart, deadlineClockTarget } from './rectification-deadline';
import { DeliveryCaseLinkEvent, deliveryCaseLink } from './tracked-case';

const system: Actor = { userId: 'system:quality-monitoring', roles: [], departments: [] };
let n = 0;
const meta = (at: string): CommandMetadata => ({ commandId: `cmd-${++n}`, at, actor: system, correlationId: 'cor-1' });

const CASE = acceptanceItemCaseId('case-1', '1.2');
const CLOCK = clockIdFor(CASE, 'rectification-deadline');

describe('rectification deadline clocks (P-5.2 及時進行整改, Q-3.2 限期整改)', () => {
  const clocks = deciderSpec(slaClock);
  const play = (...commands: ClockCommand[]): ClockEvent[] => commands.reduce<ClockEvent[]>((events, command) => [...events, ...clocks.when(events, command)], []);
  // Rejected at 10:00:20 Shanghai on Monday 30 November; the item is due Tuesday 10:00.
  const startedAt = deadlineClockStart('2026-11-30T02:00:20.123Z');
  const start: ClockCommand = {
    type: 'StartClock',
    data: { clockId: CLOCK, caseId: CASE, caseKind: 'rectification', metric: 'rectification-deadline', target: deadlineClockTarget(startedAt, '2026-12-01T02:00:00Z') },
    metadata: meta(startedAt),
  };

  it('names an acceptance item as a case of its own, under its delivery case', () => {
    expect(CLOCK).toBe('case-1.rectification-item-1.2.rectification-deadline.1');
  });

  it('runs 24×7 from the request, to its minute, to the date agreed: the deadline is the item’s due date', () => {
    expect(startedAt).toBe('2026-11-30T02:00:00.000Z');
    const [started] = play(start);
    expect(started).toMatchObject({
      type: 'ClockStarted',
      data: { target: { targetMinutes: 24 * 60, pauseOn: [], escalations: [] }, deadlineAt: '2026-12-01T02:00:00.000Z' },
    });
    expect(started.type === 'ClockStarted' && started.data.calendar).toBeUndefined();
    expect(started.type === 'ClockStarted' && started.data.due.find((d) => d.kind === 'breach')?.dueAt).toBe('2026-12-01T02:00:00.000Z');
  });

  it('is met when the item is fixed by its date, and breached when fixed after it, naming the department that answers', () => {
    const stop = (at: string): ClockCommand => ({ type: 'StopClock', data: { clockId: CLOCK, answerable: { departmentId: 'software-development' } }, metadata: meta(at) });
    expect(play(start, stop('2026-12-01T01:00:00Z')).at(-1)).toMatchObject({ type: 'ClockStopped', data: { outcome: 'met', diffMinutes: 60 } });
    const late = play(start, stop('2026-12-01T04:00:00Z'));
    expect(late.map((e) => e.type)).toEqual(['ClockStarted', 'ClockWarningReached', 'ClockBreached', 'ClockStopped']);
    expect(late[2]).toMatchObject({ data: { caseKind: 'rectification', departmentId: 'software-development', dueAt: '2026-12-01T02:00:00.000Z' } });
    expect(late[3]).toMatchObject({ data: { outcome: 'breached', diffMinutes: -120 } });
  });

  it('gives a date already past at the rejection one minute, so it breaches at once', () => {
    expect(deadlineClockTarget(startedAt, '2026-11-29T02:00:00Z').targetMinutes).toBe(1);
  });
});

describe('a delivery case’s link keeps its department and the rectification items tracked', () => {
  const links = deciderSpec(deliveryCaseLink);
  const linked = links.when([], { type: 'LinkDeliveryCase', data: { deliveryCaseId: 'case-1', demandId: 'd-1', departmentId: 'software-development' }, metadata: meta('2026-11-29T01:00:00Z') });
  const note = (itemIds: string[]) => ({ type: 'NoteRectificationItems' as const, data: { deliveryCaseId: 'case-1', itemIds }, metadata: meta('2026-11-30T02:00:00Z') });

  it('notes each item once, so a redelivered round notes nothing again', () => {
    const noted: DeliveryCaseLinkEvent[] = [...linked, ...links.when(linked, note(['1.1', '1.2']))];
    expect(links.stateAfter(noted)).toMatchObject({ departmentId: 'software-development', rectificationItemIds: ['1.1', '1.2'] });
    expect(links.when(noted, note(['1.2']))).toEqual([]);
    expect(links.when(noted, note(['1.2', '2.1']))).toEqual([{ type: 'RectificationItemsNoted', data: { deliveryCaseId: 'case-1', itemIds: ['2.1'], notedAt: '2026-11-30T02:00:00Z' } }]);
  });

  it('refuses to note the items of a case it never saw opened', () => {
    expect(links.refusal([], note(['1.1']))).toMatchObject({ name: 'NotFoundError' });
  });
});
