import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { RISK_ACTOR } from '../risk-policy';
import { backTest, countData, planCount } from './counting';
import { IndicatorVersion } from './indicator';
import { CountSignal, IndicatorWindowEvent, IndicatorWindowState, indicatorWindow, warningIdFor } from './indicator-window';
import { Signal } from './signal';

const COMPLAINT = 'serviceledger.intake.complaint.registered.v1';
const BREACH = 'serviceledger.quality-monitoring.clock.breached.v2';

const complaintsPerCustomer: IndicatorVersion = {
  indicatorId: 'complaints-per-customer',
  name: 'Complaints from one customer in 7 days',
  category: 'customer',
  counts: [{ type: COMPLAINT }],
  groupBy: { kind: 'customer', field: 'customerId' },
  window: { kind: 'rolling', days: 7 },
  threshold: 3,
  version: 1,
  since: '2026-01-01T00:00:00.000Z',
  by: 'risk-service',
};

const breachesPerDepartment: IndicatorVersion = {
  ...complaintsPerCustomer,
  indicatorId: 'sla-breaches-per-department',
  name: 'SLA breaches per department per week',
  category: 'technical',
  counts: [{ type: BREACH, where: [{ field: 'caseKind', oneOf: ['demand', 'complaint', 'after-sales'] }] }],
  groupBy: { kind: 'department', field: 'departmentId' },
  window: { kind: 'calendar', unit: 'week' },
  threshold: 2,
};

const complaint = (n: number, occurredAt: string, customerId = 'cust-acme'): Signal => ({ id: `complaint-${n}`, type: COMPLAINT, occurredAt, fields: { demandId: `d-${n}`, customerId } });
const breach = (n: number, occurredAt: string, departmentId: string | null = 'tech-support', caseKind = 'demand'): Signal => ({
  id: `breach-${n}`,
  type: BREACH,
  occurredAt,
  fields: { departmentId, caseKind, metric: 'resolution' },
});

const { stateAfter } = deciderSpec(indicatorWindow);

/** Counts each signal as the consumer does: decide on its window, carrying the bucket before. */
function countAll(indicator: IndicatorVersion, signals: Signal[]): { events: IndicatorWindowEvent[]; windows: Map<string, IndicatorWindowEvent[]> } {
  const windows = new Map<string, IndicatorWindowEvent[]>();
  const events: IndicatorWindowEvent[] = [];
  for (const signal of signals) {
    const plan = planCount(indicator, signal);
    if (!plan) continue;
    const history = windows.get(plan.windowId) ?? [];
    const previous: IndicatorWindowState = plan.previousWindowId ? stateAfter(windows.get(plan.previousWindowId) ?? []) : null;
    const command: CountSignal = { type: 'CountSignal', data: countData(indicator, plan, signal, previous), metadata: meta(signal.occurredAt, signal.id) };
    const decided = indicatorWindow.decide(command, stateAfter(history));
    windows.set(plan.windowId, [...history, ...decided]);
    events.push(...decided);
  }
  return { events, windows };
}

function meta(at: string, id: string): CommandMetadata {
  return { commandId: `count-${id}`, at, actor: RISK_ACTOR, correlationId: id };
}

const crossings = (events: IndicatorWindowEvent[]) => events.filter((e) => e.type === 'ThresholdCrossed');

