import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import {
  COMPLAINT_REGISTERED_V1,
  COMPLAINT_RESOLVED_V1,
  DEMAND_ASSIGNED_V1,
  DEMAND_CLOSED_V1,
  DEMAND_REGISTERED_V1,
  DEMAND_REPLY_SENT_V1,
  DEMAND_RESOLVED_V1,
  DEMAND_RESUMED_V1,
  DEMAND_TRIAGED_V1,
  DEMAND_WAITING_ON_CUSTOMER_V1,
  DEMAND_WITHDRAWN_V1,
  IntakeContractEvent,
  findIntakeContract,
} from '@serviceledger/intake/contracts';
import {
  BusinessCalendar,
  CalendarRef,
  CaseKind,
  ClockCommand,
  ClockTarget,
  DEFAULT_WARNING_THRESHOLD,
  Metric,
  Policy,
  PolicyFacts,
  ResolvedTarget,
  SlaClock,
  TrackedCase,
  TrackedCaseCommand,
  WAITING_ON_CUSTOMER,
  canonicalJson,
  clockIdFor,
  clockStream,
  resolveTargets,
  trackedCaseStream,
} from '@serviceledger/quality-monitoring/domain';

/**
 * Turns one of intake's contract events into the commands it means for a case's clocks
 * (sla-and-metrics.md, "Clocks"), pure, so the consumer only reads state and sends:
 *
 *   demand.registered           track the case; resolve the targets; StartClock per metric measured
 *                               (time to own, first response, resolution)
 *   complaint.registered        StartClock promised handling: the hours promised to the customer, 24×7
 *                               as intake counts them, pausing as the policy says (default: on the customer)
 *   demand.triaged              new priority or category: RetargetClock each running clock whose resolved
 *                               target changed (from its original start, pauses kept)
 *   demand.assigned             record the department; StopClock time to own
 *   demand.reply-sent           StopClock first response (a stopped clock ignores later replies)
 *   demand.waiting-on-customer  PauseClock (only the pausable clocks whose policy names the state pause)
 *   demand.resumed              ResumeClock
 *   demand.resolved             StopClock resolution
 *   complaint.resolved          StopClock promised handling
 *   demand.withdrawn / closed   CancelClock whatever still runs
 *
 * Each command's id derives from the message id and the stream it goes to, so a redelivered message
 * appends nothing; `metadata.at` is the instant of the fact (the reply's `sentAt`, the wait's `since`,
 * …), so the clocks count business time as it happened, however late the message arrives.
 */

/** The clock metrics a demand's registration starts, when a policy measures them. */
export const DEMAND_METRICS: readonly Metric[] = ['time-to-own', 'first-response', 'resolution'];
/** The clocks of a case that intake's facts drive. */
export const CASE_METRICS: readonly Metric[] = [...DEMAND_METRICS, 'promised-handling'];

export const CLOCK_ACTOR: Actor = { userId: 'system:quality-monitoring', roles: [], departments: [] };

export interface CaseSnapshot {
  trackedCase: TrackedCase | null;
  /** The case's clocks that exist, by metric (cycle 1). */
  clocks: Partial<Record<Metric, SlaClock>>;
  /** Active policies. */
  policies: Policy[];
  /** A calendar at the version a clock runs under. */
  calendarAt(ref: CalendarRef): BusinessCalendar;
  /** A calendar as it is now, for a new target; undefined when it is not defined. */
  currentCalendar(calendarId: string): BusinessCalendar | undefined;
}

export type PlannedCommand =
  | { kind: 'case'; stream: string; command: TrackedCaseCommand }
  | { kind: 'clock'; stream: string; command: ClockCommand };

export interface IntakeMessage {
  id: string;
  type: string;
  data: unknown;
  time: string;
  extensions?: { correlationid?: string; traceparent?: string };
}

/** The case (demand) a message of intake's is about, or undefined for a message this service ignores. */
export function caseIdOf(message: IntakeMessage): string | undefined {
  if (!findIntakeContract(message.type)) return undefined;
  return (message.data as { demandId?: string }).demandId;
}

