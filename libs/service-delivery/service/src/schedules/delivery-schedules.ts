import { ModuleRef } from '@nestjs/core';
import { Aggregate, Command, DomainEvent, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import {
  FollowUpVisitEvent,
  ServiceCaseEvent,
  ServicePlanEvent,
  followUpVisits,
  progressReportDueAfter,
  serviceCases,
  servicePlans,
} from '@serviceledger/service-delivery/domain';
import { SERVICE_DELIVERY_ACTOR } from '../configuration';

/** P-3.1: the first plan version is due at the drafting deadline; a submission cancels the reminder. */
export const planDraftingSchedule: ScheduleDefinition = {
  name: 'service-delivery.plan-drafting',
  filter: { streamPrefixes: [servicePlans.streamPrefix] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as ServicePlanEvent;
    const key = `plan-drafting:${event.data.caseId}`;
    if (event.type === 'ServicePlanOpened') {
      const { caseId, draftingDueAt } = event.data;
      return [{ plan: { key, dueAt: draftingDueAt, type: 'MarkPlanDraftingOverdue', data: { caseId, dueAt: draftingDueAt } } }];
    }
    if (event.type === 'PlanVersionSubmitted') return [{ cancel: key }];
    return [];
  },
};

/**
 * P-4.3: each progress report due time is a row of its own (a sent row is never planned again). A
 * due time that a report or a later event has replaced still fires, and the decider ignores it.
 */
export const progressReportSchedule: ScheduleDefinition = {
  name: 'service-delivery.progress-reports',
  filter: { streamPrefixes: [serviceCases.streamPrefix] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as ServiceCaseEvent;
    const dueAt = progressReportDueAfter(event);
    if (!dueAt) return [];
    const { caseId } = event.data as { caseId: string };
    return [{ plan: { key: `report:${caseId}:${dueAt}`, dueAt, type: 'MarkProgressReportMissed', data: { caseId, dueAt } } }];
  },
};

/** P-6.1: a scheduled visit falls due at its date (by default +7 and +30 days after acceptance). */
export const followUpVisitSchedule: ScheduleDefinition = {
  name: 'service-delivery.follow-up-visits',
  filter: { streamPrefixes: [followUpVisits.streamPrefix] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as FollowUpVisitEvent;
    const key = `visit:${event.data.visitId}`;
    switch (event.type) {
      case 'FollowUpVisitScheduled': {
        const { visitId, dueAt } = event.data;
        return [{ plan: { key, dueAt, type: 'MarkFollowUpVisitDue', data: { visitId, dueAt } } }];
      }
      case 'FollowUpVisitRecorded':
      case 'FollowUpVisitCancelled':
        return [{ cancel: key }];
      default:
        return [];
    }
  },
};

/** Sends a due command to its aggregate, as the service itself, with the scheduler's deterministic id. */
function sender<C extends Command, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>): (moduleRef: ModuleRef) => DueCommandSender {
  return (moduleRef) => {
    const commands = moduleRef.get(Commands, { strict: false });
    return async ({ type, data, commandId, at, cause }) => {
      await commands.execute(aggregate, { type, data, metadata: causedBy(cause, { commandId, at, actor: SERVICE_DELIVERY_ACTOR }) } as unknown as C);
    };
  };
}

export const DELIVERY_SCHEDULES = [
  { definition: planDraftingSchedule, sender: sender(servicePlans) },
  { definition: progressReportSchedule, sender: sender(serviceCases) },
  { definition: followUpVisitSchedule, sender: sender(followUpVisits) },
];
