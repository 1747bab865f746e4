import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import { RISK_ACTOR } from '../risk-policy';
import { backTest, planCount } from './counting';
import { DemandCommand, DemandEvent, attributedSignal, demand } from './demand';
import { IndicatorVersion } from './indicator';
import { Signal } from './signal';

const BREACH = 'serviceledger.quality-monitoring.clock.breached.v2';
const DEMAND = 'demand-1';
const meta = (at: string, step: string): CommandMetadata => ({ commandId: `${step}-${at}`, at, actor: RISK_ACTOR, correlationId: 'c' });
const { when, stateAfter } = deciderSpec(demand);

/** Quality monitoring's breach of the demand's clock, naming no department: it fell due before the demand was assigned. */
const breach = (n: number, occurredAt: string, metric = 'time-to-own'): Signal => ({
  id: `breach-${n}`,
  type: BREACH,
  occurredAt,
  fields: { caseId: DEMAND, metric, caseKind: 'demand', departmentId: null, responsibleId: null },
});
const attribute = (signal: Signal): DemandCommand => ({ type: 'AttributeSignal', data: { demandId: DEMAND, signal }, metadata: meta(signal.occurredAt, signal.id) });
const assign = (departmentId: string, assignedAt: string): DemandCommand => ({
  type: 'NoteDemandAssignment',
  data: { demandId: DEMAND, departmentId, assignedAt },
  metadata: meta(assignedAt, `assign-${departmentId}`),
});
const assigned = (departmentId: string, assignedAt: string): DemandEvent => ({ type: 'DemandAssignmentNoted', data: { demandId: DEMAND, departmentId, assignedAt } });
const held = (signal: Signal): DemandEvent => ({ type: 'SignalHeld', data: { demandId: DEMAND, signal } });
const attributed = (signal: Signal, departmentId: string): DemandEvent => ({ type: 'SignalAttributed', data: { demandId: DEMAND, signal, departmentId } });

/** Plays the commands in order, each on the events before it: the stream a consumer would leave. */
function play(commands: DemandCommand[]): DemandEvent[] {
  return commands.reduce<DemandEvent[]>((events, command) => [...events, ...when(events, command)], []);
}

// Monday 30 November 2026 in Shanghai: the time-to-own target passed at 09:30 (01:30Z), tech support took the demand at 10:00.
const timeToOwn = breach(1, '2026-11-30T01:30:00.000Z');
const perDepartment: IndicatorVersion = {
  indicatorId: 'sla-breach-any',
  name: 'Any SLA breach of a department in a calendar week',
  category: 'customer',
  counts: [{ type: BREACH, where: [{ field: 'caseKind', oneOf: ['demand', 'complaint'] }] }],
  groupBy: { kind: 'department', field: 'departmentId' },
  window: { kind: 'calendar', unit: 'week' },
  threshold: 1,
  version: 1,
  since: '2026-01-01T00:00:00.000Z',
  by: 'risk-service',
};
const companyWide: IndicatorVersion = { ...perDepartment, indicatorId: 'sla-breach-company', groupBy: { kind: 'organisation' } };