export function planClockCommands(message: IntakeMessage, snapshot: CaseSnapshot): PlannedCommand[] {
  if (!findIntakeContract(message.type)) return [];
  const event = { type: message.type, data: message.data } as IntakeContractEvent;
  const caseId = (event.data as { demandId: string }).demandId;
  const meta = (stream: string, at: string): CommandMetadata => {
    const commandId = commandIdFrom('quality-monitoring', message.id, stream);
    return {
      commandId,
      at,
      actor: CLOCK_ACTOR,
      correlationId: message.extensions?.correlationid ?? message.id,
      causationId: message.id,
      ...(message.extensions?.traceparent ? { traceparent: message.extensions.traceparent } : {}),
    };
  };
  const clockCommand = (metric: Metric, at: string, build: (clockId: string) => Omit<ClockCommand, 'metadata'>): PlannedCommand => {
    const clockId = clockIdFor(caseId, metric);
    const stream = clockStream(clockId);
    return { kind: 'clock', stream, command: { ...build(clockId), metadata: meta(stream, at) } as ClockCommand };
  };
  const caseCommand = (at: string, command: Omit<TrackedCaseCommand, 'metadata'>): PlannedCommand => {
    const stream = trackedCaseStream(caseId);
    return { kind: 'case', stream, command: { ...command, metadata: meta(stream, at) } as TrackedCaseCommand };
  };
  /** The clocks of `metrics` that exist and still run (or stand paused). */
  const live = (metrics: readonly Metric[]) =>
    metrics.filter((m) => {
      const clock = snapshot.clocks[m];
      return clock && (clock.status === 'running' || clock.status === 'paused');
    });
  const calendarOf = (metric: Metric) => {
    const ref = snapshot.clocks[metric]?.calendar;
    return ref ? { calendar: snapshot.calendarAt(ref) } : {};
  };

  switch (event.type) {
    case DEMAND_REGISTERED_V1.type: {
      const d = event.data;
      const at = d.registeredAt;
      const facts: PolicyFacts = {
        customerTier: d.customerTier,
        priority: d.priority,
        demandKind: d.kind,
        ...(d.businessCategory ? { businessCategory: d.businessCategory } : {}),
      };
      const targets = resolveTargets(snapshot.policies, facts);
      const caseKind: CaseKind = d.kind === 'complaint' ? 'complaint' : d.kind === 'after-sales' ? 'after-sales' : 'demand';
      const starts = DEMAND_METRICS.filter((m) => targets[m] && !snapshot.clocks[m]).map((metric) => {
        const target = targets[metric] as ResolvedTarget;
        return clockCommand(metric, at, (clockId) => ({
          type: 'StartClock',
          data: { clockId, caseId, caseKind, metric, target: clockTarget(target), ...withCalendar(snapshot, target) },
        }));
      });
      return [caseCommand(at, { type: 'TrackCase', data: { caseId, facts } }), ...starts];
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
        pauseOn: policyTarget?.pauseOn ?? [WAITING_ON_CUSTOMER],
      };
      const at = snapshot.trackedCase?.openedAt ?? d.occurredAt;
      return [
        clockCommand('promised-handling', at, (clockId) => ({
          type: 'StartClock',
          data: { clockId, caseId, caseKind: 'complaint', metric: 'promised-handling', target },
        })),
      ];
    }
    case DEMAND_TRIAGED_V1.type: {
      const d = event.data;
      const at = d.occurredAt;
      const known = snapshot.trackedCase;
      if (!known) return [];
      const facts: PolicyFacts = { ...known.facts, priority: d.priority, businessCategory: d.businessCategory };
      const change = caseCommand(at, {
        type: 'ChangeCaseFacts',
        data: { caseId, priority: d.priority, businessCategory: d.businessCategory },
      });
      if (facts.priority === known.facts.priority && facts.businessCategory === known.facts.businessCategory) return [change];
      const targets = resolveTargets(snapshot.policies, facts);
      const reason = reasonFor(known.facts, facts);
      const retargets = live(DEMAND_METRICS).flatMap((metric) => {
        const target = targets[metric];
        const clock = snapshot.clocks[metric] as SlaClock;
        if (!target || sameTarget(clock.target, clockTarget(target))) return [];
        return [
          clockCommand(metric, at, (clockId) => ({
            type: 'RetargetClock',
            data: { clockId, target: clockTarget(target), reason, ...withCalendar(snapshot, target) },
          })),
        ];
      });
      return [change, ...retargets];
    }
    case DEMAND_ASSIGNED_V1.type: {
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
    case DEMAND_WAITING_ON_CUSTOMER_V1.type: {
      const at = event.data.since;
      return live(['resolution', 'promised-handling']).map((metric) =>
        clockCommand(metric, at, (clockId) => ({ type: 'PauseClock', data: { clockId, waitingState: WAITING_ON_CUSTOMER } })),
      );
    }
    case DEMAND_RESUMED_V1.type: {
      const at = event.data.resumedAt;
      return live(['resolution', 'promised-handling']).map((metric) =>
        clockCommand(metric, at, (clockId) => ({
          type: 'ResumeClock',
          data: { clockId, waitingState: WAITING_ON_CUSTOMER, ...calendarOf(metric) },
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
    case DEMAND_CLOSED_V1.type: {
      const at = event.data.occurredAt;
      const reason = event.type === DEMAND_WITHDRAWN_V1.type ? `Demand withdrawn: ${event.data.reason}` : `Demand closed: ${event.data.reason}`;
      return live(CASE_METRICS).map((metric) =>
        clockCommand(metric, at, (clockId) => ({ type: 'CancelClock', data: { clockId, reason } })),
      );
    }
    default:
      return [];
  }
}

/** The clock's target from a resolved one: what StartClock and RetargetClock carry. */
export function clockTarget(resolved: ResolvedTarget): ClockTarget {
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
  const changes: string[] = [];
  if (before.priority !== after.priority) changes.push(`priority ${before.priority ?? '—'} → ${after.priority}`);
  if (before.businessCategory !== after.businessCategory) {
    changes.push(`business category ${before.businessCategory ?? '—'} → ${after.businessCategory}`);
  }
  return `Triage changed the ${changes.join(' and ')}`;
}
