import { Actor, CommandMetadata, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import {
  COMPLAINT_REGISTERED_V1,
  COMPLAINT_RESOLVED_V1,
  DEMAND_ASSIGNED_V1,
  DEMAND_ASSIGNED_V2,
  DEMAND_CLOSED_V1,
  DEMAND_CLOSED_V2,
  DEMAND_RECLASSIFIED_V1,
  DEMAND_RECLASSIFIED_V2,
  DEMAND_REGISTERED_V1,
  DEMAND_REGISTERED_V2,
  DEMAND_REPLY_SENT_V1,
  DEMAND_RESOLVED_V1,
  DEMAND_RESUMED_V1,
  DEMAND_TRIAGED_V1,
  DEMAND_WAITING_ON_CUSTOMER_V1,
  DEMAND_WAITING_ON_THIRD_PARTY_V1,
  DEMAND_WITHDRAWN_V1,
  DEMAND_WITHDRAWN_V2,
  IntakeContractEvent,
  findIntakeContract,
} from '@serviceledger/intake/contracts';
import {
  CASE_ACCEPTANCE_ORGANISED_V1,
  CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1,
  CASE_AFTER_SALES_PROBLEM_OPENED_V1,
  CASE_AFTER_SALES_PROBLEM_REOPENED_V1,
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1,
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_CANCELLED_V1,
  CASE_CLOSED_V1,
  CASE_DELIVERY_STARTED_V1,
  CASE_OPENED_V1,
  CASE_PROGRESS_REPORT_SENT_V1,
  ServiceDeliveryContractEvent,
} from '@serviceledger/service-delivery/contracts';
import {
  BusinessCalendar,
  CalendarRef,
  CaseKind,
  ClockCommand,
  ClockSignal,
  ClockTarget,
  DEFAULT_WARNING_THRESHOLD,
  Metric,
  Policy,
  PolicyFacts,
  ResolvedTarget,
  SlaClock,
  TrackedCase,
  TrackedCaseCommand,
  PAUSABLE_METRICS,
  WAITING_ON_CUSTOMER,
  WAITING_ON_THIRD_PARTY,
  canonicalJson,
  clockIdFor,
  clockStream,
  deliveryCaseStream,
  DeliveryCaseLinkCommand,
  resolveTargets,
  trackedCaseStream,
} from '@serviceledger/quality-monitoring/domain';

/**
 * Turns one of intake's contract events into the commands it means for a case's clocks
 * (sla-and-metrics.md, "Clocks"), pure, so the consumer only reads state and sends:
 *
 *   demand.registered           track the case (with the department that registered it); resolve the
 *                               targets; StartClock per metric measured (time to own, first response,
 *                               resolution); and recording delay (二(一)2 及時記錄): StartClock when the
 *                               demand was received (`receivedAt`; absent: when it was registered),
 *                               StopClock as it was registered
 *   complaint.registered        StartClock promised handling, from the complaint's registration (a demand
 *                               reclassified as a complaint is promised from then): the hours promised to
 *                               the customer, 24×7 as intake counts them, pausing as the policy says
 *                               (default: on the customer)
 *   demand.triaged              new priority or category: RetargetClock each running clock whose resolved
 *                               target changed (from its original start, pauses kept), the running
 *                               next-update cycle included
 *   demand.reclassified         new kind: the same, so the policies for the new kind apply
 *   demand.assigned             record the department; StopClock time to own
 *   demand.reply-sent           StopClock first response (a stopped clock ignores later replies)
 *   demand.waiting-on-customer  PauseClock on waiting-on-customer (only the pausable clocks whose policy
 *                               names the state pause)
 *   demand.waiting-on-third-party  PauseClock on waiting-on-third-party, likewise
 *   demand.resumed              ResumeClock the state whose wait ended (`waitedOn`; absent: the customer)
 *   demand.resolved             StopClock resolution
 *   complaint.resolved          StopClock promised handling
 *   demand.withdrawn / closed   CancelClock whatever still runs, saying which (the reason stays in intake)
 *
 * Intake retired the versions of demand.reclassified, demand.assigned, demand.withdrawn and demand.closed
 * that carried staff text: the next version of each reads as the one before, whose messages still
 * arrive from before, and from recorded signals replayed.
 *
 * and one of service-delivery's case events into the commands for the demand's next-update clocks (one
 * clock per cycle, `clockIdFor(demandId, 'next-update', cycle)`):
 *
 *   case.opened                 LinkDeliveryCase: the case id to the demand it delivers, with its responsible
 *                               department (later case events
 *                               carry only the case id)
 *   case.delivery-started       StartClock next-update cycle 1, target resolved from the tracked case's facts
 *   case.progress-report-sent   report N: StopClock the running cycle (met or breached), StartClock cycle N + 1
 *   case.acceptance-organised   CancelClock the running cycle: the customer has the work, no report is owed
 *   case.acceptance-rejected    round R: StartClock cycle `after-rejection-R`: reports are owed again
 *   case.acceptance-passed      CancelClock the running cycle: after delivery no report is owed
 *   case.closed / cancelled     CancelClock the running cycle
 *
 * A started cycle's id comes from the fact that starts it (the report's number, the rejected round), and
 * a fact ends only the cycles that started before it, so a plan replayed after a partial failure, or a
 * redelivered message, addresses the same streams with the same command ids and never ends the cycle it
 * started itself. A missed report (case.progress-report-missed) changes no clock: the running cycle's
 * breach is raised by the scheduler.
 *
 * Each command's id derives from the message id and the stream it goes to, so a redelivered message
 * appends nothing; `metadata.at` is the instant of the fact (the reply's `sentAt`, the wait's `since`,
 * …), so the clocks count business time as it happened, however late the message arrives.
 */

/** The clock metrics a demand's registration starts, when a policy measures them. */
export const DEMAND_METRICS: readonly Metric[] = ['time-to-own', 'first-response', 'resolution'];
/** The clocks of a case that intake's facts drive. */
export const CASE_METRICS: readonly Metric[] = [...DEMAND_METRICS, 'promised-handling', 'recording-delay'];

export const CLOCK_ACTOR: Actor = { userId: 'system:quality-monitoring', roles: [], departments: [] };

export interface CaseSnapshot {
  trackedCase: TrackedCase | null;
  /** The case's clocks that exist, by metric (cycle 1). */
  clocks: Partial<Record<Metric, SlaClock>>;
  /** The demand's next-update clocks that exist, by cycle (index 0 is cycle 1); left out: none. */
  nextUpdateClocks?: SlaClock[];
  /** The demand's third-party-wait clocks, one per wait on a partner measured (index 0 is cycle 1); left out: none. */
  thirdPartyWaitClocks?: SlaClock[];
  /** For an after-sales problem's event: the problem, tracked as a case of its own, and its clocks. */
  problem?: { problemId: string; trackedCase: TrackedCase | null; clocks: SlaClock[] };
  /** For a service-delivery case event: the demand the case delivers, once case.opened has linked it. */
  deliveryCase?: { deliveryCaseId: string; demandId: string };
  /** Active policies. */
  policies: Policy[];
  /** A calendar at the version a clock runs under. */
  calendarAt(ref: CalendarRef): BusinessCalendar;
  /** A calendar as it is now, for a new target; undefined when it is not defined. */
  currentCalendar(calendarId: string): BusinessCalendar | undefined;
}

export type PlannedCommand =
  | { kind: 'case'; stream: string; command: TrackedCaseCommand }
  | { kind: 'clock'; stream: string; command: ClockCommand }
  | { kind: 'link'; stream: string; command: DeliveryCaseLinkCommand };

/** The case (demand) a message of intake's is about, or undefined for a message this service ignores. */
export function caseIdOf(message: ClockSignal): string | undefined {
  if (!findIntakeContract(message.type)) return undefined;
  return (message.data as { demandId?: string }).demandId;
}

/** The service-delivery case a message of service-delivery's that drives clocks is about, else undefined. */
export function deliveryCaseIdOf(message: ClockSignal): string | undefined {
  return DELIVERY_CLOCK_EVENTS.includes(message.type) ? (message.data as { caseId?: string }).caseId : undefined;
}

/** The demand a service-delivery case event is about when the event says so itself (case.opened). */
export function demandIdOfDelivery(message: ClockSignal): string | undefined {
  return message.type === CASE_OPENED_V1.type ? (message.data as { demandId?: string }).demandId : undefined;
}

/** Service delivery's after-sales problem events: the problems' own clocks (after-sales-planner.ts). */
const PROBLEM_CLOCK_EVENTS: readonly string[] = [
  CASE_AFTER_SALES_PROBLEM_OPENED_V1.type,
  CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1.type,
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1.type,
  CASE_AFTER_SALES_PROBLEM_REOPENED_V1.type,
];

/** The service-delivery events that drive clocks. */
const DELIVERY_CLOCK_EVENTS: readonly string[] = [
  CASE_OPENED_V1.type,
  CASE_ACCEPTANCE_ORGANISED_V1.type,
  CASE_ACCEPTANCE_REJECTED_V1.type,
  CASE_ACCEPTANCE_PASSED_V1.type,
  CASE_DELIVERY_STARTED_V1.type,
  CASE_PROGRESS_REPORT_SENT_V1.type,
  CASE_CLOSED_V1.type,
  CASE_CANCELLED_V1.type,
  ...PROBLEM_CLOCK_EVENTS,
];

/** The after-sales problem a service-delivery event that drives its clocks is about, else undefined. */
export function problemIdOf(message: ClockSignal): string | undefined {
  return PROBLEM_CLOCK_EVENTS.includes(message.type) ? (message.data as { problemId?: string }).problemId : undefined;
}

export function planClockCommands(message: ClockSignal, snapshot: CaseSnapshot): PlannedCommand[] {
  if (DELIVERY_CLOCK_EVENTS.includes(message.type)) return planNextUpdateCommands(message, snapshot);
  if (!findIntakeContract(message.type)) return [];
  const event = { type: message.type, data: message.data } as IntakeContractEvent;
  const caseId = (event.data as { demandId: string }).demandId;
  const { clockCommand, caseCommand } = commandBuilders(message, caseId);
  /** The clocks of `metrics` that exist and still run (or stand paused). */
  const live = (metrics: readonly Metric[]) =>
    metrics.filter((m) => {
      const clock = snapshot.clocks[m];
      return clock && isLive(clock);
    });
  const calendarOf = (metric: Metric) => calendarFor(snapshot, snapshot.clocks[metric]);
  /** New policy facts: recorded, and each running clock whose resolved target changed re-targeted from its start. */
  /** 二(一)2: the delay from receipt to registration, measured as the demand is registered; a plan cut short between start and stop resumes. */
  const recordingDelay = (target: ResolvedTarget, caseKind: CaseKind, receivedAt: string, registeredAt: string): PlannedCommand[] => {
    const metric: Metric = 'recording-delay';
    const clock = snapshot.clocks[metric];
    if (clock && !isLive(clock)) return [];
    const start = clock ? [] : [clockCommand(metric, receivedAt, startOn(snapshot, caseId, caseKind, target))];
    const calendar = clock ? calendarOf(metric) : withCalendar(snapshot, target);
    return [...start, clockCommand(metric, registeredAt, (clockId) => ({ type: 'StopClock', data: { clockId, ...calendar } }), 1, 'stop')];
  };
  const factsChanged = (changes: Pick<PolicyFacts, 'priority' | 'businessCategory' | 'demandKind'>, at: string): PlannedCommand[] => {
    const known = snapshot.trackedCase;
    if (!known) return [];
    const facts: PolicyFacts = { ...known.facts, ...changes };
    const change = caseCommand(at, { type: 'ChangeCaseFacts', data: { caseId, ...changes } });
    if (canonicalJson(facts) === canonicalJson(known.facts)) return [change];
    const targets = resolveTargets(snapshot.policies, facts);
    const reason = reasonFor(known.facts, facts);
    const retarget = (metric: Metric, clock: SlaClock, cycle: NextUpdateCycle = 1): PlannedCommand[] => {
      const target = targets[metric];
      if (!target || sameTarget(clock.target, clockTarget(target))) return [];
      return [
        clockCommand(
          metric,
          at,
          (clockId) => ({ type: 'RetargetClock', data: { clockId, target: clockTarget(target), reason, ...withCalendar(snapshot, target) } }),
          cycle,
        ),
      ];
    };
    const retargets = live(DEMAND_METRICS).flatMap((metric) => retarget(metric, snapshot.clocks[metric] as SlaClock));
    // The running next-update cycle answers to the new facts too.
    const cycles = (snapshot.nextUpdateClocks ?? []).flatMap((clock) => (isLive(clock) ? retarget('next-update', clock, nextUpdateCycleOf(clock)) : []));
    return [change, ...retargets, ...cycles];
  };

  switch (event.type) {
    // Version 2 is version 1 without the subject, which the clocks never read; version 1 still arrives from
    // messages published before intake retired it, and from recorded signals replayed.
    case DEMAND_REGISTERED_V1.type:
    case DEMAND_REGISTERED_V2.type: {
      const d = event.data;
      const at = d.registeredAt;
      const facts: PolicyFacts = {
        customerTier: d.customerTier,
        priority: d.priority,
        demandKind: d.kind,
        ...(d.businessCategory ? { businessCategory: d.businessCategory } : {}),
      };
      const targets = resolveTargets(snapshot.policies, facts);
      const starts = DEMAND_METRICS.filter((m) => targets[m] && !snapshot.clocks[m]).map((metric) =>
        clockCommand(metric, at, startOn(snapshot, caseId, caseKindOf(d.kind), targets[metric] as ResolvedTarget)),
      );
      const recording = targets['recording-delay'];
      const recorded = recording ? recordingDelay(recording, caseKindOf(d.kind), d.receivedAt ?? at, at) : [];
      const registeredBy = d.registeringDepartmentId ? { registeringDepartmentId: d.registeringDepartmentId } : {};
      return [caseCommand(at, { type: 'TrackCase', data: { caseId, facts, ...registeredBy } }), ...starts, ...recorded];
    }
    case COMPLAINT_REGISTERED_V1.type: {
      if (snapshot.clocks['promised-handling']) return [];
      const d = event.data;
      const policyTarget = snapshot.trackedCase
        ? resolveTargets(snapshot.policies, snapshot.trackedCase.facts)['promised-handling']
        : undefined;
      // The promise to the customer is the target, counted as intake counts it (24×7 hours).
      const target: ClockTarget = {
        targetMinutes: Math.max(1, Math.round(d.promisedHandlingHours * 60)),
        warningThreshold: policyTarget?.warningThreshold ?? DEFAULT_WARNING_THRESHOLD,
        escalations: policyTarget?.escalations ?? [],
        // Intake's due time pauses only while waiting on the customer (a slow vendor is our delay, not theirs).
        pauseOn: (policyTarget?.pauseOn ?? [WAITING_ON_CUSTOMER]).filter((state) => state === WAITING_ON_CUSTOMER),
      };
      // From when the promise was given (with the demand's registration, or later when a demand is
      // reclassified as a complaint), so that the clock's deadline is intake's dueAt.
      const at = new Date(Date.parse(d.dueAt) - d.promisedHandlingHours * 3_600_000).toISOString();
      return [
        clockCommand('promised-handling', at, (clockId) => ({
          type: 'StartClock',
          data: { clockId, caseId, caseKind: 'complaint', metric: 'promised-handling', target },
        })),
      ];
    }
    case DEMAND_TRIAGED_V1.type:
      return factsChanged({ priority: event.data.priority, businessCategory: event.data.businessCategory }, event.data.occurredAt);
    case DEMAND_RECLASSIFIED_V1.type:
    case DEMAND_RECLASSIFIED_V2.type:
      return factsChanged({ demandKind: event.data.kind }, event.data.occurredAt);
    case DEMAND_ASSIGNED_V1.type:
    case DEMAND_ASSIGNED_V2.type: {
      const d = event.data;
      const at = d.occurredAt;
      const assign = caseCommand(at, { type: 'AssignCase', data: { caseId, departmentId: d.departmentId, ownerId: d.ownerId } });
      const stops = live(['time-to-own']).map((metric) =>
        clockCommand(metric, at, (clockId) => ({ type: 'StopClock', data: { clockId, ...calendarOf(metric) } })),
      );
      return snapshot.trackedCase ? [assign, ...stops] : stops;
    }
    case DEMAND_REPLY_SENT_V1.type: {
      const at = event.data.sentAt;
      return live(['first-response']).map((metric) =>
        clockCommand(metric, at, (clockId) => ({ type: 'StopClock', data: { clockId, ...calendarOf(metric) } })),
      );
    }
    case DEMAND_WAITING_ON_CUSTOMER_V1.type:
    case DEMAND_WAITING_ON_THIRD_PARTY_V1.type: {
      const waitingState = event.type === DEMAND_WAITING_ON_CUSTOMER_V1.type ? WAITING_ON_CUSTOMER : WAITING_ON_THIRD_PARTY;
      return live(PAUSABLE_METRICS).map((metric) =>
        clockCommand(metric, event.data.since, (clockId) => ({ type: 'PauseClock', data: { clockId, waitingState } })),
      );
    }
    case DEMAND_RESUMED_V1.type: {
      // Which wait ended; a resumption published before intake said so ended a wait on the customer.
      const waitingState = event.data.waitedOn === 'third-party' ? WAITING_ON_THIRD_PARTY : WAITING_ON_CUSTOMER;
      return live(PAUSABLE_METRICS).map((metric) =>
        clockCommand(metric, event.data.resumedAt, (clockId) => ({
          type: 'ResumeClock',
          data: { clockId, waitingState, ...calendarOf(metric) },
        })),
      );
    }
    case DEMAND_RESOLVED_V1.type: {
      const at = event.data.resolvedAt;
      return live(['resolution']).map((metric) =>
        clockCommand(metric, at, (clockId) => ({ type: 'StopClock', data: { clockId, ...calendarOf(metric) } })),
      );
    }
    case COMPLAINT_RESOLVED_V1.type: {
      const at = event.data.resolvedAt;
      return live(['promised-handling']).map((metric) =>
        clockCommand(metric, at, (clockId) => ({ type: 'StopClock', data: { clockId, ...calendarOf(metric) } })),
      );
    }
    case DEMAND_WITHDRAWN_V1.type:
    case DEMAND_WITHDRAWN_V2.type:
    case DEMAND_CLOSED_V1.type:
    case DEMAND_CLOSED_V2.type: {
      const at = event.data.occurredAt;
      const reason = demandEndedReason(event.type);
      return live(CASE_METRICS).map((metric) =>
        clockCommand(metric, at, (clockId) => ({ type: 'CancelClock', data: { clockId, reason } })),
      );
    }
    default:
      return [];
  }
}

/**
 * Why a demand's clocks were cancelled: withdrawn or closed. Not intake's reason, which is staff text on
 * the customer's demand, erased with the customer: a copy here would outlive the erasure.
 */
export function demandEndedReason(type: string): string {
  return type === DEMAND_WITHDRAWN_V1.type || type === DEMAND_WITHDRAWN_V2.type ? 'Demand withdrawn in intake' : 'Demand closed in intake';
}

/**
 * A command a message causes: its id from the message id and the stream (and the step, for a second command
 * the message sends to the same stream), `at` the fact's instant.
 */
export function metadataFor(message: ClockSignal, stream: string, at: string, step?: string): CommandMetadata {
  const commandId = commandIdFrom('quality-monitoring', message.id, stream, ...(step === undefined ? [] : [step]));
  return causedBy(message, { commandId, at, actor: CLOCK_ACTOR });
}

/** The commands of one message, for one case. */
export function commandBuilders(message: ClockSignal, caseId: string) {
  const meta = (stream: string, at: string, step?: string): CommandMetadata => metadataFor(message, stream, at, step);
  const clockCommand = (
    metric: Metric,
    at: string,
    build: (clockId: string) => Omit<ClockCommand, 'metadata'>,
    cycle: NextUpdateCycle = 1,
    step?: string,
  ): PlannedCommand => {
    const clockId = clockIdFor(caseId, metric, cycle);
    const stream = clockStream(clockId);
    return { kind: 'clock', stream, command: { ...build(clockId), metadata: meta(stream, at, step) } as ClockCommand };
  };
  const caseCommand = (at: string, command: Omit<TrackedCaseCommand, 'metadata'>): PlannedCommand => {
    const stream = trackedCaseStream(caseId);
    return { kind: 'case', stream, command: { ...command, metadata: meta(stream, at) } as TrackedCaseCommand };
  };
  const linkCommand = (deliveryCaseId: string, at: string, departmentId?: string): PlannedCommand => {
    const stream = deliveryCaseStream(deliveryCaseId);
    return {
      kind: 'link',
      stream,
      command: { type: 'LinkDeliveryCase', data: { deliveryCaseId, demandId: caseId, ...(departmentId ? { departmentId } : {}) }, metadata: meta(stream, at) },
    };
  };
  return { clockCommand, caseCommand, linkCommand };
}

export const isLive = (clock: SlaClock): boolean => clock.status === 'running' || clock.status === 'paused';

/** The calendar, at the version the clock runs under, that its resume and stop carry. */
export function calendarFor(snapshot: CaseSnapshot, clock: SlaClock | undefined): { calendar?: BusinessCalendar } {
  const ref = clock?.calendar;
  return ref ? { calendar: snapshot.calendarAt(ref) } : {};
}

/** Service-delivery's case events for the demand's next-update clocks (see the table above). */
function planNextUpdateCommands(message: ClockSignal, snapshot: CaseSnapshot): PlannedCommand[] {
  const event = { type: message.type, data: message.data } as ServiceDeliveryContractEvent;
  if (event.type === CASE_OPENED_V1.type) {
    const { caseId: deliveryCaseId, demandId, responsibleDepartmentId, occurredAt } = event.data;
    return [commandBuilders(message, demandId).linkCommand(deliveryCaseId, occurredAt, responsibleDepartmentId)];
  }
  const demandId = snapshot.deliveryCase?.demandId;
  if (!demandId) return [];
  const { clockCommand } = commandBuilders(message, demandId);
  const cycles = snapshot.nextUpdateClocks ?? [];
  const metric: Metric = 'next-update';
  const startCycle = (cycle: NextUpdateCycle, at: string): PlannedCommand[] => {
    if (cycles.some((c) => c.clockId === clockIdFor(demandId, metric, cycle)) || !snapshot.trackedCase) return [];
    const target = resolveTargets(snapshot.policies, snapshot.trackedCase.facts)[metric];
    if (!target) return [];
    return [clockCommand(metric, at, startOn(snapshot, demandId, caseKindOf(snapshot.trackedCase.facts.demandKind), target), cycle)];
  };
  // The cycles that ran before the fact: a redelivered report must not stop the cycle it started itself.
  const runningBefore = (at: string) => cycles.filter((clock) => isLive(clock) && clock.startedAt < at);
  const endRunning = (at: string, end: (clock: SlaClock) => Omit<ClockCommand, 'metadata'>) =>
    runningBefore(at).map((clock) => clockCommand(metric, at, () => end(clock), nextUpdateCycleOf(clock)));
  switch (event.type) {
    case CASE_DELIVERY_STARTED_V1.type:
      return startCycle(1, event.data.startedAt);
    case CASE_PROGRESS_REPORT_SENT_V1.type: {
      const { reportNumber, sentAt } = event.data;
      const stops = endRunning(sentAt, (clock) => ({ type: 'StopClock', data: { clockId: clock.clockId, ...calendarFor(snapshot, clock) } }));
      return [...stops, ...startCycle(reportNumber + 1, sentAt)];
    }
    case CASE_ACCEPTANCE_REJECTED_V1.type:
      // Reports are owed again while the team rectifies (P-5.2, P-4.3).
      return startCycle(`after-rejection-${event.data.round}`, event.data.rejectedAt);
    case CASE_ACCEPTANCE_ORGANISED_V1.type:
    case CASE_ACCEPTANCE_PASSED_V1.type:
    case CASE_CLOSED_V1.type:
    case CASE_CANCELLED_V1.type: {
      const [at, reason] = endOfReporting(event);
      return endRunning(at, (clock) => ({ type: 'CancelClock', data: { clockId: clock.clockId, reason } }));
    }
    default:
      return [];
  }
}

/**
 * A next-update cycle: numbered by the progress report that answers it (cycle 1 from delivery start, cycle
 * N + 1 from report N), or named by the rejected acceptance round it starts after.
 */
export type NextUpdateCycle = number | `after-rejection-${number}`;

/** The cycle a next-update clock runs for, from its id. */
export function nextUpdateCycleOf(clock: SlaClock): NextUpdateCycle {
  const cycle = clock.clockId.slice(`${clock.caseId}.next-update.`.length);
  return /^\d+$/.test(cycle) ? Number(cycle) : (cycle as NextUpdateCycle);
}

/** When, and why, no further progress report is owed. */
function endOfReporting(
  event: Extract<ServiceDeliveryContractEvent, { type: typeof CASE_ACCEPTANCE_ORGANISED_V1.type | typeof CASE_ACCEPTANCE_PASSED_V1.type | typeof CASE_CLOSED_V1.type | typeof CASE_CANCELLED_V1.type }>,
): [string, string] {
  switch (event.type) {
    case CASE_ACCEPTANCE_ORGANISED_V1.type:
      return [event.data.organisedAt, 'Awaiting acceptance: the customer has the work in hand, no progress report is owed'];
    case CASE_ACCEPTANCE_PASSED_V1.type:
      return [event.data.acceptedAt, 'Acceptance passed: no progress report is owed after delivery'];
    case CASE_CLOSED_V1.type:
      return [event.data.closedAt, 'Service case closed'];
    case CASE_CANCELLED_V1.type:
      return [event.data.cancelledAt, 'Service case cancelled'];
  }
}

/** The case kind a clock runs for, from the demand's kind. */
function caseKindOf(demandKind: string | undefined): CaseKind {
  return demandKind === 'complaint' ? 'complaint' : demandKind === 'after-sales' ? 'after-sales' : 'demand';
}

/** Builds the StartClock of a case's clock on a resolved target, counted on the target's calendar as it is now. */
export function startOn(snapshot: CaseSnapshot, caseId: string, caseKind: CaseKind, target: ResolvedTarget) {
  return (clockId: string): Omit<ClockCommand, 'metadata'> => ({
    type: 'StartClock',
    data: { clockId, caseId, caseKind, metric: target.metric, target: clockTarget(target), ...withCalendar(snapshot, target) },
  });
}

/** The clock's target from a resolved one: what StartClock and RetargetClock carry. */
function clockTarget(resolved: ResolvedTarget): ClockTarget {
  return {
    targetMinutes: resolved.targetMinutes,
    warningThreshold: resolved.warningThreshold,
    escalations: resolved.escalations,
    pauseOn: resolved.pauseOn,
    ...(resolved.calendarId ? { calendarId: resolved.calendarId } : {}),
    policy: resolved.policy,
  };
}

function withCalendar(snapshot: CaseSnapshot, target: ResolvedTarget): { calendar?: BusinessCalendar } {
  if (!target.calendarId) return {};
  const calendar = snapshot.currentCalendar(target.calendarId);
  if (!calendar) throw new Error(`Policy ${target.policy.policyId} counts on calendar ${target.calendarId}, which is not defined`);
  return { calendar };
}

function sameTarget(a: ClockTarget, b: ClockTarget): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function reasonFor(before: PolicyFacts, after: PolicyFacts): string {
  if (before.demandKind !== after.demandKind) return `Reclassified from ${before.demandKind ?? '—'} to ${after.demandKind}`;
  const changes: string[] = [];
  if (before.priority !== after.priority) changes.push(`priority ${before.priority ?? '—'} → ${after.priority}`);
  if (before.businessCategory !== after.businessCategory) {
    changes.push(`business category ${before.businessCategory ?? '—'} → ${after.businessCategory}`);
  }
  return `Triage changed the ${changes.join(' and ')}`;
}
