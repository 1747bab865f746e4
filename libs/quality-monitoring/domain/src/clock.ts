import { Aggregate, Command, CommandMetadata, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import {
  BusinessCalendar,
  CalendarRef,
  addBusinessMillis,
  businessMillisBetween,
  calendarRef,
  iso,
  nextWorkingMillis,
  toMs,
} from './business-calendar';
import { canonicalJson } from './canonical-json';
import { ClockTarget, EscalationStep, METRICS, Metric, PAUSABLE_METRICS } from './policy';

/**
 * An SLA clock: one case (demand, complaint, after-sales problem, rectification) and one metric
 * (sla-and-metrics.md, "Clocks"). Pure: the command's `metadata.at` is the instant of the fact (the
 * service sets it to the source event's time), and the business calendar comes with the commands that
 * need it, checked against the (calendar id, version) the clock runs under.
 *
 * Time used is counted in business minutes over the clock's runs (start → pause, resume → pause, …).
 * Thresholds, each raised once per target:
 *   warning     used > target × warningThreshold
 *   breach      used > target                        (so stopping with used = target is met, diff 0)
 *   escalation  used > max(0, target + offsetMinutes)
 * A threshold's due instant is the instant from which used exceeds it: inside working time, or the start
 * of the next working interval when the threshold is reached exactly at an interval's end. (The deadline
 * shown to people, `deadlineAt`, is the earliest instant at which used reaches the target: 12:00, where
 * the breach is due at 13:30 after a lunch break.)
 *
 * The events carry the pending due instants (`due`) and the ones they invalidate (`superseded`): the
 * service's schedule plans one due command per instant (`scheduleKey`, `dueCommandFor`). A due command
 * carries the `dueAt` it was planned for and fires only while that is still the clock's pending instant
 * for its key; otherwise it is ignored (no events) and `judgeDueCommand` says why. Every other command
 * first raises the thresholds whose due instant lies before it (catch-up), so the history does not depend
 * on when the scheduler ran: a stop after a late scheduler still records the breach.
 *
 * When the priority changes the clock is re-targeted from its ORIGINAL start, keeping its pauses: used
 * time is unchanged, thresholds are recomputed, a threshold already passed under the new target is
 * raised at once (dated when it was passed), and one raised before but not passed under the new target
 * is reopened (`reopened`) and due again later.
 *
 * Commands that follow from another service's facts but do not apply to this clock (a pause on a state
 * the policy does not name, a resume of a clock that is not paused, anything once it has stopped) are
 * not errors: they emit nothing. Facts older than the clock's latest instant are refused
 * (`clock-history-out-of-order`): they would rewrite counted time.
 */

/** One clock per case, metric and cycle (a reopened demand, each next-update cycle). */
export const clockIdFor = (caseId: string, metric: Metric, cycle: number | string = 1): string =>
  `${caseId}.${metric}.${cycle}`;

export const CASE_KINDS = ['demand', 'complaint', 'after-sales', 'rectification'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export type DueKind = 'warning' | 'breach' | 'escalation';

export interface DueInstant {
  /** `warning`, `breach`, or `escalation:<offset>:<action>`. */
  key: string;
  kind: DueKind;
  dueAt: string;
  /** Used business minutes that, once exceeded, make it due. */
  thresholdMinutes: number;
  step?: EscalationStep;
}

export interface ClockRun {
  from: string;
  to?: string;
}

export type ClockStatus = 'running' | 'paused' | 'stopped' | 'cancelled';

export interface ClockResult {
  stoppedAt: string;
  usedMinutes: number;
  pausedMinutes: number;
  diffMinutes: number;
  outcome: 'met' | 'breached';
}

/** What a clock measures: one metric of one case, against the target it is held to (until retargeted). */
export interface ClockSubject {
  clockId: string;
  caseId: string;
  caseKind: CaseKind;
  metric: Metric;
  target: ClockTarget;
}

export interface SlaClock extends ClockSubject {
  calendar?: CalendarRef;
  startedAt: string;
  status: ClockStatus;
  runs: ClockRun[];
  /** The named waiting states in force; paused while any is. */
  waitingOn: string[];
  /** Pending due instants. */
  due: DueInstant[];
  /** Keys raised under the current target. */
  raised: string[];
  /** The latest instant the clock has recorded; earlier facts are refused. */
  lastAt: string;
  /**
   * The business instant from which the target was exceeded (its `ClockBreached`'s `dueAt`), once breached
   * under the current target: the outcome is decided from then, whether or not the clock has stopped.
   */
  breachedAt?: string;
  result?: ClockResult;
}

export type ClockState = SlaClock | null;

// Commands

type ClockCalendar = {
  /** The calendar at the version the clock runs under; left out for a 24×7 clock. */
  calendar?: BusinessCalendar;
};

export type StartClock = Command<'StartClock', ClockSubject & ClockCalendar>;
/** A command that may catch up thresholds already due names who answers for the case then, as a due command does. */
type CatchingUp = { answerable?: ClockAnswerable };

export type PauseClock = Command<'PauseClock', { clockId: string; waitingState: string } & CatchingUp>;
export type ResumeClock = Command<'ResumeClock', { clockId: string; waitingState: string } & ClockCalendar & CatchingUp>;
export type RetargetClock = Command<
  'RetargetClock',
  { clockId: string; target: ClockTarget; reason: string } & ClockCalendar & CatchingUp
>;
/**
 * Who answers for the case when a threshold is raised (K-3.2): its department and responsible person as the
 * service knows them then (the tracked case's, a finding's). The scheduler's due commands carry it, and so do
 * the other commands the services send, which may catch up a threshold already due; the warning or breach
 * raised names them.
 */
export interface ClockAnswerable {
  departmentId?: string;
  responsibleId?: string;
}

export type RaiseClockWarning = Command<'RaiseClockWarning', { clockId: string; dueAt: string; answerable?: ClockAnswerable }>;
export type RaiseClockBreach = Command<'RaiseClockBreach', { clockId: string; dueAt: string; answerable?: ClockAnswerable }>;
export type EscalateClock = Command<'EscalateClock', { clockId: string; key: string; dueAt: string }>;
export type StopClock = Command<'StopClock', { clockId: string } & ClockCalendar & CatchingUp>;
export type CancelClock = Command<'CancelClock', { clockId: string; reason: string } & CatchingUp>;

export type DueClockCommand = RaiseClockWarning | RaiseClockBreach | EscalateClock;
export type ClockCommand =
  | StartClock
  | PauseClock
  | ResumeClock
  | RetargetClock
  | DueClockCommand
  | StopClock
  | CancelClock;

// Events

export type ClockStarted = {
  type: 'ClockStarted';
  data: ClockSubject & {
    calendar?: CalendarRef;
    startedAt: string;
    /** The first working instant: out of hours, counting starts here. */
    countsFrom: string;
    deadlineAt: string;
    due: DueInstant[];
  };
};
export type ClockPaused = {
  type: 'ClockPaused';
  data: { clockId: string; waitingState: string; pausedAt: string; superseded: DueInstant[] };
};
/** While paused, a further named waiting state began, or one of several ended. */
export type ClockWaitingChanged = {
  type: 'ClockWaitingChanged';
  data: { clockId: string; waitingOn: string[]; changedAt: string };
};
export type ClockResumed = {
  type: 'ClockResumed';
  data: {
    clockId: string;
    waitingState: string;
    resumedAt: string;
    /** Business minutes of the pause that ended. */
    pausedMinutes: number;
    deadlineAt?: string;
    due: DueInstant[];
  };
};
export type ClockRetargeted = {
  type: 'ClockRetargeted';
  data: {
    clockId: string;
    reason: string;
    previous: { target: ClockTarget; calendar?: CalendarRef };
    target: ClockTarget;
    calendar?: CalendarRef;
    retargetedAt: string;
    /** Business minutes used from the original start, pauses kept. */
    usedMinutes: number;
    deadlineAt?: string;
    due: DueInstant[];
    superseded: DueInstant[];
    /** Keys raised under the previous target that the new one has not passed yet. */
    reopened: string[];
  };
};
/** What a warning or breach says of its case (K-3.2): its kind, and who answered for it when it was raised. */
export type RaisedCase = {
  /** Absent on events raised before it was recorded. */
  caseKind?: CaseKind;
} & ClockAnswerable;
export type ClockWarningReached = {
  type: 'ClockWarningReached';
  data: { clockId: string; dueAt: string; thresholdMinutes: number; targetMinutes: number; raisedAt: string } & RaisedCase;
};
export type ClockBreached = {
  type: 'ClockBreached';
  data: { clockId: string; dueAt: string; targetMinutes: number; raisedAt: string } & RaisedCase;
};
export type ClockEscalated = {
  type: 'ClockEscalated';
  data: {
    clockId: string;
    key: string;
    step: EscalationStep;
    dueAt: string;
    thresholdMinutes: number;
    targetMinutes: number;
    raisedAt: string;
  };
};
/** The clock's stop condition happened (the spec's `Met` when outcome is met). */
export type ClockStopped = {
  type: 'ClockStopped';
  data: {
    clockId: string;
    stoppedAt: string;
    /** Business minutes used, a started minute counting whole. */
    usedMinutes: number;
    /** Business minutes paused, whole minutes only. */
    pausedMinutes: number;
    /** target − used; negative: breached. */
    diffMinutes: number;
    outcome: 'met' | 'breached';
    targetMinutes: number;
    policy?: ClockTarget['policy'];
    calendar?: CalendarRef;
    superseded: DueInstant[];
  };
};
export type ClockCancelled = {
  type: 'ClockCancelled';
  data: { clockId: string; reason: string; cancelledAt: string; superseded: DueInstant[] };
};

export type ClockRaisedEvent = ClockWarningReached | ClockBreached | ClockEscalated;
export type ClockEvent =
  | ClockStarted
  | ClockPaused
  | ClockWaitingChanged
  | ClockResumed
  | ClockRetargeted
  | ClockRaisedEvent
  | ClockStopped
  | ClockCancelled;

export const slaClock: Decider<ClockCommand, ClockEvent, ClockState> = {
  initialState: () => null,
  evolve: (state, event) => (event.type === 'ClockStarted' ? started(event) : state && evolveClock(state, event)),
  decide(command, state) {
    if (command.type === 'StartClock') return start(command, state);
    if (!state) throw new NotFoundError('Clock', command.data.clockId);
    return decideOn(state, command);
  },
};

/**
 * A clock's stream is `quality-monitoring.clock-<id>`. No scope of its own: only the services' consumers and
 * scheduler drive clocks, and a finding's steps, which are scoped on the finding.
 */
export const slaClocks: Aggregate<ClockCommand, ClockEvent, ClockState> = {
  name: 'Clock',
  streamPrefix: 'quality-monitoring.clock-',
  decider: slaClock,
  idOf: (command) => command.data.clockId,
  creates: ['StartClock'],
};

export const clockStream = (clockId: string): string => streamOf(slaClocks, clockId);

// Schedule helpers for the service

/** The scheduler's row key: a new due instant is a new key, so a re-planned instant is never mistaken for a sent one. */
export function scheduleKey(clockId: string, due: DueInstant): string {
  return `${clockId}:${due.key}:${due.dueAt}`;
}

/** The command the scheduler sends when a due instant falls due. */
export function dueCommandFor(
  clockId: string,
  due: DueInstant,
): Pick<RaiseClockWarning, 'type' | 'data'> | Pick<RaiseClockBreach, 'type' | 'data'> | Pick<EscalateClock, 'type' | 'data'> {
  switch (due.kind) {
    case 'warning':
      return { type: 'RaiseClockWarning', data: { clockId, dueAt: due.dueAt } };
    case 'breach':
      return { type: 'RaiseClockBreach', data: { clockId, dueAt: due.dueAt } };
    case 'escalation':
      return { type: 'EscalateClock', data: { clockId, key: due.key, dueAt: due.dueAt } };
  }
}

export type DueCommandVerdict =
  | 'due'
  | 'not-yet-due'
  | 'clock-stopped'
  | 'clock-cancelled'
  | 'clock-paused'
  | 'already-raised'
  | 'outdated-due-time';

/** Whether a due command still applies; anything but `due` is ignored by the decider. */
export function judgeDueCommand(clock: SlaClock, command: DueClockCommand): DueCommandVerdict {
  if (clock.status === 'stopped') return 'clock-stopped';
  if (clock.status === 'cancelled') return 'clock-cancelled';
  const key = dueKeyOf(command);
  const pending = clock.due.find((d) => d.key === key && toMs(d.dueAt) === toMs(command.data.dueAt));
  if (pending) return toMs(command.metadata.at) < toMs(pending.dueAt) ? 'not-yet-due' : 'due';
  if (clock.raised.includes(key)) return 'already-raised';
  if (clock.status === 'paused') return 'clock-paused';
  return 'outdated-due-time';
}

// Reading a clock (live queries)

export interface ClockReading {
  status: ClockStatus;
  usedMinutes: number;
  pausedMinutes: number;
  /** target − used, exact; negative once breached. */
  remainingMinutes: number;
  deadlineAt?: string;
}

/** The clock as it stands at `at` (a stopped clock as it stopped). */
export function readClock(clock: SlaClock, calendar: BusinessCalendar | undefined, at: string): ClockReading {
  ensureCalendar(clock.calendar, calendar);
  const end = clock.result?.stoppedAt ?? at;
  const used = usedMillis(calendar, clock.runs, toMs(end));
  const elapsed = Math.max(0, businessMillisBetween(calendar, toMs(clock.startedAt), toMs(end)));
  const deadline = reachInstant(calendar, clock.runs, clock.target.targetMinutes * MINUTE);
  return {
    status: clock.status,
    usedMinutes: used / MINUTE,
    pausedMinutes: (elapsed - used) / MINUTE,
    remainingMinutes: clock.target.targetMinutes - used / MINUTE,
    ...(deadline !== undefined ? { deadlineAt: iso(deadline) } : {}),
  };
}

// Evolve

function started({ data }: ClockStarted): SlaClock {
  return {
    clockId: data.clockId,
    caseId: data.caseId,
    caseKind: data.caseKind,
    metric: data.metric,
    target: data.target,
    ...(data.calendar ? { calendar: data.calendar } : {}),
    startedAt: data.startedAt,
    status: 'running',
    runs: [{ from: data.startedAt }],
    waitingOn: [],
    due: data.due,
    raised: [],
    lastAt: data.startedAt,
  };
}

function evolveClock(clock: SlaClock, event: Exclude<ClockEvent, ClockStarted>): SlaClock {
  switch (event.type) {
    case 'ClockPaused':
      return {
        ...clock,
        status: 'paused',
        runs: closeRuns(clock.runs, event.data.pausedAt),
        waitingOn: [event.data.waitingState],
        due: [],
        lastAt: event.data.pausedAt,
      };
    case 'ClockWaitingChanged':
      return { ...clock, waitingOn: event.data.waitingOn, lastAt: event.data.changedAt };
    case 'ClockResumed':
      return {
        ...clock,
        status: 'running',
        runs: [...clock.runs, { from: event.data.resumedAt }],
        waitingOn: [],
        due: event.data.due,
        lastAt: event.data.resumedAt,
      };
    case 'ClockRetargeted': {
      const next: SlaClock = {
        ...clock,
        target: event.data.target,
        due: event.data.due,
        raised: clock.raised.filter((k) => !event.data.reopened.includes(k)),
        lastAt: event.data.retargetedAt,
      };
      if (event.data.calendar) next.calendar = event.data.calendar;
      else delete next.calendar;
      // A breach the new target has not reached is no longer decided.
      if (event.data.reopened.includes('breach')) delete next.breachedAt;
      return next;
    }
    case 'ClockWarningReached':
      return raisedKey(clock, 'warning');
    case 'ClockBreached':
      return { ...raisedKey(clock, 'breach'), breachedAt: event.data.dueAt };
    case 'ClockEscalated':
      return raisedKey(clock, event.data.key);
    case 'ClockStopped': {
      const { stoppedAt, usedMinutes, pausedMinutes, diffMinutes, outcome } = event.data;
      return {
        ...clock,
        status: 'stopped',
        runs: closeRuns(clock.runs, stoppedAt),
        due: [],
        lastAt: stoppedAt,
        result: { stoppedAt, usedMinutes, pausedMinutes, diffMinutes, outcome },
      };
    }
    case 'ClockCancelled':
      return {
        ...clock,
        status: 'cancelled',
        runs: closeRuns(clock.runs, event.data.cancelledAt),
        due: [],
        lastAt: event.data.cancelledAt,
      };
  }
}

function raisedKey(clock: SlaClock, key: string): SlaClock {
  return { ...clock, due: clock.due.filter((d) => d.key !== key), raised: [...clock.raised, key] };
}

function closeRuns(runs: ClockRun[], at: string): ClockRun[] {
  return runs.map((run) => (run.to === undefined ? { from: run.from, to: at } : run));
}

// Decide

function start(command: StartClock, state: ClockState): ClockEvent[] {
  const { clockId, caseId, caseKind, metric, target, calendar } = command.data;
  if (state) throw new RuleViolation('clock-already-started', `Clock ${clockId} started at ${state.startedAt}`);
  if (!(METRICS as readonly string[]).includes(metric)) {
    throw new RuleViolation('unknown-metric', `"${metric}" is not a metric (${METRICS.join(', ')})`);
  }
  if (!(CASE_KINDS as readonly string[]).includes(caseKind)) {
    throw new RuleViolation('unknown-case-kind', `"${caseKind}" is not a kind of case (${CASE_KINDS.join(', ')})`);
  }
  ensureTarget(target);
  ensureCalendarFor(target, calendar);
  const at = command.metadata.at;
  const runs: ClockRun[] = [{ from: at }];
  const { due } = evaluate(calendar, target, runs, [], toMs(at));
  return [
    {
      type: 'ClockStarted',
      data: {
        clockId,
        caseId,
        caseKind,
        metric,
        target,
        ...(calendar ? { calendar: calendarRef(calendar) } : {}),
        startedAt: at,
        countsFrom: iso(nextWorkingMillis(calendar, toMs(at))),
        deadlineAt: iso(reachInstant(calendar, runs, target.targetMinutes * MINUTE) as number),
        due,
      },
    },
  ];
}

function decideOn(clock: SlaClock, command: Exclude<ClockCommand, StartClock>): ClockEvent[] {
  const { clockId } = clock;
  const { metadata } = command;
  const at = metadata.at;
  if (clock.status === 'stopped' || clock.status === 'cancelled') return [];
  const answerable = 'answerable' in command.data ? command.data.answerable : undefined;
  switch (command.type) {
    case 'RaiseClockWarning':
    case 'RaiseClockBreach':
    case 'EscalateClock': {
      if (judgeDueCommand(clock, command) !== 'due') return [];
      const key = dueKeyOf(command);
      return raise(clock, clock.due.filter((d) => d.key === key), metadata, answerable);
    }
    case 'PauseClock': {
      const { waitingState } = command.data;
      if (!PAUSABLE_METRICS.includes(clock.metric) || !clock.target.pauseOn.includes(waitingState)) return [];
      if (clock.waitingOn.includes(waitingState)) return [];
      ensureInOrder(clock, at);
      if (clock.status === 'paused') {
        const waitingOn = [...clock.waitingOn, waitingState];
        return [{ type: 'ClockWaitingChanged', data: { clockId, waitingOn, changedAt: at } }];
      }
      const { overdue, pending } = split(clock.due, at);
      return [
        ...raise(clock, overdue, metadata, answerable),
        { type: 'ClockPaused', data: { clockId, waitingState, pausedAt: at, superseded: pending } },
      ];
    }
    case 'ResumeClock': {
      const { waitingState, calendar } = command.data;
      if (!clock.waitingOn.includes(waitingState)) return [];
      ensureInOrder(clock, at);
      const waitingOn = clock.waitingOn.filter((s) => s !== waitingState);
      if (waitingOn.length > 0) return [{ type: 'ClockWaitingChanged', data: { clockId, waitingOn, changedAt: at } }];
      ensureCalendar(clock.calendar, calendar);
      const runs: ClockRun[] = [...clock.runs, { from: at }];
      const { due, overdue } = evaluate(calendar, clock.target, runs, clock.raised, toMs(at));
      const pausedSince = clock.runs[clock.runs.length - 1].to as string;
      const deadline = reachInstant(calendar, runs, clock.target.targetMinutes * MINUTE);
      return [
        {
          type: 'ClockResumed',
          data: {
            clockId,
            waitingState,
            resumedAt: at,
            pausedMinutes: Math.floor(businessMillisBetween(calendar, toMs(pausedSince), toMs(at)) / MINUTE),
            ...(deadline !== undefined ? { deadlineAt: iso(deadline) } : {}),
            due,
          },
        },
        ...raise(clock, overdue, metadata, answerable),
      ];
    }
    case 'RetargetClock': {
      const { target, calendar } = command.data;
      const reason = command.data.reason?.trim();
      if (!reason) throw new RuleViolation('reason-required', `Re-targeting clock ${clockId} needs a reason`);
      ensureTarget(target);
      ensureCalendarFor(target, calendar);
      ensureInOrder(clock, at);
      const newRef = calendar && calendarRef(calendar);
      if (sameJson(target, clock.target) && sameJson(newRef, clock.calendar)) return [];
      // What the previous target had passed by now happened: it is raised first.
      const { overdue: caughtUp, pending } = split(clock.due, at);
      const raised = [...clock.raised, ...caughtUp.map((d) => d.key)];
      const { due, overdue, reopened } = evaluate(calendar, target, clock.runs, raised, toMs(at));
      const deadline = reachInstant(calendar, clock.runs, target.targetMinutes * MINUTE);
      const retargeted: ClockRetargeted = {
        type: 'ClockRetargeted',
        data: {
          clockId,
          reason,
          previous: { target: clock.target, ...(clock.calendar ? { calendar: clock.calendar } : {}) },
          target,
          ...(newRef ? { calendar: newRef } : {}),
          retargetedAt: at,
          usedMinutes: wholeMinutesUsed(usedMillis(calendar, clock.runs, toMs(at))),
          ...(deadline !== undefined ? { deadlineAt: iso(deadline) } : {}),
          due,
          superseded: pending,
          reopened,
        },
      };
      const after = evolveClock(caughtUp.reduce(raisedFor, clock), retargeted);
      return [...raise(clock, caughtUp, metadata, answerable), retargeted, ...raise(after, overdue, metadata, answerable)];
    }
    case 'StopClock': {
      const { calendar } = command.data;
      ensureInOrder(clock, at);
      ensureCalendar(clock.calendar, calendar);
      const { overdue, pending } = split(clock.due, at);
      const stoppedAt = toMs(at);
      const used = usedMillis(calendar, clock.runs, stoppedAt);
      const elapsed = businessMillisBetween(calendar, toMs(clock.startedAt), stoppedAt);
      const usedMinutes = wholeMinutesUsed(used);
      const diffMinutes = clock.target.targetMinutes - usedMinutes;
      return [
        ...raise(clock, overdue, metadata, answerable),
        {
          type: 'ClockStopped',
          data: {
            clockId,
            stoppedAt: at,
            usedMinutes,
            pausedMinutes: Math.floor((elapsed - used) / MINUTE),
            diffMinutes,
            outcome: diffMinutes < 0 ? 'breached' : 'met',
            targetMinutes: clock.target.targetMinutes,
            ...(clock.target.policy ? { policy: clock.target.policy } : {}),
            ...(clock.calendar ? { calendar: clock.calendar } : {}),
            superseded: pending,
          },
        },
      ];
    }
    case 'CancelClock': {
      const reason = command.data.reason?.trim();
      if (!reason) throw new RuleViolation('reason-required', `Cancelling clock ${clockId} needs a reason`);
      ensureInOrder(clock, at);
      const { overdue, pending } = split(clock.due, at);
      return [
        ...raise(clock, overdue, metadata, answerable),
        { type: 'ClockCancelled', data: { clockId, reason, cancelledAt: at, superseded: pending } },
      ];
    }
  }
}

// Thresholds and due instants

const MINUTE = 60_000;

interface Threshold {
  key: string;
  kind: DueKind;
  minutes: number;
  step?: EscalationStep;
}

function thresholds(target: ClockTarget): Threshold[] {
  return [
    { key: 'warning', kind: 'warning', minutes: target.targetMinutes * target.warningThreshold },
    { key: 'breach', kind: 'breach', minutes: target.targetMinutes },
    ...target.escalations.map(
      (step): Threshold => ({
        key: escalationKey(step),
        kind: 'escalation',
        minutes: Math.max(0, target.targetMinutes + step.offsetMinutes),
        step,
      }),
    ),
  ];
}

export function escalationKey(step: EscalationStep): string {
  return `escalation:${step.offsetMinutes}:${step.action}`;
}

/**
 * Every threshold of `target` over `runs` as of `at`: pending (due at or after `at`), overdue (passed
 * before `at`, not raised yet), and reopened (raised, but not passed under this target).
 */
function evaluate(
  calendar: BusinessCalendar | undefined,
  target: ClockTarget,
  runs: ClockRun[],
  raised: string[],
  at: number,
): { due: DueInstant[]; overdue: DueInstant[]; reopened: string[] } {
  const due: DueInstant[] = [];
  const overdue: DueInstant[] = [];
  const reopened: string[] = [];
  for (const threshold of thresholds(target)) {
    const passAt = passInstant(calendar, runs, Math.round(threshold.minutes * MINUTE));
    if (raised.includes(threshold.key)) {
      if (passAt !== undefined && passAt < at) continue;
      reopened.push(threshold.key);
    }
    if (passAt === undefined) continue;
    const instant: DueInstant = {
      key: threshold.key,
      kind: threshold.kind,
      dueAt: iso(passAt),
      thresholdMinutes: threshold.minutes,
      ...(threshold.step ? { step: threshold.step } : {}),
    };
    (passAt < at ? overdue : due).push(instant);
  }
  const byDueAt = (a: DueInstant, b: DueInstant) => toMs(a.dueAt) - toMs(b.dueAt);
  return { due: due.sort(byDueAt), overdue: overdue.sort(byDueAt), reopened };
}

/** The instant from which the time used over `runs` exceeds `threshold` ms; undefined if it does not while paused. */
function passInstant(calendar: BusinessCalendar | undefined, runs: ClockRun[], threshold: number): number | undefined {
  let used = 0;
  for (const run of runs) {
    const from = toMs(run.from);
    const length = run.to === undefined ? Infinity : businessMillisBetween(calendar, from, toMs(run.to));
    if (used + length > threshold) return nextWorkingMillis(calendar, addBusinessMillis(calendar, from, threshold - used));
    used += length;
  }
  return undefined;
}

/** The earliest instant at which the time used over `runs` reaches `threshold` ms. */
function reachInstant(calendar: BusinessCalendar | undefined, runs: ClockRun[], threshold: number): number | undefined {
  let used = 0;
  for (const run of runs) {
    const from = toMs(run.from);
    const length = run.to === undefined ? Infinity : businessMillisBetween(calendar, from, toMs(run.to));
    if (used + length >= threshold) return addBusinessMillis(calendar, from, threshold - used);
    used += length;
  }
  return undefined;
}

function usedMillis(calendar: BusinessCalendar | undefined, runs: ClockRun[], at: number): number {
  return runs.reduce((sum, run) => {
    const from = toMs(run.from);
    const to = Math.min(run.to === undefined ? at : toMs(run.to), at);
    return to > from ? sum + businessMillisBetween(calendar, from, to) : sum;
  }, 0);
}

/** A started minute counts whole, so used > target exactly when diff < 0 for a whole-minute target. */
function wholeMinutesUsed(millis: number): number {
  return Math.ceil(millis / MINUTE);
}

function split(due: DueInstant[], at: string): { overdue: DueInstant[]; pending: DueInstant[] } {
  const now = toMs(at);
  return { overdue: due.filter((d) => toMs(d.dueAt) < now), pending: due.filter((d) => toMs(d.dueAt) >= now) };
}

function raise(clock: SlaClock, instants: DueInstant[], metadata: CommandMetadata, answerable?: ClockAnswerable): ClockRaisedEvent[] {
  const { clockId } = clock;
  const targetMinutes = clock.target.targetMinutes;
  const raisedAt = metadata.at;
  const raisedCase: RaisedCase = {
    caseKind: clock.caseKind,
    ...(answerable?.departmentId ? { departmentId: answerable.departmentId } : {}),
    ...(answerable?.responsibleId ? { responsibleId: answerable.responsibleId } : {}),
  };
  return instants.map((d): ClockRaisedEvent => {
    switch (d.kind) {
      case 'warning':
        return {
          type: 'ClockWarningReached',
          data: { clockId, dueAt: d.dueAt, thresholdMinutes: d.thresholdMinutes, targetMinutes, raisedAt, ...raisedCase },
        };
      case 'breach':
        return { type: 'ClockBreached', data: { clockId, dueAt: d.dueAt, targetMinutes, raisedAt, ...raisedCase } };
      case 'escalation':
        return {
          type: 'ClockEscalated',
          data: {
            clockId,
            key: d.key,
            step: d.step as EscalationStep,
            dueAt: d.dueAt,
            thresholdMinutes: d.thresholdMinutes,
            targetMinutes,
            raisedAt,
          },
        };
    }
  });
}

function raisedFor(clock: SlaClock, due: DueInstant): SlaClock {
  return raisedKey(clock, due.key);
}

function dueKeyOf(command: DueClockCommand): string {
  switch (command.type) {
    case 'RaiseClockWarning':
      return 'warning';
    case 'RaiseClockBreach':
      return 'breach';
    case 'EscalateClock':
      return command.data.key;
  }
}

// Checks

function ensureTarget(target: ClockTarget): void {
  if (!(Number.isInteger(target.targetMinutes) && target.targetMinutes > 0)) {
    throw new RuleViolation('invalid-target', `A target is a whole number of minutes above 0, not ${target.targetMinutes}`);
  }
  if (!(target.warningThreshold > 0 && target.warningThreshold < 1)) {
    throw new RuleViolation(
      'invalid-warning-threshold',
      `The warning threshold is a share of the target between 0 and 1, not ${target.warningThreshold}`,
    );
  }
}

/** The calendar sent with a start or re-target is the one the target names. */
function ensureCalendarFor(target: ClockTarget, calendar: BusinessCalendar | undefined): void {
  if (target.calendarId && !calendar) {
    throw new RuleViolation(
      'calendar-missing',
      `The target counts on calendar ${target.calendarId}; send it with the command`,
    );
  }
  if (calendar && calendar.calendarId !== target.calendarId) {
    throw new RuleViolation(
      'calendar-mismatch',
      `Calendar ${calendar.calendarId} was sent, but the target counts on ${target.calendarId ?? 'no calendar (24×7)'}`,
    );
  }
}

/** The calendar sent with a resume or stop is the version the clock runs under. */
function ensureCalendar(expected: CalendarRef | undefined, calendar: BusinessCalendar | undefined): void {
  const matches = expected
    ? calendar?.calendarId === expected.calendarId && calendar.version === expected.version
    : calendar === undefined;
  if (!matches) {
    const describe = (ref: CalendarRef | undefined) => (ref ? `${ref.calendarId} v${ref.version}` : 'no calendar (24×7)');
    throw new RuleViolation(
      'calendar-mismatch',
      `The clock runs under ${describe(expected)}, but ${describe(calendar && calendarRef(calendar))} was sent`,
    );
  }
}

function ensureInOrder(clock: SlaClock, at: string): void {
  if (toMs(at) < toMs(clock.lastAt)) {
    throw new RuleViolation(
      'clock-history-out-of-order',
      `Clock ${clock.clockId} has recorded ${clock.lastAt}; a fact of ${at} would rewrite counted time`,
    );
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
