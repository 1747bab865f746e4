import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import fc from 'fast-check';
import { BusinessCalendar } from './business-calendar';
import {
  ClockCommand,
  ClockEvent,
  ClockStopped,
  DueClockCommand,
  SlaClock,
  clockIdFor,
  clockStream,
  dueCommandFor,
  judgeDueCommand,
  readClock,
  scheduleKey,
  slaClock,
} from './clock';
import { ClockTarget, EscalationStep, Metric } from './policy';
import { berlinOffice, shanghaiOffice } from './testing/calendars';

// Shanghai office hours: Mon–Fri 09:00–12:00 and 13:30–18:00. 2026-03-02 is a Monday.
const local = (time: string, date = '2026-03-02') => new Date(`${date}T${time}:00+08:00`).toISOString();
const TUESDAY = '2026-03-03';

const system: Actor = { userId: 'quality-monitoring', roles: ['system'], departments: [] };
let commandCount = 0;
const meta = (at: string): CommandMetadata => ({ commandId: `cmd-${++commandCount}`, at, actor: system, correlationId: 'cor-1' });

const CLOCK = 'd-1.resolution.1';
const notifyHead: EscalationStep = { offsetMinutes: -30, action: 'notify-department-head' };
const raisePriority: EscalationStep = { offsetMinutes: 60, action: 'raise-priority', levels: 1 };

const target = (targetMinutes: number, overrides: Partial<ClockTarget> = {}): ClockTarget => ({
  targetMinutes,
  warningThreshold: 0.75,
  escalations: [],
  pauseOn: ['waiting-on-customer'],
  calendarId: 'cn-office',
  policy: { policyId: 'sla-standard', version: 1, kind: 'SLA' },
  ...overrides,
});

/** `null`: no calendar (a 24×7 clock); left out: the Shanghai office calendar. */
type CalendarArg = BusinessCalendar | null;

const start = (at: string, t: ClockTarget, metric: Metric = 'resolution', calendar: CalendarArg = shanghaiOffice): ClockCommand => ({
  type: 'StartClock',
  data: { clockId: CLOCK, caseId: 'd-1', caseKind: 'demand', metric, target: t, ...(calendar ? { calendar } : {}) },
  metadata: meta(at),
});
const pause = (at: string, waitingState = 'waiting-on-customer'): ClockCommand => ({
  type: 'PauseClock',
  data: { clockId: CLOCK, waitingState },
  metadata: meta(at),
});
const resume = (at: string, waitingState = 'waiting-on-customer', calendar: CalendarArg = shanghaiOffice): ClockCommand => ({
  type: 'ResumeClock',
  data: { clockId: CLOCK, waitingState, ...(calendar ? { calendar } : {}) },
  metadata: meta(at),
});
const retarget = (at: string, t: ClockTarget, calendar: CalendarArg = shanghaiOffice): ClockCommand => ({
  type: 'RetargetClock',
  data: { clockId: CLOCK, target: t, reason: 'priority changed', ...(calendar ? { calendar } : {}) },
  metadata: meta(at),
});
const stop = (at: string, calendar: CalendarArg = shanghaiOffice): ClockCommand => ({
  type: 'StopClock',
  data: { clockId: CLOCK, ...(calendar ? { calendar } : {}) },
  metadata: meta(at),
});
const warning = (dueAt: string, at = dueAt): DueClockCommand => ({ type: 'RaiseClockWarning', data: { clockId: CLOCK, dueAt }, metadata: meta(at) });
const breach = (dueAt: string, at = dueAt): DueClockCommand => ({ type: 'RaiseClockBreach', data: { clockId: CLOCK, dueAt }, metadata: meta(at) });

const { when, stateAfter, refusal: refusalAfter } = deciderSpec(slaClock);

/** Decides each command on the state its predecessors left, as the platform's handle() does. */
function play(...commands: ClockCommand[]): { events: ClockEvent[]; last: ClockEvent[]; state: SlaClock } {
  let events: ClockEvent[] = [];
  let last: ClockEvent[] = [];
  for (const command of commands) {
    last = when(events, command);
    events = [...events, ...last];
  }
  return { events, last, state: stateAfter(events) as SlaClock };
}

