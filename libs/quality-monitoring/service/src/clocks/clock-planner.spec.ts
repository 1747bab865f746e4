import { commandIdFrom } from '@serviceledger/platform/core';
import {
  BusinessCalendar,
  ClockCommand,
  Metric,
  Policy,
  PolicySnapshot,
  SlaClock,
  TrackedCase,
  policyRegistry,
  slaClock,
} from '@serviceledger/quality-monitoring/domain';
import { IntakeMessage, PlannedCommand, planClockCommands } from './clock-planner';

const DEMAND = '6f1c0d52-4c1e-4f7e-9d1a-0c2b7c9e1a01';
const office: BusinessCalendar = {
  calendarId: 'cn-office',
  version: 1,
  timeZone: 'Asia/Shanghai',
  weeklyHours: {
    monday: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }],
    tuesday: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }],
    wednesday: [],
    thursday: [],
    friday: [],
    saturday: [],
    sunday: [],
  },
  holidays: [],
  makeUpDays: [],
};

function policy(policyId: string, priority: string, targets: PolicySnapshot['targets']): Policy {
  const [event] = policyRegistry.decide(
    {
      type: 'DefinePolicy',
      data: { policyId, kind: 'SLA', name: policyId, match: { priorities: [priority as 'P1'] }, targets, calendarId: 'cn-office', pauseOn: ['waiting-on-customer'] },
      metadata: { commandId: 'c', at: '2026-11-01T00:00:00Z', actor: { userId: 'u', roles: [], departments: [] }, correlationId: 'c' },
    },
    policyRegistry.initialState(),
  );
  return { ...(event.data as PolicySnapshot), retired: false };
}

const POLICIES = [
  policy('p3', 'P3', { 'time-to-own': 60, 'first-response': 240, resolution: 1800 }),
  policy('p2', 'P2', { 'time-to-own': 30, 'first-response': 60, resolution: 900 }),
];

const message = (id: string, event: string, data: object): IntakeMessage => ({
  id,
  type: `serviceledger.intake.${event}.v1`,
  data: { demandId: DEMAND, ...data },
  time: '2026-11-30T01:00:00Z',
  extensions: { correlationid: 'corr-1' },
});

const registered = message('m-1', 'demand.registered', {
  reference: 'SR-2026-000001',
  customerId: 'c-1',
  customerTier: 'gold',
  channel: 'phone',
  kind: 'enquiry',
  subject: 'Printer',
  businessCategory: 'technical-support',
  impact: 2,
  urgency: 2,
  priority: 'P3',
  registeredAt: '2026-11-30T01:00:00.000Z',
  occurredAt: '2026-11-30T01:00:00.123Z',
});

const known: TrackedCase = {
  caseId: DEMAND,
  facts: { customerTier: 'gold', priority: 'P3', demandKind: 'enquiry', businessCategory: 'technical-support' },
  openedAt: '2026-11-30T01:00:00.000Z',
};

/** The clocks after applying the plan's start commands, as the consumer would have them. */
function started(plan: PlannedCommand[]): Partial<Record<Metric, SlaClock>> {
  const clocks: Partial<Record<Metric, SlaClock>> = {};
  for (const p of plan) {
    if (p.kind !== 'clock' || p.command.type !== 'StartClock') continue;
    const events = slaClock.decide(p.command, null);
    clocks[p.command.data.metric] = events.reduce(slaClock.evolve, null) as SlaClock;
  }
  return clocks;
}

const snapshot = (clocks: Partial<Record<Metric, SlaClock>>, trackedCase: TrackedCase | null = known) => ({
  trackedCase,
  clocks,
  policies: POLICIES,
  calendarAt: () => office,
  currentCalendar: (id: string) => (id === 'cn-office' ? office : undefined),
});

const commands = (plan: PlannedCommand[]) => plan.map((p) => p.command as ClockCommand | PlannedCommand['command']);

