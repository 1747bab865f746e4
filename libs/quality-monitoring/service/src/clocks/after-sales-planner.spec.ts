import { ClockCommand, SlaClock, TrackedCase, TrackedCaseCommand, slaClock, trackedCase } from '@serviceledger/quality-monitoring/domain';
import {
  CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1,
  CASE_AFTER_SALES_PROBLEM_OPENED_V1,
  CASE_AFTER_SALES_PROBLEM_REOPENED_V1,
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1,
} from '@serviceledger/service-delivery/contracts';
import { planProblemCommands } from './after-sales-planner';
import { CaseSnapshot, PlannedCommand, problemIdOf } from './clock-planner';
import { DELIVERY_CASE, DEMAND, delivery, office, policy } from './testing/clock-fixtures';

const PROBLEM = 'p-1';
// After-sales problems of P3 demands: own within 30, resolve within 240 business minutes.
const POLICIES = [
  policy('p3', 'P3', { 'time-to-own': 60, resolution: 1800 }),
  policy('after-sales', 'P3', { 'time-to-own': 30, resolution: 240 }, { match: { demandKinds: ['after-sales'] } }),
];
const demand: TrackedCase = { caseId: DEMAND, facts: { customerTier: 'gold', priority: 'P3', demandKind: 'enquiry' }, openedAt: '2026-11-30T01:00:00Z' };

const snapshot = (problemCase: TrackedCase | null, clocks: SlaClock[]): CaseSnapshot => ({
  trackedCase: demand,
  clocks: {},
  policies: POLICIES,
  calendarAt: () => office,
  currentCalendar: () => office,
  deliveryCase: { deliveryCaseId: DELIVERY_CASE, demandId: DEMAND },
  problem: { problemId: PROBLEM, trackedCase: problemCase, clocks },
});

const problemEvent = (id: string, type: string, data: object) => delivery(id, type, { problemId: PROBLEM, ...data });
// Monday 30 November, 10:00 in Shanghai.
const opened = problemEvent('a-1', CASE_AFTER_SALES_PROBLEM_OPENED_V1.type, {
  customerId: 'c-1',
  departmentId: 'tech-support',
  source: 'customer',
  raisedAt: '2026-11-30T02:00:00Z',
  occurredAt: '2026-11-30T02:00:00Z',
});

/** Applies a plan's commands, as the driver would: the problem's case, and its clocks by id. */
function applied(plan: PlannedCommand[], problemCase: TrackedCase | null, clocks: SlaClock[]): [TrackedCase | null, SlaClock[]] {
  let known = problemCase;
  const byId = new Map(clocks.map((c) => [c.clockId, c]));
  for (const p of plan) {
    if (p.kind === 'case') known = trackedCase.decide(p.command as TrackedCaseCommand, known).reduce(trackedCase.evolve, known);
    if (p.kind !== 'clock') continue;
    const command = p.command as ClockCommand;
    const current = byId.get(command.data.clockId) ?? null;
    byId.set(command.data.clockId, slaClock.decide(command, current).reduce(slaClock.evolve, current) as SlaClock);
  }
  return [known, [...byId.values()]];
}

describe('after-sales problems → their own clocks (P-6.2)', () => {
  it('tracks a raised problem against its department and starts time to own and resolution on the after-sales targets', () => {
    expect(problemIdOf(opened)).toBe(PROBLEM);
    const plan = planProblemCommands(opened, snapshot(null, []));
    expect(plan.map((p) => [p.stream, p.command.type])).toEqual([
      [`quality-monitoring.case-${PROBLEM}`, 'TrackCase'],
      [`quality-monitoring.clock-${PROBLEM}.time-to-own.1`, 'StartClock'],
      [`quality-monitoring.clock-${PROBLEM}.resolution.1`, 'StartClock'],
    ]);
    expect(plan[0].command.data).toEqual({ caseId: PROBLEM, facts: { ...demand.facts, demandKind: 'after-sales' }, departmentId: 'tech-support' });
    expect(plan[2].command.data).toMatchObject({ caseKind: 'after-sales', target: { targetMinutes: 240, policy: { policyId: 'after-sales' } } });
    const [problemCase, clocks] = applied(plan, null, []);
    expect(problemCase).toMatchObject({ departmentId: 'tech-support' });
    expect(planProblemCommands(opened, snapshot(problemCase, clocks))).toEqual([]);
  });

  it('a named handler stops time to own; resolution stops a cycle; reopening starts the next, once', () => {
    let [problemCase, clocks] = applied(planProblemCommands(opened, snapshot(null, [])), null, []);
    // 10:20 a handler is named: 20 minutes to own, within 30.
    const assigned = problemEvent('a-2', CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1.type, {
      handlerId: 'ts-li',
      assignedAt: '2026-11-30T02:20:00Z',
      occurredAt: '2026-11-30T02:20:00Z',
    });
    [problemCase, clocks] = applied(planProblemCommands(assigned, snapshot(problemCase, clocks)), problemCase, clocks);
    expect(problemCase).toMatchObject({ departmentId: 'tech-support', ownerId: 'ts-li' });
    expect(clocks.find((c) => c.metric === 'time-to-own')?.result).toMatchObject({ usedMinutes: 20, outcome: 'met' });

    // 11:00 resolved (60 minutes); 14:00 it is back, resolved again at 15:00 (60 more, on cycle 2).
    const resolved = (id: string, at: string) =>
      problemEvent(id, CASE_AFTER_SALES_PROBLEM_RESOLVED_V1.type, { stage: 'implementation', handlerId: 'ts-li', resolvedAt: at, occurredAt: at });
    [problemCase, clocks] = applied(planProblemCommands(resolved('a-3', '2026-11-30T03:00:00Z'), snapshot(problemCase, clocks)), problemCase, clocks);
    const reopened = problemEvent('a-4', CASE_AFTER_SALES_PROBLEM_REOPENED_V1.type, { reopenedAt: '2026-11-30T06:00:00Z', occurredAt: '2026-11-30T06:00:00Z' });
    const reopen = planProblemCommands(reopened, snapshot(problemCase, clocks));
    expect(reopen.map((p) => [p.stream, p.command.type])).toEqual([[`quality-monitoring.clock-${PROBLEM}.resolution.2`, 'StartClock']]);
    [problemCase, clocks] = applied(reopen, problemCase, clocks);
    expect(planProblemCommands(reopened, snapshot(problemCase, clocks))).toEqual([]);
    [problemCase, clocks] = applied(planProblemCommands(resolved('a-5', '2026-11-30T07:00:00Z'), snapshot(problemCase, clocks)), problemCase, clocks);
    expect(clocks.filter((c) => c.metric === 'resolution').map((c) => [c.clockId, c.result?.usedMinutes, c.result?.outcome])).toEqual([
      [`${PROBLEM}.resolution.1`, 60, 'met'],
      [`${PROBLEM}.resolution.2`, 60, 'met'],
    ]);
  });

  it('plans nothing before the delivered demand is known: the driver replays the problem once it is', () => {
    expect(planProblemCommands(opened, { ...snapshot(null, []), trackedCase: null })).toEqual([]);
  });
});