describe('a demand’s department for the warnings and breaches that came without one (K-3.2)', () => {
  it('holds a breach that came before the demand’s assignment, and attributes it to the department once the assignment comes', () => {
    expect(when([], attribute(timeToOwn))).toEqual([held(timeToOwn)]);
    expect(when([held(timeToOwn)], assign('tech-support', '2026-11-30T02:00:00.000Z'))).toEqual([
      assigned('tech-support', '2026-11-30T02:00:00.000Z'),
      attributed(timeToOwn, 'tech-support'),
    ]);
  });

  it('attributes a breach that comes after the demand’s assignment at once', () => {
    expect(when([assigned('tech-support', '2026-11-30T02:00:00.000Z')], attribute(timeToOwn))).toEqual([attributed(timeToOwn, 'tech-support')]);
  });

  it('attributes each breach once: the same breach again, or the demand reassigned, attributes nothing more, and nothing stays held', () => {
    const events = play([attribute(timeToOwn), assign('tech-support', '2026-11-30T02:00:00.000Z')]);
    expect(when(events, attribute(timeToOwn))).toEqual([]);
    expect(when(events, assign('software-development', '2026-11-30T03:00:00.000Z'))).toEqual([]);
    expect(when(events, assign('tech-support', '2026-11-30T02:00:00.000Z'))).toEqual([]);
    expect(when([held(timeToOwn)], attribute(timeToOwn))).toEqual([]);
    expect(stateAfter(events)).toMatchObject({ held: [], attributed: { [timeToOwn.id]: 'tech-support' } });
  });

  it('names the department that first took the demand on, in any order of arrival, also when it was reassigned before the breach came', () => {
    const first = assign('tech-support', '2026-11-30T02:00:00.000Z');
    const second = assign('software-development', '2026-11-30T03:00:00.000Z');
    const attributions = (events: DemandEvent[]) => events.filter((e) => e.type === 'SignalAttributed');
    // A breach caught up without a department after the assignment (quality monitoring had not heard of it yet) too.
    const later = breach(2, '2026-11-30T03:30:00.000Z', 'first-response');
    for (const order of [
      [attribute(timeToOwn), attribute(later), first, second],
      [first, attribute(timeToOwn), second, attribute(later)],
      [first, second, attribute(later), attribute(timeToOwn)],
    ]) {
      expect(attributions(play(order)).sort((a, b) => (a.data.signal.id < b.data.signal.id ? -1 : 1))).toEqual([attributed(timeToOwn, 'tech-support'), attributed(later, 'tech-support')]);
    }
    expect(play([first, second]).filter((e) => e.type === 'DemandAssignmentNoted')).toEqual([assigned('tech-support', '2026-11-30T02:00:00.000Z')]);
  });

  it('keeps the customer of the demand’s registration beside its first assignment', () => {
    const events = play([
      { type: 'NoteDemandCustomer', data: { demandId: DEMAND, customerId: 'cust-acme' }, metadata: meta('2026-11-30T01:00:00.000Z', 'registered') },
      attribute(timeToOwn),
      assign('tech-support', '2026-11-30T02:00:00.000Z'),
    ]);
    expect(stateAfter(events)).toMatchObject({ demandId: DEMAND, customerId: 'cust-acme', assignment: { departmentId: 'tech-support' } });
    expect(when(events, { type: 'NoteDemandCustomer', data: { demandId: DEMAND, customerId: 'cust-acme' }, metadata: meta('2026-11-30T04:00:00.000Z', 'again') })).toEqual([]);
  });

  it('counts an attributed breach for the department in the window of the breach’s time, not the assignment’s; company-wide, as it came', () => {
    // Sunday 6 December, 23:30 in Shanghai (week 49), assigned Monday 7 December, 09:00 (week 50).
    const sunday = breach(3, '2026-12-06T15:30:00.000Z');
    const [attribution] = play([attribute(sunday), assign('tech-support', '2026-12-07T01:00:00.000Z')]).filter((e) => e.type === 'SignalAttributed');
    const counted = attributedSignal(attribution.data as { demandId: string; signal: Signal; departmentId: string });
    expect(counted).toEqual({ ...sunday, fields: { ...sunday.fields, departmentId: 'tech-support', departmentFromAssignment: true } });

    expect(planCount(perDepartment, sunday)).toBeUndefined();
    expect(planCount(perDepartment, counted)).toMatchObject({ groupKey: 'tech-support', span: { key: '2026-W49' } });
    expect(backTest(perDepartment, [counted])).toEqual([
      expect.objectContaining({ groupKey: 'tech-support', window: expect.objectContaining({ key: '2026-W49' }), count: 1, crossedAt: sunday.occurredAt }),
    ]);
    // The whole organisation's indicator counts the breach as it came, without a department.
    expect(planCount(companyWide, sunday)).toMatchObject({ groupKey: 'organisation', span: { key: '2026-W49' } });
    expect(backTest(companyWide, [sunday])).toEqual([expect.objectContaining({ groupKey: 'organisation', count: 1, crossedAt: sunday.occurredAt })]);
  });
});
