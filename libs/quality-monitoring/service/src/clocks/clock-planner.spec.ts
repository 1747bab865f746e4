import { commandIdFrom } from '@serviceledger/platform/core';
import { ClockCommand, Metric, SlaClock, TrackedCase, slaClock } from '@serviceledger/quality-monitoring/domain';
import {
  CASE_ACCEPTANCE_ORGANISED_V1,
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_CANCELLED_V1,
  CASE_CLOSED_V1,
  CASE_PROGRESS_REPORT_MISSED_V1,
  CASE_PROGRESS_REPORT_SENT_V1,
} from '@serviceledger/service-delivery/contracts';
import { CaseSnapshot, PlannedCommand, deliveryCaseIdOf, demandIdOfDelivery, planClockCommands } from './clock-planner';
import { DEMAND, DELIVERY_CASE as CASE, POLICIES, caseOpened as opened, delivery, deliveryStarted, message, office, policy, registered } from './testing/clock-fixtures';

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

  it('reads a registration in version 2, without the subject (R-3.1), as version 1', () => {
    const { subject: _, ...withoutSubject } = registered.data as { subject: string };
    const v2 = { ...registered, type: 'serviceledger.intake.demand.registered.v2', data: withoutSubject };
    expect(planClockCommands(v2, snapshot({}, null)).map((p) => p.command)).toEqual(startPlan.map((p) => p.command));
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

  it('resolution stops the resolution clock; withdrawal cancels whatever still runs, leaving why in intake (R-3.1)', () => {
    const resolved = planClockCommands(message('m-7', 'demand.resolved', { resolvedAt: '2026-11-30T08:00:00Z', occurredAt: '2026-11-30T08:00:00Z' }), snapshot(clocks));
    expect(resolved.map((p) => [p.command.type, p.command.data])).toEqual([['StopClock', { clockId: `${DEMAND}.resolution.1`, calendar: office }]]);
    const withdrawn = planClockCommands(
      message('m-8', 'demand.withdrawn', { reason: 'Customer solved it', previousStatus: 'assigned', occurredAt: '2026-11-30T03:00:00Z' }),
      snapshot(clocks),
    );
    expect(withdrawn.map((p) => [p.command.type, p.command.data])).toEqual(
      ['time-to-own', 'first-response', 'resolution'].map((metric) => [
        'CancelClock',
        { clockId: `${DEMAND}.${metric}.1`, reason: 'Demand withdrawn in intake' },
      ]),
    );
    // Version 2, which intake publishes now, has no reason to leave out; closure is the same.
    const v2 = (id: string, event: string, data: object) => ({ ...message(id, event, data), type: `serviceledger.intake.${event}.v2` });
    const withdrawnV2 = planClockCommands(v2('m-9', 'demand.withdrawn', { previousStatus: 'assigned', occurredAt: '2026-11-30T03:00:00Z' }), snapshot(clocks));
    expect(withdrawnV2.map((p) => p.command.data)).toEqual(withdrawn.map((p) => p.command.data));
    const closed = planClockCommands(v2('m-10', 'demand.closed', { occurredAt: '2026-11-30T03:00:00Z' }), snapshot(clocks));
    expect(closed.map((p) => p.command.data)).toContainEqual({ clockId: `${DEMAND}.time-to-own.1`, reason: 'Demand closed in intake' });
  });

  it('reads a reclassification and an assignment in version 2, without their reasons (R-3.1), as version 1', () => {
    const v2 = (event: string, data: object) => {
      const v1 = message('m-11', event, data);
      return [v1, { ...v1, type: `serviceledger.intake.${event}.v2` }].map((m) => planClockCommands(m, snapshot(clocks)).map((p) => p.command.data));
    };
    const [assignedV1, assignedV2] = v2('demand.assigned', { departmentId: 'tech-support', ownerId: 'zhang', assignedBy: 'agent-1', occurredAt: '2026-11-30T02:00:00Z' });
    expect(assignedV2).toEqual(assignedV1);
    expect(assignedV2).not.toEqual([]);
    const [reclassifiedV1, reclassifiedV2] = v2('demand.reclassified', { kind: 'complaint', previousKind: 'enquiry', reclassifiedBy: 'agent-1', reclassifiedAt: '2026-11-30T02:00:00Z', occurredAt: '2026-11-30T02:00:00Z' });
    expect(reclassifiedV2).toEqual(reclassifiedV1);
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

  it('a demand reclassified as a complaint: the complaint policies re-target its clocks, and the promise runs from the reclassification', () => {
    const complaintPolicy = policy('complaints', '*', { 'first-response': 30 }, { match: { demandKinds: ['complaint'] } });
    const reclassified = message('m-11', 'demand.reclassified', {
      kind: 'complaint',
      previousKind: 'enquiry',
      reason: '客戶來信投訴',
      reclassifiedBy: 'agent-li',
      reclassifiedAt: '2026-11-30T02:00:00Z',
      occurredAt: '2026-11-30T02:00:00Z',
    });
    const plan = planClockCommands(reclassified, { ...snapshot(clocks), policies: [...POLICIES, complaintPolicy] });
    expect(plan.map((p) => [p.command.type, (p.command.data as { target?: { targetMinutes: number } }).target?.targetMinutes])).toEqual([
      ['ChangeCaseFacts', undefined],
      ['RetargetClock', 30],
    ]);
    expect(plan[0].command.data).toEqual({ caseId: DEMAND, demandKind: 'complaint' });
    expect(plan[1].command.data).toMatchObject({ clockId: `${DEMAND}.first-response.1`, reason: 'Reclassified from enquiry to complaint' });

    // Its promise of 48 hours is due 48 hours after the reclassification, not after the registration.
    const promised = planClockCommands(
      message('m-12', 'complaint.registered', { priority: 'P3', promisedHandlingHours: 48, dueAt: '2026-12-02T02:00:00.000Z', occurredAt: '2026-11-30T02:00:00.004Z' }),
      snapshot(clocks, { ...known, facts: { ...known.facts, demandKind: 'complaint' } }),
    );
    expect(promised.map((p) => [p.command.type, p.command.metadata.at])).toEqual([['StartClock', '2026-11-30T02:00:00.000Z']]);
  });

  it('ignores events of other services and intake events that do not touch clocks', () => {
    expect(planClockCommands({ ...registered, type: 'serviceledger.other.thing.v1' }, snapshot(clocks))).toEqual([]);
    expect(
      planClockCommands(message('m-10', 'demand.released-to-delivery', { reference: 'SR-2026-000001', customerId: 'c', departmentId: 'd', ownerId: 'o', complexity: 'routine', occurredAt: '2026-11-30T03:00:00Z' }), snapshot(clocks)),
    ).toEqual([]);
  });
});

describe('recording delay: from when a demand was received to its registration (二(一)2 及時記錄：客服人員接到客戶需求后，應詳細、準確地記錄)', () => {
  const CLOCK = `quality-monitoring.clock-${DEMAND}.recording-delay.1`;
  /** A 30-minute recording target, counted 24×7: a call taken before office hours is still waiting to be recorded. */
  const withTarget = (clocks: Partial<Record<Metric, SlaClock>> = {}) => ({
    ...snapshot(clocks, null),
    policies: [...POLICIES, policy('recording', 'P3', { 'recording-delay': 30 }, { calendarId: undefined })],
  });
  const receivedAt = (instant: string | undefined) =>
    message('m-1', 'demand.registered', { ...(registered.data as object), ...(instant ? { receivedAt: instant } : {}) });
  /** The recording-delay clock's commands of the plan, decided one after the other as the consumer sends them. */
  const recordingOf = (plan: PlannedCommand[]) => {
    const sent = plan.filter((p) => p.stream === CLOCK).map((p) => p.command as ClockCommand);
    let state: SlaClock | null = null;
    const events = sent.flatMap((command) => {
      const decided = slaClock.decide(command, state);
      state = decided.reduce(slaClock.evolve, state);
      return decided;
    });
    return { sent, events, state: state as SlaClock | null };
  };

  it('starts when the call was taken and stops as the demand is registered: 40 minutes against a 30-minute target is breached', () => {
    const { sent, events } = recordingOf(planClockCommands(receivedAt('2026-11-30T00:20:00.000Z'), withTarget()));
    expect(sent.map((c) => [c.type, c.metadata.at])).toEqual([
      ['StartClock', '2026-11-30T00:20:00.000Z'],
      ['StopClock', '2026-11-30T01:00:00.000Z'],
    ]);
    expect(new Set(sent.map((c) => c.metadata.commandId)).size).toBe(2);
    expect(events.map((e) => e.type)).toEqual(['ClockStarted', 'ClockWarningReached', 'ClockBreached', 'ClockStopped']);
    expect(events[3].data).toMatchObject({ outcome: 'breached', usedMinutes: 40, diffMinutes: -10, targetMinutes: 30 });
  });

  it('is met when the demand is registered within the target, and in no time when it was received as registered', () => {
    expect(recordingOf(planClockCommands(receivedAt('2026-11-30T00:40:00.000Z'), withTarget())).state?.result).toMatchObject({ outcome: 'met', usedMinutes: 20, diffMinutes: 10 });
    expect(recordingOf(planClockCommands(receivedAt(undefined), withTarget())).state?.result).toMatchObject({ outcome: 'met', usedMinutes: 0, diffMinutes: 30 });
  });

  it('a redelivery stops a clock a plan cut short left running, and sends nothing once it has stopped', () => {
    const message = receivedAt('2026-11-30T00:20:00.000Z');
    const first = planClockCommands(message, withTarget()).filter((p) => p.stream === CLOCK);
    const running = started(first);
    const resumed = planClockCommands(message, withTarget(running)).filter((p) => p.stream === CLOCK);
    expect(resumed.map((p) => p.command)).toEqual([first[1].command]);
    const stopped = recordingOf(first).state as SlaClock;
    expect(planClockCommands(message, withTarget({ 'recording-delay': stopped })).filter((p) => p.stream === CLOCK)).toEqual([]);
  });

  it('is not measured where no policy sets a target for it', () => {
    expect(planClockCommands(receivedAt('2026-11-30T00:20:00.000Z'), snapshot({}, null)).filter((p) => p.stream === CLOCK)).toEqual([]);
  });

  it('tracks the case with the department that registered it, which answers for recording it whoever is assigned later', () => {
    const byCustomerService = message('m-1', 'demand.registered', { ...(registered.data as object), registeringDepartmentId: 'customer-service' });
    const trackOf = (m: typeof byCustomerService) => planClockCommands(m, withTarget()).find((p) => p.command.type === 'TrackCase')?.command.data;
    expect(trackOf(byCustomerService)).toMatchObject({ registeringDepartmentId: 'customer-service' });
    expect(trackOf(receivedAt(undefined))).not.toHaveProperty('registeringDepartmentId');
  });
});

describe('service-delivery case events → next-update clock commands', () => {
  const linked = (clocks: SlaClock[], trackedCase: TrackedCase | null = known): CaseSnapshot => ({
    ...snapshot({}, trackedCase),
    nextUpdateClocks: clocks,
    deliveryCase: { deliveryCaseId: CASE, demandId: DEMAND },
  });
  const apply = (clock: SlaClock | null, command: PlannedCommand['command']): SlaClock =>
    slaClock.decide(command as ClockCommand, clock).reduce(slaClock.evolve, clock) as SlaClock;
  const report = (id: string, reportNumber: number, sentAt: string) =>
    delivery(id, CASE_PROGRESS_REPORT_SENT_V1.type, {
      reportNumber,
      dueAt: '2026-12-01T02:30:00Z',
      onTime: false,
      problemCount: 0,
      sentAt,
      nextReportDueAt: '2026-12-07T02:30:00Z',
      occurredAt: sentAt,
    });

  it('tells which case a message is about, and the demand when case.opened says it', () => {
    expect(deliveryCaseIdOf(opened)).toBe(CASE);
    expect(demandIdOfDelivery(opened)).toBe(DEMAND);
    expect(deliveryCaseIdOf(deliveryStarted)).toBe(CASE);
    expect(demandIdOfDelivery(deliveryStarted)).toBeUndefined();
    expect(deliveryCaseIdOf(registered)).toBeUndefined();
    expect(deliveryCaseIdOf(delivery('d-0', 'serviceledger.service-delivery.case.milestone-completed.v1', {}))).toBeUndefined();
  });

  it('case.opened links the case to its demand, with its responsible department and an id from the message', () => {
    const plan = planClockCommands(opened, snapshot({}));
    expect(plan).toEqual([
      {
        kind: 'link',
        stream: `quality-monitoring.delivery-case-${CASE}`,
        command: {
          type: 'LinkDeliveryCase',
          data: { deliveryCaseId: CASE, demandId: DEMAND, departmentId: 'tech-support' },
          metadata: expect.objectContaining({
            at: '2026-11-30T01:30:00Z',
            causationId: 'd-1',
            correlationId: 'corr-2',
            commandId: commandIdFrom('quality-monitoring', 'd-1', `quality-monitoring.delivery-case-${CASE}`),
          }),
        },
      },
    ]);
  });

  it('delivery started starts next-update cycle 1 on the target resolved from the tracked case, at startedAt', () => {
    const plan = planClockCommands(deliveryStarted, linked([]));
    expect(plan.map((p) => [p.stream, p.command])).toEqual([
      [
        `quality-monitoring.clock-${DEMAND}.next-update.1`,
        {
          type: 'StartClock',
          data: expect.objectContaining({
            clockId: `${DEMAND}.next-update.1`,
            caseId: DEMAND,
            caseKind: 'demand',
            metric: 'next-update',
            target: expect.objectContaining({ targetMinutes: 480, calendarId: 'cn-office', policy: { policyId: 'p3', version: 1, kind: 'SLA' } }),
            calendar: office,
          }),
          metadata: expect.objectContaining({
            at: '2026-11-30T02:00:00Z',
            commandId: commandIdFrom('quality-monitoring', 'd-2', `quality-monitoring.clock-${DEMAND}.next-update.1`),
          }),
        },
      ],
    ]);
    // Redelivered once cycle 1 exists: nothing.
    const cycle1 = apply(null, plan[0].command);
    expect(cycle1.target.targetMinutes).toBe(480);
    expect(planClockCommands(deliveryStarted, linked([cycle1]))).toEqual([]);
  });

  it('starts nothing before the case is linked, without a tracked case, or when no policy measures next update', () => {
    expect(planClockCommands(deliveryStarted, snapshot({}))).toEqual([]);
    expect(planClockCommands(deliveryStarted, linked([], null))).toEqual([]);
    const p2: TrackedCase = { ...known, facts: { ...known.facts, priority: 'P2' } };
    expect(planClockCommands(deliveryStarted, linked([], p2))).toEqual([]);
  });

  it('report N stops cycle N (used and diff counted) and starts cycle N + 1 at sentAt', () => {
    const cycle1 = apply(null, planClockCommands(deliveryStarted, linked([]))[0].command);
    // Tuesday 11:00 in Shanghai: Monday 10:00–12:00 (120) + 13:30–18:00 (270) + Tuesday 09:00–11:00 (120) = 510.
    const sentAt = '2026-12-01T03:00:00Z';
    const plan = planClockCommands(report('d-3', 1, sentAt), linked([cycle1]));
    expect(plan.map((p) => [p.stream, p.command.type, p.command.metadata.at])).toEqual([
      [`quality-monitoring.clock-${DEMAND}.next-update.1`, 'StopClock', sentAt],
      [`quality-monitoring.clock-${DEMAND}.next-update.2`, 'StartClock', sentAt],
    ]);
    expect(plan[0].command.data).toEqual({ clockId: `${DEMAND}.next-update.1`, calendar: office });
    expect(plan[1].command.data).toMatchObject({ clockId: `${DEMAND}.next-update.2`, metric: 'next-update', target: { targetMinutes: 480 } });
    expect(new Set(plan.map((p) => p.command.metadata.commandId)).size).toBe(2);
    const stopped = apply(cycle1, plan[0].command);
    expect(stopped.result).toMatchObject({ usedMinutes: 510, diffMinutes: -30, outcome: 'breached' });

    // Replayed after the stop went through but the start did not: the same start, nothing stopped twice.
    const replay = planClockCommands(report('d-3', 1, sentAt), linked([stopped]));
    expect(replay.map((p) => p.command)).toEqual([plan[1].command]);

    // Report 2 answers cycle 2 and opens cycle 3.
    const cycle2 = apply(null, plan[1].command);
    const second = planClockCommands(report('d-4', 2, '2026-12-01T04:00:00Z'), linked([stopped, cycle2]));
    expect(second.map((p) => [p.command.type, (p.command.data as { clockId: string }).clockId])).toEqual([
      ['StopClock', `${DEMAND}.next-update.2`],
      ['StartClock', `${DEMAND}.next-update.3`],
    ]);
    expect(apply(cycle2, second[0].command).result).toMatchObject({ usedMinutes: 60, diffMinutes: 420, outcome: 'met' });
  });

  it('a priority change at triage re-targets the running next-update cycle from its start, and leaves a stopped one alone', () => {
    const withP2 = [POLICIES[0], policy('p2', 'P2', { 'first-response': 60, 'next-update': 120 })];
    const cycle1 = apply(null, planClockCommands(deliveryStarted, linked([]))[0].command);
    const stopped = apply(cycle1, planClockCommands(report('d-3', 1, '2026-12-01T03:00:00Z'), linked([cycle1]))[0].command);
    const cycle2 = apply(null, planClockCommands(report('d-3', 1, '2026-12-01T03:00:00Z'), linked([cycle1]))[1].command);
    const triaged = message('m-20', 'demand.triaged', {
      complexity: 'routine',
      priority: 'P2',
      businessCategory: 'technical-support',
      overridden: ['priority'],
      decidedBy: 'agent',
      occurredAt: '2026-12-01T03:30:00Z',
    });
    const plan = planClockCommands(triaged, { ...snapshot({}), policies: withP2, nextUpdateClocks: [stopped, cycle2] });
    expect(plan.map((p) => [p.stream, p.command.type])).toEqual([
      [`quality-monitoring.case-${DEMAND}`, 'ChangeCaseFacts'],
      [`quality-monitoring.clock-${DEMAND}.next-update.2`, 'RetargetClock'],
    ]);
    // Cycle 2 started at 11:00 Tuesday; at 11:30 it has used 30 of its new 120 minutes.
    const retargeted = apply(cycle2, plan[1].command);
    expect(retargeted.target).toMatchObject({ targetMinutes: 120, policy: { policyId: 'p2', version: 1, kind: 'SLA' } });
    expect(retargeted.startedAt).toBe(cycle2.startedAt);
  });

  it('a missed report changes no clock; closing or cancelling the case cancels the running cycle', () => {
    const cycle1 = apply(null, planClockCommands(deliveryStarted, linked([]))[0].command);
    const cycle2 = apply(null, planClockCommands(report('d-3', 1, '2026-12-01T03:00:00Z'), linked([cycle1]))[1].command);
    const stopped = apply(cycle1, planClockCommands(report('d-3', 1, '2026-12-01T03:00:00Z'), linked([cycle1]))[0].command);
    const missed = delivery('d-5', CASE_PROGRESS_REPORT_MISSED_V1.type, {
      dueAt: '2026-12-07T02:30:00Z',
      nextReportDueAt: '2026-12-14T02:30:00Z',
      occurredAt: '2026-12-07T02:30:00Z',
    });
    expect(planClockCommands(missed, linked([stopped, cycle2]))).toEqual([]);
    const closed = planClockCommands(
      delivery('d-6', CASE_CLOSED_V1.type, { closedAt: '2026-12-08T02:00:00Z', occurredAt: '2026-12-08T02:00:00Z' }),
      linked([stopped, cycle2]),
    );
    expect(closed.map((p) => [p.command.type, p.command.data, p.command.metadata.at])).toEqual([
      ['CancelClock', { clockId: `${DEMAND}.next-update.2`, reason: 'Service case closed' }, '2026-12-08T02:00:00Z'],
    ]);
    const cancelled = planClockCommands(
      delivery('d-7', CASE_CANCELLED_V1.type, { previousStatus: 'in-delivery', cancelledAt: '2026-12-02T02:00:00Z', occurredAt: '2026-12-02T02:00:00Z' }),
      linked([stopped, cycle2]),
    );
    expect(cancelled.map((p) => [p.command.type, p.command.data])).toEqual([
      ['CancelClock', { clockId: `${DEMAND}.next-update.2`, reason: 'Service case cancelled' }],
    ]);
    expect(planClockCommands(delivery('d-8', CASE_CLOSED_V1.type, { closedAt: '2026-12-08T02:00:00Z', occurredAt: '2026-12-08T02:00:00Z' }), linked([stopped]))).toEqual([]);
  });

  it('acceptance put to the customer ends the running cycle; a rejection starts one; the next report answers it', () => {
    const cycle1 = apply(null, planClockCommands(deliveryStarted, linked([]))[0].command);
    const organised = delivery('d-10', CASE_ACCEPTANCE_ORGANISED_V1.type, {
      round: 1,
      planVersion: 1,
      criteriaCount: 2,
      organisedAt: '2026-11-30T06:00:00Z',
      occurredAt: '2026-11-30T06:00:00Z',
    });
    const cancel = planClockCommands(organised, linked([cycle1]));
    expect(cancel.map((p) => [p.command.type, p.command.data])).toEqual([
      ['CancelClock', { clockId: `${DEMAND}.next-update.1`, reason: 'Awaiting acceptance: the customer has the work in hand, no progress report is owed' }],
    ]);
    const cancelled = apply(cycle1, cancel[0].command);

    // Tuesday 10:00 the round is rejected: reports are owed again, on a cycle of their own.
    const rejected = delivery('d-11', CASE_ACCEPTANCE_REJECTED_V1.type, {
      round: 1,
      criteriaCount: 2,
      criteriaMet: 1,
      rectificationItemCount: 1,
      rejectedAt: '2026-12-01T02:00:00Z',
      occurredAt: '2026-12-01T02:00:00Z',
    });
    const restart = planClockCommands(rejected, linked([cancelled]));
    expect(restart.map((p) => [p.stream, p.command.type, p.command.metadata.at])).toEqual([
      [`quality-monitoring.clock-${DEMAND}.next-update.after-rejection-1`, 'StartClock', '2026-12-01T02:00:00Z'],
    ]);
    const afterRejection = apply(null, restart[0].command);
    expect(planClockCommands(rejected, linked([cancelled, afterRejection]))).toEqual([]);

    // Report 1 at 11:00 answers it (60 minutes) and opens cycle 2; redelivered, it neither stops cycle 2 nor opens it again.
    const plan = planClockCommands(report('d-12', 1, '2026-12-01T03:00:00Z'), linked([cancelled, afterRejection]));
    expect(plan.map((p) => [p.command.type, (p.command.data as { clockId: string }).clockId])).toEqual([
      ['StopClock', `${DEMAND}.next-update.after-rejection-1`],
      ['StartClock', `${DEMAND}.next-update.2`],
    ]);
    expect(apply(afterRejection, plan[0].command).result).toMatchObject({ usedMinutes: 60, outcome: 'met' });
    const cycle2 = apply(null, plan[1].command);
    expect(planClockCommands(report('d-12', 1, '2026-12-01T03:00:00Z'), linked([cancelled, apply(afterRejection, plan[0].command), cycle2]))).toEqual([]);
  });

  it('acceptance passed cancels the running cycle: after delivery no progress report is owed (P-4.3)', () => {
    const cycle1 = apply(null, planClockCommands(deliveryStarted, linked([]))[0].command);
    const passed = delivery('d-9', CASE_ACCEPTANCE_PASSED_V1.type, {
      round: 1,
      criteriaCount: 2,
      criteriaMet: 2,
      conditionCount: 0,
      acceptedAt: '2026-12-01T02:00:00Z',
      followUpVisitsDueAt: ['2026-12-08T02:00:00Z'],
      occurredAt: '2026-12-01T02:00:00Z',
    });
    expect(deliveryCaseIdOf(passed)).toBe(CASE);
    const plan = planClockCommands(passed, linked([cycle1]));
    expect(plan.map((p) => [p.command.type, p.command.data, p.command.metadata.at])).toEqual([
      ['CancelClock', { clockId: `${DEMAND}.next-update.1`, reason: 'Acceptance passed: no progress report is owed after delivery' }, '2026-12-01T02:00:00Z'],
    ]);
    expect(apply(cycle1, plan[0].command).status).toBe('cancelled');
  });
});
