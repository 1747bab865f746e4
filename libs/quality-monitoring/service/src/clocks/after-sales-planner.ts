import {
  CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1,
  CASE_AFTER_SALES_PROBLEM_OPENED_V1,
  CASE_AFTER_SALES_PROBLEM_REOPENED_V1,
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1,
  ServiceDeliveryContractEvent,
} from '@serviceledger/service-delivery/contracts';
import { ClockSignal, Metric, PolicyFacts, ResolvedTarget, SlaClock, resolveTargets } from '@serviceledger/quality-monitoring/domain';
import { CaseSnapshot, PlannedCommand, calendarFor, commandBuilders, isLive, startOn } from './clock-planner';

/**
 * Service delivery's after-sales problems (P-6.2: "a prompt response and a named handler … tracked until
 * resolved") as cases of their own, of kind after-sales, measured on the targets the policies set for the
 * delivered demand's facts with that kind:
 *
 *   case.after-sales-problem-opened            track the problem, its department answering for it; StartClock
 *                                              time to own (a named handler is the prompt response) and
 *                                              resolution cycle 1
 *   case.after-sales-problem-handler-assigned  record the handler as its owner; StopClock time to own
 *   case.after-sales-problem-resolved          StopClock the running resolution cycle
 *   case.after-sales-problem-reopened          StartClock the next resolution cycle (reopening starts a new
 *                                              cycle, sla-and-metrics.md)
 *
 * A problem of a demand quality monitoring has not seen registered yet is planned again once it has (the
 * driver replays the demand's earlier delivery signals). Command ids derive from the message, as for demands.
 */
export function planProblemCommands(message: ClockSignal, snapshot: CaseSnapshot): PlannedCommand[] {
  const problem = snapshot.problem;
  const demand = snapshot.trackedCase;
  if (!problem || !demand) return [];
  const event = { type: message.type, data: message.data } as ServiceDeliveryContractEvent;
  const { clockCommand, caseCommand } = commandBuilders(message, problem.problemId);
  const facts: PolicyFacts = { ...demand.facts, demandKind: 'after-sales' };
  const targets = resolveTargets(snapshot.policies, facts);
  const cyclesOf = (metric: Metric) => problem.clocks.filter((c) => c.metric === metric);
  const start = (metric: Metric, at: string, cycle: number): PlannedCommand[] => {
    const target = targets[metric] as ResolvedTarget | undefined;
    return target ? [clockCommand(metric, at, startOn(snapshot, problem.problemId, 'after-sales', target), cycle)] : [];
  };
  const stopRunning = (metric: Metric, at: string): PlannedCommand[] =>
    cyclesOf(metric)
      .filter((clock) => isLive(clock) && clock.startedAt < at)
      .map((clock) =>
        clockCommand(metric, at, () => ({ type: 'StopClock', data: { clockId: clock.clockId, ...calendarFor(snapshot, clock) } }), cycleNumberOf(clock)),
      );

  switch (event.type) {
    case CASE_AFTER_SALES_PROBLEM_OPENED_V1.type: {
      const { departmentId, raisedAt } = event.data;
      if (problem.trackedCase) return [];
      return [
        caseCommand(raisedAt, { type: 'TrackCase', data: { caseId: problem.problemId, facts, departmentId } }),
        ...start('time-to-own', raisedAt, 1),
        ...start('resolution', raisedAt, 1),
      ];
    }
    case CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1.type: {
      const { handlerId, assignedAt } = event.data;
      const departmentId = problem.trackedCase?.departmentId;
      if (!departmentId) return [];
      return [
        caseCommand(assignedAt, { type: 'AssignCase', data: { caseId: problem.problemId, departmentId, ownerId: handlerId } }),
        ...stopRunning('time-to-own', assignedAt),
      ];
    }
    case CASE_AFTER_SALES_PROBLEM_RESOLVED_V1.type:
      return stopRunning('resolution', event.data.resolvedAt);
    case CASE_AFTER_SALES_PROBLEM_REOPENED_V1.type: {
      const { reopenedAt } = event.data;
      const cycles = cyclesOf('resolution');
      // Redelivered after its cycle started: that cycle started at this very instant.
      if (cycles.some((clock) => clock.startedAt === reopenedAt || isLive(clock))) return [];
      return start('resolution', reopenedAt, cycles.length + 1);
    }
    default:
      return [];
  }
}

function cycleNumberOf(clock: SlaClock): number {
  return Number(clock.clockId.slice(clock.clockId.lastIndexOf('.') + 1));
}