describe('an indicator window counts signals and crosses its threshold once (K-3.2)', () => {
  it('crosses on the third complaint of one customer within 7 days, naming the three', () => {
    const { events } = countAll(complaintsPerCustomer, [
      complaint(1, '2026-12-01T02:00:00.000Z'),
      complaint(2, '2026-12-03T02:00:00.000Z'),
      complaint(3, '2026-12-04T02:00:00.000Z'),
    ]);
    expect(crossings(events)).toEqual([
      {
        type: 'ThresholdCrossed',
        data: expect.objectContaining({
          warningId: warningIdFor('complaints-per-customer', 'cust-acme', '2026-12-01T02:00:00.000Z'),
          groupKind: 'customer',
          groupKey: 'cust-acme',
          count: 3,
          window: { key: '2026-12-01T02:00:00.000Z', from: '2026-12-01T02:00:00.000Z', to: '2026-12-08T02:00:00.000Z' },
          signals: ['complaint-1', 'complaint-2', 'complaint-3'].map((id) => expect.objectContaining({ id, type: COMPLAINT })),
        }),
      },
    ]);
  });

  it('counts a redelivered signal once, and a fourth complaint in the window raises no second crossing', () => {
    const signals = [complaint(1, '2026-12-01T02:00:00.000Z'), complaint(2, '2026-12-03T02:00:00.000Z'), complaint(3, '2026-12-04T02:00:00.000Z')];
    const { events } = countAll(complaintsPerCustomer, [...signals.flatMap((s) => [s, s]), complaint(4, '2026-12-05T02:00:00.000Z')]);
    expect(events.filter((e) => e.type === 'SignalCounted')).toHaveLength(4);
    expect(crossings(events)).toHaveLength(1);
  });

  it('crosses across the buckets of a rolling window, and needs as many new complaints for the next warning', () => {
    const { events } = countAll(complaintsPerCustomer, [
      complaint(1, '2026-12-02T02:00:00.000Z'),
      complaint(2, '2026-12-06T02:00:00.000Z'),
      complaint(3, '2026-12-08T02:00:00.000Z'),
      complaint(4, '2026-12-09T02:00:00.000Z'),
      complaint(5, '2026-12-10T02:00:00.000Z'),
      complaint(6, '2026-12-11T02:00:00.000Z'),
    ]);
    expect(crossings(events).map((e) => (e.data as { signals: { id: string }[] }).signals.map((s) => s.id))).toEqual([
      ['complaint-1', 'complaint-2', 'complaint-3'],
      ['complaint-4', 'complaint-5', 'complaint-6'],
    ]);
  });

  it('does not cross for complaints spread wider than the window, nor for complaints of different customers', () => {
    const { events } = countAll(complaintsPerCustomer, [
      complaint(1, '2026-12-01T02:00:00.000Z'),
      complaint(2, '2026-12-05T02:00:00.000Z'),
      complaint(3, '2026-12-09T02:00:00.000Z'),
      complaint(4, '2026-12-09T03:00:00.000Z', 'cust-other'),
    ]);
    expect(crossings(events)).toEqual([]);
  });

  it('crosses a calendar week once per department, only for the case kinds its condition names', () => {
    const { events } = countAll(breachesPerDepartment, [
      breach(1, '2026-11-30T02:00:00.000Z'),
      breach(2, '2026-12-01T02:00:00.000Z', 'tech-support', 'rectification'),
      breach(3, '2026-12-01T03:00:00.000Z', null),
      breach(4, '2026-12-02T02:00:00.000Z'),
      breach(5, '2026-12-03T02:00:00.000Z'),
      breach(6, '2026-12-08T02:00:00.000Z'),
    ]);
    expect(crossings(events)).toEqual([
      {
        type: 'ThresholdCrossed',
        data: expect.objectContaining({
          warningId: warningIdFor('sla-breaches-per-department', 'tech-support', '2026-W49'),
          groupKind: 'department',
          groupKey: 'tech-support',
          count: 2,
          window: { key: '2026-W49', from: '2026-11-29T16:00:00.000Z', to: '2026-12-06T16:00:00.000Z' },
        }),
      },
    ]);
    expect(events.filter((e) => e.type === 'SignalCounted')).toHaveLength(4);
  });

  it('refuses a signal that does not fall in the window it is counted in', () => {
    const signal = complaint(1, '2026-12-01T02:00:00.000Z');
    const plan = planCount(complaintsPerCustomer, signal)!;
    const late = { ...signal, occurredAt: '2027-01-01T00:00:00.000Z' };
    expect(() =>
      indicatorWindow.decide({ type: 'CountSignal', data: countData(complaintsPerCustomer, plan, late, null), metadata: meta(late.occurredAt, late.id) }, null),
    ).toThrow(expect.objectContaining(refused('signal-outside-window')));
  });
});

describe('back-testing an indicator over kept signals (K-3.2 what-if)', () => {
  const signals = [
    complaint(1, '2026-10-01T02:00:00.000Z'),
    complaint(2, '2026-10-02T02:00:00.000Z'),
    complaint(3, '2026-11-10T02:00:00.000Z'),
    complaint(4, '2026-11-11T02:00:00.000Z'),
    complaint(5, '2026-11-12T02:00:00.000Z'),
  ];

  it('gives the warnings the live count gives, with the same ids, whatever order the signals come in', () => {
    const live = crossings(countAll(complaintsPerCustomer, signals).events).map((e) => (e.data as { warningId: string }).warningId);
    const tested = backTest(complaintsPerCustomer, [...signals].reverse());
    expect(tested.map((c) => c.warningId)).toEqual(live);
    expect(tested).toHaveLength(1);
  });

  it('shows what a lower threshold would have raised', () => {
    const tested = backTest({ ...complaintsPerCustomer, threshold: 2, version: 2 }, signals);
    expect(tested.map((c) => c.signals.map((s) => s.id))).toEqual([
      ['complaint-1', 'complaint-2'],
      ['complaint-3', 'complaint-4'],
    ]);
    expect(tested[0].indicator).toMatchObject({ indicatorId: 'complaints-per-customer', version: 2, threshold: 2 });
  });
});
