import { ClockCommand, SlaClock, TrackedCase, slaClock } from '@serviceledger/quality-monitoring/domain';
import { CaseSnapshot, PlannedCommand } from './clock-planner';
import { THIRD_PARTY_WAIT, planPartnerWaitCommands } from './partner-wait-planner';
import { DEMAND, POLICIES, message, office, policy } from './testing/clock-fixtures';

const known: TrackedCase = {
  caseId: DEMAND,
  facts: { customerTier: 'gold', priority: 'P3', demandKind: 'enquiry', businessCategory: 'technical-support' },
  openedAt: '2026-11-30T01:00:00.000Z',
};
/** Acme's P3 standard as quality monitoring keeps it: resolution within 120 minutes, 24×7. */
const ACME_P3 = policy('uc-acme-p3', 'P3', { 'third-party-wait': 120 }, { kind: 'UC', partnerId: 'acme', calendarId: undefined, pauseOn: [] });
const SINCE = '2026-11-30T02:00:00.000Z';

const snapshot = (waits: SlaClock[] = [], trackedCase: TrackedCase | null = known): CaseSnapshot => ({
  trackedCase,
  clocks: {},
  thirdPartyWaitClocks: waits,
  policies: [...POLICIES, ACME_P3],
  calendarAt: () => office,
  currentCalendar: () => office,
});
const waiting = (data: object = {}) => message('m-wait', 'demand.waiting-on-third-party', { party: 'Acme printing', since: SINCE, partnerId: 'acme', occurredAt: SINCE, ...data });
const started = (plan: PlannedCommand[]): SlaClock => slaClock.decide(plan[0].command as ClockCommand, null).reduce(slaClock.evolve, null) as SlaClock;

describe('waits on a partner → third-party-wait clocks (C-3.1)', () => {
  it('starts the wait’s clock on the partner’s UC target for the demand’s priority, from when it waits', () => {
    const plan = planPartnerWaitCommands(waiting(), snapshot());
    expect(plan.map((p) => [p.stream, p.command.type])).toEqual([[`quality-monitoring.clock-${DEMAND}.third-party-wait.1`, 'StartClock']]);
    expect(plan[0].command).toMatchObject({
      data: { metric: THIRD_PARTY_WAIT, caseKind: 'demand', target: { targetMinutes: 120, pauseOn: [], policy: { policyId: 'uc-acme-p3', kind: 'UC' } } },
      metadata: { at: SINCE },
    });
  });

  it('measures nothing for a wait on no partner, on a partner without a UC policy, for another priority, or a wait already measured', () => {
    expect(planPartnerWaitCommands(waiting({ partnerId: undefined }), snapshot())).toEqual([]);
    expect(planPartnerWaitCommands(waiting({ partnerId: 'globex' }), snapshot())).toEqual([]);
    expect(planPartnerWaitCommands(waiting(), snapshot([], { ...known, facts: { ...known.facts, priority: 'P2' } }))).toEqual([]);
    expect(planPartnerWaitCommands(waiting(), snapshot([], null))).toEqual([]);
    const first = started(planPartnerWaitCommands(waiting(), snapshot()));
    expect(planPartnerWaitCommands(waiting(), snapshot([first]))).toEqual([]);
  });

  it('numbers a later wait on the partner as the next cycle', () => {
    const first = started(planPartnerWaitCommands(waiting(), snapshot()));
    const again = planPartnerWaitCommands(waiting({ since: '2026-11-30T06:00:00.000Z' }), snapshot([first]));
    expect(again.map((p) => p.stream)).toEqual([`quality-monitoring.clock-${DEMAND}.third-party-wait.2`]);
  });

  it('stops the running wait when the demand resumes from the third party or is resolved, and cancels it when withdrawn', () => {
    const clock = started(planPartnerWaitCommands(waiting(), snapshot()));
    const at = '2026-11-30T03:00:00.000Z';
    const resumed = planPartnerWaitCommands(message('m-r', 'demand.resumed', { waitingSince: SINCE, resumedAt: at, trigger: 'agent', waitedOn: 'third-party' }), snapshot([clock]));
    expect(resumed.map((p) => [p.stream, p.command.type, p.command.metadata.at])).toEqual([[`quality-monitoring.clock-${DEMAND}.third-party-wait.1`, 'StopClock', at]]);
    expect(planPartnerWaitCommands(message('m-c', 'demand.resumed', { waitingSince: SINCE, resumedAt: at, trigger: 'agent', waitedOn: 'customer' }), snapshot([clock]))).toEqual([]);
    expect(planPartnerWaitCommands(message('m-s', 'demand.resolved', { resolvedAt: at }), snapshot([clock])).map((p) => p.command.type)).toEqual(['StopClock']);
    const withdrawn = planPartnerWaitCommands(message('m-w', 'demand.withdrawn', { reason: 'Bought a new printer', occurredAt: at }), snapshot([clock]));
    expect(withdrawn.map((p) => p.command)).toMatchObject([{ type: 'CancelClock', data: { reason: 'Demand withdrawn in intake' } }]);
    const closedV2 = planPartnerWaitCommands({ ...message('m-x', 'demand.closed', { occurredAt: at }), type: 'serviceledger.intake.demand.closed.v2' }, snapshot([clock]));
    expect(closedV2.map((p) => p.command)).toMatchObject([{ type: 'CancelClock', data: { reason: 'Demand closed in intake' } }]);
  });
});