describe('intake events → clock commands', () => {
  const startPlan = planClockCommands(registered, snapshot({}, null));
  const clocks = started(startPlan);

  it('registration tracks the case and starts one clock per measured metric, at the registration instant', () => {
    expect(startPlan.map((p) => [p.stream, p.command.type])).toEqual([
      [`quality-monitoring.case-${DEMAND}`, 'TrackCase'],
      [`quality-monitoring.clock-${DEMAND}.time-to-own.1`, 'StartClock'],
      [`quality-monitoring.clock-${DEMAND}.first-response.1`, 'StartClock'],
      [`quality-monitoring.clock-${DEMAND}.resolution.1`, 'StartClock'],
    ]);
    expect(startPlan[0].command.data).toEqual({ caseId: DEMAND, facts: known.facts });
    const frt = startPlan[2].command;
    expect(frt).toMatchObject({
      data: {
        clockId: `${DEMAND}.first-response.1`,
        caseKind: 'demand',
        metric: 'first-response',
        target: { targetMinutes: 240, calendarId: 'cn-office', policy: { policyId: 'p3', version: 1, kind: 'SLA' } },
        calendar: { calendarId: 'cn-office', version: 1 },
      },
      metadata: {
        at: '2026-11-30T01:00:00.000Z',
        causationId: 'm-1',
        correlationId: 'corr-1',
        commandId: commandIdFrom('quality-monitoring', 'm-1', `quality-monitoring.clock-${DEMAND}.first-response.1`),
      },
    });
    // Derived from the message id: a redelivery sends the same ids; every command of the message has its own.
    expect(commands(planClockCommands(registered, snapshot({}, null))).map((c) => c.metadata.commandId)).toEqual(
      commands(startPlan).map((c) => c.metadata.commandId),
    );
    expect(new Set(commands(startPlan).map((c) => c.metadata.commandId)).size).toBe(4);
  });

  it('a redelivered registration starts nothing twice', () => {
    expect(planClockCommands(registered, snapshot(clocks)).map((p) => p.command.type)).toEqual(['TrackCase']);
  });

  it('assignment records the department and stops time to own; a reply stops first response at its sentAt', () => {
    const assigned = planClockCommands(
      message('m-2', 'demand.assigned', { departmentId: 'tech-support', ownerId: 'ts-lead', assignedBy: 'agent', occurredAt: '2026-11-30T01:10:00Z' }),
      snapshot(clocks),
    );
    expect(assigned.map((p) => [p.command.type, p.command.data])).toEqual([
      ['AssignCase', { caseId: DEMAND, departmentId: 'tech-support', ownerId: 'ts-lead' }],
      ['StopClock', { clockId: `${DEMAND}.time-to-own.1`, calendar: office }],
    ]);
    expect(assigned[1].command.metadata.at).toBe('2026-11-30T01:10:00Z');
    const replied = planClockCommands(
      message('m-3', 'demand.reply-sent', { channel: 'phone', firstResponse: true, sentAt: '2026-11-30T01:20:00Z', sentBy: 'agent', occurredAt: '2026-11-30T01:20:01Z' }),
      snapshot(clocks),
    );
    expect(replied.map((p) => [p.command.type, p.command.data, p.command.metadata.at])).toEqual([
      ['StopClock', { clockId: `${DEMAND}.first-response.1`, calendar: office }, '2026-11-30T01:20:00Z'],
    ]);
  });

  it('waiting on the customer pauses and resuming resumes the pausable clocks, at the instants intake gives', () => {
    const waiting = planClockCommands(message('m-4', 'demand.waiting-on-customer', { since: '2026-11-30T02:00:00Z', occurredAt: '2026-11-30T02:00:05Z' }), snapshot(clocks));
    expect(waiting.map((p) => [p.command.type, p.command.data, p.command.metadata.at])).toEqual([
      ['PauseClock', { clockId: `${DEMAND}.resolution.1`, waitingState: 'waiting-on-customer' }, '2026-11-30T02:00:00Z'],
    ]);
    const resumed = planClockCommands(
      message('m-5', 'demand.resumed', { waitingSince: '2026-11-30T02:00:00Z', resumedAt: '2026-11-30T07:00:00Z', trigger: 'agent', occurredAt: '2026-11-30T07:00:00Z' }),
      snapshot(clocks),
    );
    expect(resumed.map((p) => [p.command.type, p.command.data])).toEqual([
      ['ResumeClock', { clockId: `${DEMAND}.resolution.1`, waitingState: 'waiting-on-customer', calendar: office }],
    ]);
  });

  it('a priority change at triage re-targets the running clocks from their start; the same priority changes only the facts', () => {
    const triaged = (priority: string) =>
      message('m-6', 'demand.triaged', { complexity: 'routine', priority, businessCategory: 'technical-support', overridden: ['priority'], decidedBy: 'agent', occurredAt: '2026-11-30T01:05:00Z' });
    const raised = planClockCommands(triaged('P2'), snapshot(clocks));
    expect(raised.map((p) => [p.command.type, (p.command.data as { target?: { targetMinutes: number } }).target?.targetMinutes])).toEqual([
      ['ChangeCaseFacts', undefined],
      ['RetargetClock', 30],
      ['RetargetClock', 60],
      ['RetargetClock', 900],
    ]);
    expect(raised[1].command.data).toMatchObject({ reason: 'Triage changed the priority P3 → P2', calendar: office });
    expect(planClockCommands(triaged('P3'), snapshot(clocks)).map((p) => p.command.type)).toEqual(['ChangeCaseFacts']);
  });

  it('resolution stops the resolution clock; withdrawal cancels whatever still runs', () => {
    const resolved = planClockCommands(message('m-7', 'demand.resolved', { resolvedAt: '2026-11-30T08:00:00Z', occurredAt: '2026-11-30T08:00:00Z' }), snapshot(clocks));
    expect(resolved.map((p) => [p.command.type, p.command.data])).toEqual([['StopClock', { clockId: `${DEMAND}.resolution.1`, calendar: office }]]);
    const withdrawn = planClockCommands(
      message('m-8', 'demand.withdrawn', { reason: 'Customer solved it', previousStatus: 'assigned', occurredAt: '2026-11-30T03:00:00Z' }),
      snapshot(clocks),
    );
    expect(withdrawn.map((p) => [p.command.type, p.command.data])).toEqual(
      ['time-to-own', 'first-response', 'resolution'].map((metric) => [
        'CancelClock',
        { clockId: `${DEMAND}.${metric}.1`, reason: 'Demand withdrawn: Customer solved it' },
      ]),
    );
  });

  it('a complaint starts a promised-handling clock on the hours promised, 24×7, pausing on the customer', () => {
    const plan = planClockCommands(
      message('m-9', 'complaint.registered', { priority: 'P1', promisedHandlingHours: 4, dueAt: '2026-11-30T05:00:00Z', occurredAt: '2026-11-30T01:00:00.123Z' }),
      snapshot(clocks),
    );
    expect(plan.map((p) => p.command)).toEqual([
      expect.objectContaining({
        type: 'StartClock',
        data: {
          clockId: `${DEMAND}.promised-handling.1`,
          caseId: DEMAND,
          caseKind: 'complaint',
          metric: 'promised-handling',
          target: { targetMinutes: 240, warningThreshold: 0.75, escalations: [], pauseOn: ['waiting-on-customer'] },
        },
        metadata: expect.objectContaining({ at: '2026-11-30T01:00:00.000Z' }),
      }),
    ]);
  });

  it('ignores events of other services and intake events that do not touch clocks', () => {
    expect(planClockCommands({ ...registered, type: 'serviceledger.other.thing.v1' }, snapshot(clocks))).toEqual([]);
    expect(
      planClockCommands(message('m-10', 'demand.released-to-delivery', { reference: 'SR-2026-000001', customerId: 'c', departmentId: 'd', ownerId: 'o', complexity: 'routine', occurredAt: '2026-11-30T03:00:00Z' }), snapshot(clocks)),
    ).toEqual([]);
  });
});
