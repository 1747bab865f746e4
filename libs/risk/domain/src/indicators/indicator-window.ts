import { Aggregate, Command, Decider, RuleViolation, deterministicUuid, streamOf } from '@serviceledger/platform/core';
import { GroupKind, IndicatorCategory } from './indicator';
import { CountedSignal, byTime, countedOf } from './signal';
import { IndicatorWindow, WindowSpan } from './windows';

/**
 * One indicator's count for one group in one window (K-3.2): the signals that fell in it, and the crossings
 * of the threshold. A stream per indicator, group and window (`risk.indicator-window-<id>`), bounded by
 * the window's span; the same signal counted twice (a redelivery) changes nothing.
 *
 * Calendar window (week, month, quarter): the threshold is crossed once per window, by the signal that
 * makes the count reach it; later signals in the window are counted but raise nothing. The crossing's
 * window is the calendar window.
 *
 * Rolling window of N days: the threshold is crossed when N days hold that many signals not yet behind a
 * warning; the signals behind a crossing are used up, so the next crossing needs as many new ones. The
 * window is kept in buckets of N days; a signal also sees the unused signals of the bucket before it
 * (`carried`, read by the service from that bucket's stream). The crossing's window runs N days from its
 * earliest signal.
 *
 * A crossing's warning id derives from the indicator, the group and the crossing's window, so a replay
 * of the same signals raises the same warnings.
 */
export interface IndicatorRef {
  indicatorId: string;
  version: number;
  name: string;
  category: IndicatorCategory;
  window: IndicatorWindow;
  threshold: number;
}

export interface ThresholdCrossing {
  warningId: string;
  indicator: IndicatorRef;
  groupKind: GroupKind;
  groupKey: string;
  window: WindowSpan;
  count: number;
  /** The signals that made the count, oldest first. */
  signals: CountedSignal[];
  crossedAt: string;
}

export interface IndicatorWindowCount {
  windowId: string;
  indicatorId: string;
  groupKey: string;
  span: WindowSpan;
  counted: CountedSignal[];
  /** Ids of the signals behind a crossing (rolling windows), this bucket's and carried ones. */
  used: string[];
  crossings: ThresholdCrossing[];
}

export type IndicatorWindowState = IndicatorWindowCount | null;

export type CountSignal = Command<
  'CountSignal',
  {
    windowId: string;
    indicator: IndicatorRef;
    groupKind: GroupKind;
    groupKey: string;
    span: WindowSpan;
    signal: CountedSignal;
    /** Rolling windows: the unused signals of the bucket before, as that bucket's stream has them. */
    carried?: CountedSignal[];
  }
>;

export type SignalCounted = {
  type: 'SignalCounted';
  data: { windowId: string; indicatorId: string; indicatorVersion: number; groupKey: string; span: WindowSpan; signal: CountedSignal };
};
export type ThresholdCrossed = { type: 'ThresholdCrossed'; data: ThresholdCrossing & { windowId: string } };
export type IndicatorWindowEvent = SignalCounted | ThresholdCrossed;

/** The stream id of an indicator's window for a group. */
export const indicatorWindowId = (indicatorId: string, groupKey: string, windowKey: string): string => `${indicatorId}.${windowKey}.${groupKey}`;

/** The warning a crossing raises: the same indicator, group and window give the same id. */
export const warningIdFor = (indicatorId: string, groupKey: string, windowKey: string): string =>
  deterministicUuid(`risk-warning:${indicatorId}:${groupKey}:${windowKey}`);

export const indicatorWindow: Decider<CountSignal, IndicatorWindowEvent, IndicatorWindowState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'SignalCounted': {
        const { windowId, indicatorId, groupKey, span, signal } = event.data;
        const base = state ?? { windowId, indicatorId, groupKey, span, counted: [], used: [], crossings: [] };
        return { ...base, counted: [...base.counted, signal] };
      }
      case 'ThresholdCrossed': {
        const { windowId, ...crossing } = event.data;
        if (!state || state.windowId !== windowId) return state;
        return { ...state, used: [...state.used, ...crossing.signals.map((s) => s.id)], crossings: [...state.crossings, crossing] };
      }
    }
  },
  decide(command, state) {
    const { windowId, indicator, groupKind, groupKey, span, signal } = command.data;
    if (state?.counted.some((counted) => counted.id === signal.id)) return [];
    const at = Date.parse(signal.occurredAt);
    if (!(at >= Date.parse(span.from) && at < Date.parse(span.to))) {
      throw new RuleViolation('signal-outside-window', `A signal of ${signal.occurredAt} does not fall in ${span.key}`);
    }
    const counted: SignalCounted = {
      type: 'SignalCounted',
      data: { windowId, indicatorId: indicator.indicatorId, indicatorVersion: indicator.version, groupKey, span, signal: countedOf(signal) },
    };
    const crossing = indicator.window.kind === 'rolling' ? rollingCrossing(command.data, state, indicator.window.days) : calendarCrossing(command.data, state);
    if (!crossing) return [counted];
    return [
      counted,
      {
        type: 'ThresholdCrossed',
        data: {
          windowId,
          warningId: warningIdFor(indicator.indicatorId, groupKey, crossing.window.key),
          indicator,
          groupKind,
          groupKey,
          window: crossing.window,
          count: crossing.signals.length,
          signals: crossing.signals,
          crossedAt: command.metadata.at,
        },
      },
    ];
  },
};

type Crossing = { window: WindowSpan; signals: CountedSignal[] };

function calendarCrossing(data: CountSignal['data'], state: IndicatorWindowState): Crossing | undefined {
  if (state && state.crossings.length > 0) return undefined;
  const signals = [...(state?.counted ?? []), countedOf(data.signal)].sort(byTime);
  return signals.length >= data.indicator.threshold ? { window: data.span, signals } : undefined;
}

const DAY = 24 * 60 * 60 * 1000;

function rollingCrossing(data: CountSignal['data'], state: IndicatorWindowState, days: number): Crossing | undefined {
  const used = new Set(state?.used ?? []);
  const at = Date.parse(data.signal.occurredAt);
  const unused = [...(data.carried ?? []), ...(state?.counted ?? []), countedOf(data.signal)]
    .filter((s) => !used.has(s.id) && Date.parse(s.occurredAt) > at - days * DAY && Date.parse(s.occurredAt) <= at)
    .sort(byTime);
  if (unused.length < data.indicator.threshold) return undefined;
  const from = unused[0].occurredAt;
  return { window: { key: from, from, to: new Date(Date.parse(from) + days * DAY).toISOString() }, signals: unused };
}

/** The signals of a bucket not behind any crossing: what the next bucket carries. */
export function unusedSignals(state: IndicatorWindowState): CountedSignal[] {
  if (!state) return [];
  const used = new Set(state.used);
  return state.counted.filter((s) => !used.has(s.id));
}

/**
 * A window's stream: no scope of its own, only the service's consumer counts (and back-tests count on a
 * scratch copy).
 */
export const indicatorWindows: Aggregate<CountSignal, IndicatorWindowEvent, IndicatorWindowState> = {
  name: 'Indicator window',
  streamPrefix: 'risk.indicator-window-',
  decider: indicatorWindow,
  idOf: (command) => command.data.windowId,
  creates: ['CountSignal'],
};

export const indicatorWindowStream = (windowId: string): string => streamOf(indicatorWindows, windowId);
