import { RISK_ACTOR } from '../risk-policy';
import { IndicatorVersion, counts, groupOf } from './indicator';
import { CountSignal, IndicatorRef, IndicatorWindowState, ThresholdCrossing, indicatorWindow, indicatorWindowId, unusedSignals } from './indicator-window';
import { Signal, byTime, countedOf } from './signal';
import { WindowSpan, previousBucket, windowAt } from './windows';

/** Where one signal counts for one indicator: its group's window, and for a rolling window the bucket before. */
export interface CountPlan {
  windowId: string;
  groupKey: string;
  span: WindowSpan;
  /** Rolling windows: the window whose unused signals this one carries. */
  previousWindowId?: string;
}

/** Where the indicator counts the signal, or undefined when it does not count it (another type, a condition unmet, no group). */
export function planCount(indicator: IndicatorVersion, signal: Signal): CountPlan | undefined {
  if (!counts(indicator, signal)) return undefined;
  const groupKey = groupOf(indicator, signal);
  if (!groupKey) return undefined;
  const span = windowAt(indicator.window, signal.occurredAt);
  const plan = { windowId: indicatorWindowId(indicator.indicatorId, groupKey, span.key), groupKey, span };
  if (indicator.window.kind !== 'rolling') return plan;
  return { ...plan, previousWindowId: indicatorWindowId(indicator.indicatorId, groupKey, previousBucket(indicator.window, span).key) };
}

export function indicatorRef(indicator: IndicatorVersion): IndicatorRef {
  const { indicatorId, version, name, category, window, threshold } = indicator;
  return { indicatorId, version, name, category, window, threshold };
}

/** The count command's data for a planned signal, with what the bucket before carries. */
export function countData(indicator: IndicatorVersion, plan: CountPlan, signal: Signal, previous: IndicatorWindowState): CountSignal['data'] {
  return {
    windowId: plan.windowId,
    indicator: indicatorRef(indicator),
    groupKind: indicator.groupBy.kind,
    groupKey: plan.groupKey,
    span: plan.span,
    signal: countedOf(signal),
    ...(plan.previousWindowId ? { carried: unusedSignals(previous) } : {}),
  };
}

/**
 * What-if (K-3.2): the warnings an indicator, as given, would have raised over these signals, in time
 * order, through the same window decider the live consumer uses, on states held in memory. Raises nothing.
 */
export function backTest(indicator: IndicatorVersion, signals: readonly Signal[]): ThresholdCrossing[] {
  const windows = new Map<string, IndicatorWindowState>();
  for (const signal of [...signals].sort(byTime)) {
    const plan = planCount(indicator, signal);
    if (!plan) continue;
    const state = windows.get(plan.windowId) ?? null;
    const previous = plan.previousWindowId ? (windows.get(plan.previousWindowId) ?? null) : null;
    const command: CountSignal = {
      type: 'CountSignal',
      data: countData(indicator, plan, signal, previous),
      metadata: { commandId: `back-test:${signal.id}`, at: signal.occurredAt, actor: RISK_ACTOR, correlationId: `back-test:${indicator.indicatorId}` },
    };
    windows.set(plan.windowId, indicatorWindow.decide(command, state).reduce(indicatorWindow.evolve, state));
  }
  return [...windows.values()]
    .flatMap((window) => window?.crossings ?? [])
    .sort((a, b) => Date.parse(a.crossedAt) - Date.parse(b.crossedAt) || (a.warningId < b.warningId ? -1 : 1));
}
