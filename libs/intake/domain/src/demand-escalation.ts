import { Command, RuleViolation } from '@serviceledger/platform/core';
import { Demand, OPEN_DEMAND_STATUSES } from './demand';
import { CUSTOMER_SERVICE_DEPARTMENT } from './department-registry';
import { PRIORITIES, Priority, raisePriority } from './priority';

/**
 * SLA escalation (sla-and-metrics.md, "Warning, breach, escalation"; ): a step of the policy a demand's
 * clock runs under fell due, and quality monitoring said so (`clock.escalated.v1`). Intake honours it on the
 * demand; intake's consumer of the message sends `EscalateDemand`, its id derived from the message's.
 *
 * - raise-priority raises the priority by the step's levels towards P1, never past it, as a revision of
 *   triage would (`DemandPriorityEscalated`, published as `demand.triaged`), so that the priority intake
 *   shows, the one it publishes and the one quality monitoring matches policies on stay one. Only a triaged
 *   demand is raised: before triage no public event can say a new priority (demand.triaged carries the
 *   complexity and business category triage decides), and triage sets the priority anyway (P-1.3). A demand
 *   already at P1, not triaged yet or no longer open keeps its priority, and the timeline says why
 *   (`DemandEscalationRecorded`), publishing nothing: no escalation loops back through quality monitoring.
 * - notify-department-head and add-observer are recorded on the demand's internal timeline (staff only),
 *   naming whom: the head of the department the demand is assigned to (customer service's, before it is
 *   assigned: it triages and assigns) or the observer the step names. ServiceLedger has no messaging system
 *   to send notices, so nobody is notified: the entry says so, and staff tell the person themselves.
 *
 * Every step is recorded, even on a closed demand (an escalation raised before it closed can arrive after):
 * like an internal note, it is history, not work on the demand.
 */
export const DEMAND_ESCALATION_ACTIONS = ['raise-priority', 'notify-department-head', 'add-observer'] as const;
export type DemandEscalationAction = (typeof DEMAND_ESCALATION_ACTIONS)[number];

/** Which clock's step fell due, as quality monitoring published it. */
export interface EscalationSource {
  clockId: string;
  /** The metric the clock measures: first-response, resolution, … */
  metric: string;
  /** Business minutes relative to the clock's deadline: −30 before it, 0 at it, 60 after it. */
  offsetMinutes: number;
  /** The business instant from which the step was due. */
  dueAt: string;
}

export type EscalateDemand = Command<
  'EscalateDemand',
  {
    demandId: string;
    action: DemandEscalationAction;
    /** raise-priority: steps towards P1 (default 1). */
    levels?: number;
    /** add-observer: the user the step adds. */
    observerId?: string;
    source: EscalationSource;
  }
>;

/** The demand's priority raised by an escalation step: published as a revision of its triage. */
export type DemandPriorityEscalated = {
  type: 'DemandPriorityEscalated';
  data: {
    demandId: string;
    previousPriority: Priority;
    priority: Priority;
    levels: number;
    /** The triage it revises, unchanged but for the priority (what `demand.triaged` carries). */
    complexity: NonNullable<Demand['complexity']>;
    businessCategory: string;
    source: EscalationSource;
    /** What the entry says to staff, in words (the timeline shows it). */
    note: string;
    escalatedAt: string;
  };
};

/** Why a raise-priority step left the priority as it was. */
export type PriorityKeptBecause = 'highest-priority' | 'not-triaged' | 'demand-not-open';

/** An escalation step recorded on the internal timeline: whom to notify or to add, or a raise that changed nothing. */
export type DemandEscalationRecorded = {
  type: 'DemandEscalationRecorded';
  data: {
    demandId: string;
    action: DemandEscalationAction;
    /** notify-department-head: the role, and the department whose head it is. */
    notify?: { role: 'department-head'; departmentId: string };
    /** add-observer: the user the step names. */
    observerId?: string;
    /** raise-priority: the levels asked for, the priority kept, and why. */
    levels?: number;
    priority?: Priority;
    keptBecause?: PriorityKeptBecause;
    source: EscalationSource;
    /** What the entry says to staff, in words (the timeline shows it). */
    note: string;
    recordedAt: string;
  };
};

export type DemandEscalationEvent = DemandPriorityEscalated | DemandEscalationRecorded;

/** No messaging system sends notices: every notify and observer entry says so. */
const NOT_SENT = 'ServiceLedger has no messaging system: no notice was sent; tell them yourself.';

/** Decides an escalation step on a demand: one event, never a refusal for a step that cannot apply. */
export function escalate(state: Demand, command: EscalateDemand): [DemandEscalationEvent] {
  const { action, source } = command.data;
  const at = command.metadata.at;
  const recorded = (details: Omit<DemandEscalationRecorded['data'], 'demandId' | 'action' | 'source' | 'recordedAt'>): [DemandEscalationRecorded] => [
    { type: 'DemandEscalationRecorded', data: { demandId: state.demandId, action, ...details, source, recordedAt: at } },
  ];
  const after = `${source.metric} clock ${describeOffset(source.offsetMinutes)}`;
  switch (action) {
    case 'raise-priority': {
      const levels = command.data.levels ?? 1;
      // More levels than the scale has stop at P1 (the contract bounds them below only).
      if (!(Number.isInteger(levels) && levels >= 1)) {
        throw new RuleViolation('invalid-escalation-levels', `Raising a priority takes a whole number of steps from 1 to ${PRIORITIES.length - 1}, not ${levels}`);
      }
      const priority = raisePriority(state.priority, levels);
      const kept = (keptBecause: PriorityKeptBecause, why: string) =>
        recorded({ levels, priority: state.priority, keptBecause, note: `Escalation (${after}): raise the priority by ${levels}; kept at ${state.priority}: ${why}.` });
      if (!OPEN_DEMAND_STATUSES.includes(state.status)) return kept('demand-not-open', `the demand is ${state.status}`);
      if (priority === state.priority) return kept('highest-priority', `${state.priority} is the highest priority`);
      if (!state.complexity || !state.businessCategory) {
        return kept('not-triaged', 'the demand is not triaged yet, and triage sets its priority (P-1.3)');
      }
      return [
        {
          type: 'DemandPriorityEscalated',
          data: {
            demandId: state.demandId,
            previousPriority: state.priority,
            priority,
            levels,
            complexity: state.complexity,
            businessCategory: state.businessCategory,
            source,
            note: `Escalation (${after}): priority raised by ${levels} from ${state.priority} to ${priority}.`,
            escalatedAt: at,
          },
        },
      ];
    }
    case 'notify-department-head': {
      // Before assignment the demand is customer service's: it triages and assigns (P-2.1).
      const departmentId = state.assignment?.departmentId ?? CUSTOMER_SERVICE_DEPARTMENT;
      return recorded({
        notify: { role: 'department-head', departmentId },
        note: `Escalation (${after}): notify the department head of ${departmentId}. ${NOT_SENT}`,
      });
    }
    case 'add-observer': {
      // Quality monitoring's policies name the observer; the contract does not require it, so a step without one is still recorded.
      const observerId = command.data.observerId?.trim();
      if (!observerId) return recorded({ note: `Escalation (${after}): add an observer; the step names none. ${NOT_SENT}` });
      return recorded({ observerId, note: `Escalation (${after}): add ${observerId} as an observer. ${NOT_SENT}` });
    }
  }
}

function describeOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'at its deadline';
  const minutes = Math.abs(offsetMinutes);
  return `${minutes} business minute${minutes === 1 ? '' : 's'} ${offsetMinutes < 0 ? 'before' : 'after'} its deadline`;
}