/** The error a command is refused with once the given commands were decided. */
const refusal = (commands: ClockCommand[], command: ClockCommand) => refusalAfter(play(...commands).events, command);
const due = (events: ClockEvent[]) => events.flatMap((e) => ('due' in e.data ? e.data.due : []));
const types = (events: ClockEvent[]) => events.map((e) => e.type);

describe('SLA clock', () => {
  it('has one stream per case, metric and cycle', () => {
    expect(clockIdFor('d-1', 'resolution')).toBe('d-1.resolution.1');
    expect(clockIdFor('d-1', 'next-update', 3)).toBe('d-1.next-update.3');
    expect(clockStream('d-1.resolution.1')).toBe('quality-monitoring.clock-d-1.resolution.1');
  });

  describe('starting', () => {
    it('computes the deadline and every due instant with the calendar', () => {
      const { last } = play(start(local('09:00'), target(240, { escalations: [notifyHead, raisePriority] })));
      expect(last).toEqual([
        {
          type: 'ClockStarted',
          data: {
            clockId: CLOCK,
            caseId: 'd-1',
            caseKind: 'demand',
            metric: 'resolution',
            target: target(240, { escalations: [notifyHead, raisePriority] }),
            calendar: { calendarId: 'cn-office', version: 1 },
            startedAt: local('09:00'),
            countsFrom: local('09:00'),
            // 180 minutes to noon, 60 more after lunch.
            deadlineAt: local('14:30'),
            due: [
              // 75 % = 180 minutes is reached at 12:00 and exceeded from 13:30, after lunch.
              { key: 'warning', kind: 'warning', dueAt: local('13:30'), thresholdMinutes: 180 },
              { key: 'escalation:-30:notify-department-head', kind: 'escalation', dueAt: local('14:00'), thresholdMinutes: 210, step: notifyHead },
              { key: 'breach', kind: 'breach', dueAt: local('14:30'), thresholdMinutes: 240 },
              { key: 'escalation:60:raise-priority', kind: 'escalation', dueAt: local('15:30'), thresholdMinutes: 300, step: raisePriority },
            ],
          },
        },
      ]);
    });

    it('starts counting at the next working minute when registered out of hours', () => {
      const { last } = play(start(local('20:00'), target(60)));
      expect(last[0].data).toMatchObject({
        startedAt: local('20:00'),
        countsFrom: local('09:00', TUESDAY),
        deadlineAt: local('10:00', TUESDAY),
      });
      expect(due(last).map((d) => [d.key, d.dueAt])).toEqual([
        ['warning', local('09:45', TUESDAY)],
        ['breach', local('10:00', TUESDAY)],
      ]);
    });

    it('runs 24×7 without a calendar', () => {
      const { last } = play(start(local('17:30'), target(60, { calendarId: undefined }), 'first-response', null));
      expect(last[0].data).toMatchObject({ deadlineAt: local('18:30') });
    });

    it.each([
      ['clock-already-started', [start(local('09:00'), target(60))], start(local('09:05'), target(60))],
      ['invalid-target', [], start(local('09:00'), target(0))],
      ['invalid-target', [], start(local('09:00'), target(12.5))],
      ['invalid-warning-threshold', [], start(local('09:00'), target(60, { warningThreshold: 1.2 }))],
      ['calendar-missing', [], start(local('09:00'), target(60), 'resolution', null)],
      ['calendar-mismatch', [], start(local('09:00'), target(60), 'resolution', berlinOffice)],
    ])('refuses with %s', (code, given, command) => {
      expect(refusal(given, command)).toMatchObject(refused(code));
    });
  });

  describe('warning, breach, met', () => {
    const firstResponse = () => start(local('09:00'), target(60, { pauseOn: [] }), 'first-response');

    it('raises the warning and the breach the scheduler sends, then stops breached', () => {
      const { events } = play(firstResponse(), warning(local('09:45')), breach(local('10:00')), stop(local('10:30')));
      expect(events.slice(1)).toEqual([
        {
          type: 'ClockWarningReached',
          data: { clockId: CLOCK, dueAt: local('09:45'), thresholdMinutes: 45, targetMinutes: 60, raisedAt: local('09:45'), caseKind: 'demand' },
        },
        { type: 'ClockBreached', data: { clockId: CLOCK, dueAt: local('10:00'), targetMinutes: 60, raisedAt: local('10:00'), caseKind: 'demand' } },
        {
          type: 'ClockStopped',
          data: {
            clockId: CLOCK,
            stoppedAt: local('10:30'),
            usedMinutes: 90,
            pausedMinutes: 0,
            diffMinutes: -30,
            outcome: 'breached',
            targetMinutes: 60,
            policy: { policyId: 'sla-standard', version: 1, kind: 'SLA' },
            calendar: { calendarId: 'cn-office', version: 1 },
            superseded: [],
          },
        },
      ]);
    });

    it('keeps when it was breached, so that a breached clock still running has a decided outcome (Q-2.2), until a new target reopens the breach', () => {
      const breached = play(firstResponse(), breach(local('10:00')));
      expect(breached.state).toMatchObject({ status: 'running', breachedAt: local('10:00') });
      expect(play(firstResponse(), breach(local('10:00')), stop(local('10:30'))).state).toMatchObject({ breachedAt: local('10:00'), result: { outcome: 'breached' } });
      expect(play(firstResponse(), stop(local('09:30'))).state.breachedAt).toBeUndefined();
      const reopened = play(firstResponse(), breach(local('10:00')), retarget(local('10:05'), target(240, { pauseOn: [] })));
      expect(reopened.state.breachedAt).toBeUndefined();
    });

    it('names the kind of case and who answers for it on the warning and breach a due command raises (K-3.2)', () => {
      const answerable = { departmentId: 'tech-support', responsibleId: 'ts-lead' };
      const { events } = play(
        firstResponse(),
        { ...warning(local('09:45')), data: { clockId: CLOCK, dueAt: local('09:45'), answerable } } as DueClockCommand,
        { ...breach(local('10:00')), data: { clockId: CLOCK, dueAt: local('10:00'), answerable } } as DueClockCommand,
      );
      expect(events.slice(1).map((e) => e.data)).toEqual([
        expect.objectContaining({ caseKind: 'demand', departmentId: 'tech-support', responsibleId: 'ts-lead', thresholdMinutes: 45 }),
        expect.objectContaining({ caseKind: 'demand', departmentId: 'tech-support', responsibleId: 'ts-lead', targetMinutes: 60 }),
      ]);
    });

    it('meets the target when stopped in time, superseding what was still due', () => {
      const { last } = play(firstResponse(), stop(local('09:20')));
      expect(last).toEqual([
        expect.objectContaining({
          type: 'ClockStopped',
          data: expect.objectContaining({
            usedMinutes: 20,
            diffMinutes: 40,
            outcome: 'met',
            superseded: [expect.objectContaining({ key: 'warning' }), expect.objectContaining({ key: 'breach' })],
          }),
        }),
      ]);
    });

    it('is met at exactly the target, even when the deadline falls on the lunch break', () => {
      // 180 minutes from 09:00 are used up at 12:00; a reply at 12:30 has used 180: diff 0.
      const { last } = play(start(local('09:00'), target(180)), stop(local('12:30')));
      // The warning (135) was passed at 11:15 and is recorded now; the breach was not.
      expect(types(last)).toEqual(['ClockWarningReached', 'ClockStopped']);
      expect(last[1].data).toMatchObject({ usedMinutes: 180, diffMinutes: 0, outcome: 'met' });
    });

    it('records a breach the scheduler has not sent yet when the clock stops after it', () => {
      const { last } = play(start(local('09:00'), target(180)), stop(local('13:31')));
      expect(types(last)).toEqual(['ClockWarningReached', 'ClockBreached', 'ClockStopped']);
      expect(last[1].data).toMatchObject({ dueAt: local('13:30'), raisedAt: local('13:31') });
      expect(last[2].data).toMatchObject({ usedMinutes: 181, diffMinutes: -1, outcome: 'breached' });
    });

    it('counts a started minute whole', () => {
      const { last } = play(firstResponse(), stop('2026-03-02T01:10:20.000Z'));
      expect(last[0].data).toMatchObject({ usedMinutes: 11, diffMinutes: 49 });
    });

    it('runs the escalation steps at their offsets', () => {
      const { events } = play(start(local('09:00'), target(240, { escalations: [notifyHead] })));
      const step = due(events).find((d) => d.kind === 'escalation');
      if (!step) throw new Error('no escalation planned');
      const command = { ...dueCommandFor(CLOCK, step), metadata: meta(step.dueAt) } as ClockCommand;
      expect(play(start(local('09:00'), target(240, { escalations: [notifyHead] })), command).last).toEqual([
        {
          type: 'ClockEscalated',
          data: {
            clockId: CLOCK,
            key: 'escalation:-30:notify-department-head',
            step: notifyHead,
            dueAt: local('14:00'),
            thresholdMinutes: 210,
            targetMinutes: 240,
            raisedAt: local('14:00'),
          },
        },
      ]);
    });
  });

  describe('pausing', () => {
    it('pauses only a pausable metric, and only on the waiting states its policy names', () => {
      expect(play(start(local('09:00'), target(240)), pause(local('10:00'), 'waiting-on-third-party')).last).toEqual([]);
      expect(play(start(local('09:00'), target(60), 'first-response'), pause(local('09:10'))).last).toEqual([]);
      expect(play(start(local('09:00'), target(240, { pauseOn: [] })), pause(local('10:00'))).last).toEqual([]);
    });

    it('pauses, then resumes with the due instants moved by the paused business time', () => {
      const { events } = play(start(local('09:00'), target(240, { escalations: [notifyHead] })), pause(local('10:00')), resume(local('09:00', TUESDAY)));
      const [started, paused, resumed] = events;
      expect(paused).toEqual({
        type: 'ClockPaused',
        data: { clockId: CLOCK, waitingState: 'waiting-on-customer', pausedAt: local('10:00'), superseded: due([started]) },
      });
      // 60 used on Monday; 180 left from Tuesday 09:00.
      expect(resumed).toEqual({
        type: 'ClockResumed',
        data: {
          clockId: CLOCK,
          waitingState: 'waiting-on-customer',
          resumedAt: local('09:00', TUESDAY),
          // Monday 10:00–12:00 and 13:30–18:00.
          pausedMinutes: 390,
          deadlineAt: local('12:00', TUESDAY),
          due: [
            { key: 'warning', kind: 'warning', dueAt: local('11:00', TUESDAY), thresholdMinutes: 180 },
            { key: 'escalation:-30:notify-department-head', kind: 'escalation', dueAt: local('11:30', TUESDAY), thresholdMinutes: 210, step: notifyHead },
            { key: 'breach', kind: 'breach', dueAt: local('13:30', TUESDAY), thresholdMinutes: 240 },
          ],
        },
      });
    });

    it('records used and paused minutes when it stops', () => {
      const { last } = play(start(local('09:00'), target(240)), pause(local('10:00')), resume(local('09:00', TUESDAY)), stop(local('11:15', TUESDAY)));
      expect(types(last)).toEqual(['ClockWarningReached', 'ClockStopped']);
      expect(last[1].data).toMatchObject({ usedMinutes: 195, pausedMinutes: 390, diffMinutes: 45, outcome: 'met' });
    });

    it('stops while paused, counting the pause up to the stop', () => {
      const { last } = play(start(local('09:00'), target(240)), pause(local('10:00')), stop(local('11:00')));
      expect(last[0].data).toMatchObject({ usedMinutes: 60, pausedMinutes: 60, diffMinutes: 180, outcome: 'met' });
    });

    it('stays paused while any named waiting state lasts', () => {
      const both = target(240, { pauseOn: ['waiting-on-customer', 'waiting-on-third-party'] });
      const { events } = play(
        start(local('09:00'), both),
        pause(local('10:00')),
        pause(local('10:30'), 'waiting-on-third-party'),
        resume(local('11:00')),
        resume(local('11:30'), 'waiting-on-third-party'),
      );
      expect(types(events)).toEqual(['ClockStarted', 'ClockPaused', 'ClockWaitingChanged', 'ClockWaitingChanged', 'ClockResumed']);
      expect(events[3].data).toMatchObject({ waitingOn: ['waiting-on-third-party'] });
      expect(events[4].data).toMatchObject({ waitingState: 'waiting-on-third-party', pausedMinutes: 90 });
    });

    it('ignores a resume of a clock that is not paused, and a second pause on the same state', () => {
      expect(play(start(local('09:00'), target(240)), resume(local('09:30'))).last).toEqual([]);
      expect(play(start(local('09:00'), target(240)), pause(local('09:30')), pause(local('09:40'))).last).toEqual([]);
    });

    it('refuses a fact older than what the clock has recorded', () => {
      expect(refusal([start(local('09:00'), target(240)), pause(local('10:00'))], stop(local('09:30')))).toMatchObject(
        refused('clock-history-out-of-order'),
      );
      expect(refusal([start(local('09:00'), target(240))], pause(local('08:00')))).toMatchObject(refused('clock-history-out-of-order'));
    });

    it('refuses a calendar other than the version the clock runs under', () => {
      const newer = { ...shanghaiOffice, version: 2 };
      expect(refusal([start(local('09:00'), target(240))], stop(local('10:00'), newer))).toMatchObject(refused('calendar-mismatch'));
      expect(refusal([start(local('09:00'), target(240)), pause(local('10:00'))], resume(local('11:00'), 'waiting-on-customer', null))).toMatchObject(
        refused('calendar-mismatch'),
      );
    });
  });

  describe('re-targeting when the priority changes', () => {
    it('counts from the original start, keeps the pauses, and raises what the new target has passed', () => {
      const { last, state } = play(
        start(local('09:00'), target(480)),
        pause(local('10:00')),
        resume(local('14:00')),
        retarget(local('15:30'), target(120, { policy: { policyId: 'sla-p1', version: 2, kind: 'SLA' } })),
      );
      // Used: 09:00–10:00 (60) + 14:00–15:30 (90) = 150; the pause 10:00–14:00 stays uncounted.
      expect(last[0]).toMatchObject({
        type: 'ClockRetargeted',
        data: { usedMinutes: 150, deadlineAt: local('15:00'), due: [], reopened: [], previous: { target: target(480) } },
      });
      expect((last[0].data as { superseded: { key: string }[] }).superseded.map((d) => d.key)).toEqual(['warning', 'breach']);
      // Under 120 the warning (90) was passed at 14:30 and the breach at 15:00.
      expect(last.slice(1)).toEqual([
        { type: 'ClockWarningReached', data: { clockId: CLOCK, dueAt: local('14:30'), thresholdMinutes: 90, targetMinutes: 120, raisedAt: local('15:30'), caseKind: 'demand' } },
        { type: 'ClockBreached', data: { clockId: CLOCK, dueAt: local('15:00'), targetMinutes: 120, raisedAt: local('15:30'), caseKind: 'demand' } },
      ]);
      expect(state.target.policy).toEqual({ policyId: 'sla-p1', version: 2, kind: 'SLA' });
      const stopped = play(
        start(local('09:00'), target(480)),
        pause(local('10:00')),
        resume(local('14:00')),
        retarget(local('15:30'), target(120)),
        stop(local('16:00')),
      ).last;
      expect(stopped[0].data).toMatchObject({ usedMinutes: 180, pausedMinutes: 150, diffMinutes: -60, outcome: 'breached' });
    });

    it('reopens a warning the longer target has not reached and plans it again', () => {
      const { last, state } = play(start(local('09:00'), target(60)), warning(local('09:45')), retarget(local('09:50'), target(240)));
      expect(last).toEqual([
        expect.objectContaining({
          type: 'ClockRetargeted',
          data: expect.objectContaining({
            usedMinutes: 50,
            reopened: ['warning'],
            deadlineAt: local('14:30'),
            due: [
              { key: 'warning', kind: 'warning', dueAt: local('13:30'), thresholdMinutes: 180 },
              { key: 'breach', kind: 'breach', dueAt: local('14:30'), thresholdMinutes: 240 },
            ],
            superseded: [{ key: 'breach', kind: 'breach', dueAt: local('10:00'), thresholdMinutes: 60 }],
          }),
        }),
      ]);
      expect(state.raised).toEqual([]);
    });

    it('first records what the previous target had passed when the scheduler was late', () => {
      const { last } = play(start(local('09:00'), target(60)), retarget(local('10:30'), target(240)));
      expect(types(last)).toEqual(['ClockWarningReached', 'ClockBreached', 'ClockRetargeted']);
      expect(last[1].data).toMatchObject({ dueAt: local('10:00'), targetMinutes: 60 });
      expect(last[2].data).toMatchObject({ reopened: ['warning', 'breach'] });
    });

    it('re-targets a paused clock without planning anything until it resumes', () => {
      const { last } = play(start(local('09:00'), target(480)), pause(local('10:00')), retarget(local('11:00'), target(240)));
      expect(last).toEqual([expect.objectContaining({ type: 'ClockRetargeted', data: expect.objectContaining({ due: [], usedMinutes: 60 }) })]);
      expect(last[0].data).not.toHaveProperty('deadlineAt');
    });

    it('records nothing for the same target, and nothing once stopped', () => {
      expect(play(start(local('09:00'), target(240)), retarget(local('10:00'), target(240))).last).toEqual([]);
      expect(play(start(local('09:00'), target(240)), stop(local('10:00')), retarget(local('11:00'), target(60))).last).toEqual([]);
    });
  });

  describe('stale due commands', () => {
    const started = () => start(local('09:00'), target(60, { pauseOn: ['waiting-on-customer'] }));

    it.each([
      ['already-raised', [started(), breach(local('10:00'))], breach(local('10:00'))],
      ['clock-paused', [started(), pause(local('09:30'))], breach(local('10:00'))],
      ['outdated-due-time', [started(), pause(local('09:30')), resume(local('09:40'))], breach(local('10:00'))],
      ['outdated-due-time', [started(), retarget(local('09:10'), target(240))], breach(local('10:00'))],
      ['clock-stopped', [started(), stop(local('09:20'))], breach(local('10:00'))],
      ['not-yet-due', [started()], breach(local('10:00'), local('09:59'))],
    ])('ignores one that is %s', (verdict, given, command) => {
      const { events, state } = play(...(given as ClockCommand[]));
      expect(judgeDueCommand(state, command)).toBe(verdict);
      expect(when(events, command)).toEqual([]);
    });

    it('fires the re-planned instant after a resume, and a late command for a current instant', () => {
      const given = [started(), pause(local('09:30')), resume(local('09:40'))];
      // 30 used before the pause, 30 left from 09:40: breach due 10:10.
      expect(play(...given, breach(local('10:10'))).last).toEqual([
        { type: 'ClockBreached', data: { clockId: CLOCK, dueAt: local('10:10'), targetMinutes: 60, raisedAt: local('10:10'), caseKind: 'demand' } },
      ]);
      expect(play(...given, breach(local('10:10'), local('16:00'))).last).toMatchObject([{ data: { dueAt: local('10:10'), raisedAt: local('16:00') } }]);
    });

    it('keys the schedule by due instant, so a re-planned instant is a new row', () => {
      const [first] = due(play(started()).events).filter((d) => d.key === 'breach');
      expect(scheduleKey(CLOCK, first)).toBe(`${CLOCK}:breach:${local('10:00')}`);
      expect(dueCommandFor(CLOCK, first)).toEqual({ type: 'RaiseClockBreach', data: { clockId: CLOCK, dueAt: local('10:00') } });
    });
  });

  describe('cancelling', () => {
    it('cancels with a reason, and ignores everything after', () => {
      const cancel: ClockCommand = { type: 'CancelClock', data: { clockId: CLOCK, reason: 'demand withdrawn' }, metadata: meta(local('09:30')) };
      const { last } = play(start(local('09:00'), target(60)), cancel);
      expect(last).toEqual([
        { type: 'ClockCancelled', data: { clockId: CLOCK, reason: 'demand withdrawn', cancelledAt: local('09:30'), superseded: expect.any(Array) } },
      ]);
      expect(play(start(local('09:00'), target(60)), cancel, stop(local('09:40'))).last).toEqual([]);
    });

    it('refuses commands for a clock that never started', () => {
      expect(refusal([], stop(local('09:00')))).toMatchObject({ name: 'NotFoundError' });
    });
  });

  describe('reading a running clock', () => {
    it('gives used, paused and remaining minutes at an instant', () => {
      const { state } = play(start(local('09:00'), target(240)), pause(local('10:00')), resume(local('14:00')));
      expect(readClock(state, shanghaiOffice, local('15:00'))).toEqual({
        status: 'running',
        usedMinutes: 120,
        pausedMinutes: 150,
        remainingMinutes: 120,
        // 60 used before the pause, 180 more from 14:00.
        deadlineAt: local('17:00'),
      });
    });
  });

  describe('properties', () => {
    type Step = { gap: number; kind: 'toggle' } | { gap: number; kind: 'retarget'; targetMinutes: number };
    type Scenario = {
      calendar: BusinessCalendar | undefined;
      startMinute: number;
      targetMinutes: number;
      steps: Step[];
      stopGap: number;
    };
    const gap = fc.integer({ min: 1, max: 3000 });
    const scenario: fc.Arbitrary<Scenario> = fc.record({
      calendar: fc.constantFrom<BusinessCalendar | undefined>(shanghaiOffice, berlinOffice, undefined),
      startMinute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
      targetMinutes: fc.integer({ min: 1, max: 3000 }),
      steps: fc.array(
        fc.oneof(
          fc.record({ gap, kind: fc.constant('toggle' as const) }),
          fc.record({ gap, kind: fc.constant('retarget' as const), targetMinutes: fc.integer({ min: 1, max: 3000 }) }),
        ),
        { maxLength: 6 },
      ),
      stopGap: fc.integer({ min: 1, max: 6000 }),
    });

    /**
     * Plays a scenario (start, pauses and resumes, re-targets, stop) with no scheduler, or with a sloppy one
     * that sends every due command ever planned, cancelled or not, once it falls due before the next fact.
     */
    function simulate(s: Scenario, scheduler: boolean): ClockEvent[] {
      const targetOf = (minutes: number) =>
        target(minutes, { escalations: [notifyHead, raisePriority], calendarId: s.calendar?.calendarId });
      const instant = (minute: number) => new Date(Date.parse('2026-02-01T00:00:00Z') + minute * 60_000).toISOString();
      const calendar = s.calendar ?? null;
      let events: ClockEvent[] = [];
      const sent = new Set<string>();
      const exec = (command: ClockCommand) => {
        events = [...events, ...when(events, command)];
      };
      const deliverBefore = (at: string) => {
        for (;;) {
          const next = due(events)
            .filter((d) => !sent.has(scheduleKey(CLOCK, d)) && Date.parse(d.dueAt) < Date.parse(at))
            .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
          if (!next) return;
          sent.add(scheduleKey(CLOCK, next));
          exec({ ...dueCommandFor(CLOCK, next), metadata: meta(next.dueAt) } as ClockCommand);
        }
      };
      let minute = s.startMinute;
      exec(start(instant(minute), targetOf(s.targetMinutes), 'resolution', calendar));
      let paused = false;
      for (const step of [...s.steps, { gap: s.stopGap, kind: 'stop' as const }]) {
        minute += step.gap;
        const at = instant(minute);
        if (scheduler) deliverBefore(at);
        if (step.kind === 'stop') exec(stop(at, calendar));
        else if (step.kind === 'retarget') exec(retarget(at, targetOf(step.targetMinutes), calendar));
        else {
          exec(paused ? resume(at, 'waiting-on-customer', calendar) : pause(at));
          paused = !paused;
        }
      }
      return events;
    }

    const raisedKeys = (events: ClockEvent[]) =>
      events
        .filter((e) => ['ClockWarningReached', 'ClockBreached', 'ClockEscalated'].includes(e.type))
        .map((e) => `${e.type}@${(e.data as { dueAt: string }).dueAt}/${(e.data as { targetMinutes: number }).targetMinutes}`)
        .sort();
    const result = (events: ClockEvent[]) => {
      const { superseded: _s, ...data } = (events.find((e) => e.type === 'ClockStopped') as ClockStopped).data;
      return data;
    };

    it('records the same history whether a sloppy scheduler ran or none at all', () => {
      fc.assert(
        fc.property(scenario, (s) => {
          const without = simulate(s, false);
          const withScheduler = simulate(s, true);
          expect(raisedKeys(withScheduler)).toEqual(raisedKeys(without));
          expect(result(withScheduler)).toEqual(result(without));
        }),
        { numRuns: 60 },
      );
    });

    it('is breached exactly when the breach of its final target was raised', () => {
      fc.assert(
        fc.property(scenario, fc.boolean(), (s, scheduler) => {
          const events = simulate(s, scheduler);
          const state = stateAfter(events) as SlaClock;
          const stopped = result(events);
          expect(stopped.outcome === 'breached').toBe(state.raised.includes('breach'));
          expect(stopped.diffMinutes).toBe(state.target.targetMinutes - stopped.usedMinutes);
        }),
        { numRuns: 60 },
      );
    });
  });
});
