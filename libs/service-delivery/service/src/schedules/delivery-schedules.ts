import { ModuleRef } from '@nestjs/core';
import { Aggregate, Command, DomainEvent, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import {
  CADENCE_KINDS,
  CadenceKind,
  CadencePeriod,
  FollowUpVisitEvent,
  MeetingCadenceEvent,
  ProjectMeetingEvent,
  ServiceCaseEvent,
  ServicePlanEvent,
  followUpVisits,
  meetingCadences,
  periodAfter,
  periodEndsAt,
  progressReportDueAfter,
  projectMeetings,
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

/**
 * C-1.1: each period of a watched meeting kind is closed at its end, from the period the cadence was
 * set in, each closing planning the next; each regular meeting recorded is noted in its period at once
 * (its due time, when it was held, has passed), so a period's meetings are known before it closes.
 */
export const meetingCadenceSchedule: ScheduleDefinition = {
  name: 'service-delivery.meeting-cadence',
  filter: { streamPrefixes: [meetingCadences.streamPrefix, projectMeetings.streamPrefix] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as MeetingCadenceEvent | ProjectMeetingEvent;
    switch (event.type) {
      case 'MeetingCadenceSet':
        return [closing(event.data.kind, event.data.period)];
      case 'MeetingPeriodClosed':
      case 'MeetingMissed':
        return [closing(event.data.kind, periodAfter(event.data.kind, event.data.period))];
      case 'ProjectMeetingRecorded': {
        const { kind, meetingId, heldAt, reports } = event.data;
        if (!(CADENCE_KINDS as readonly string[]).includes(kind)) return [];
        const data = { kind, meetingId, heldAt, reportingDepartments: reports.map((r) => r.departmentId) };
        return [{ plan: { key: `cadence-note:${meetingId}`, dueAt: heldAt, type: 'NoteCadenceMeeting', data } }];
      }
      default:
        return [];
    }
  },
};

function closing(kind: CadenceKind, period: CadencePeriod): ScheduleChange {
  return { plan: { key: `cadence:${kind}:${period.key}`, dueAt: periodEndsAt(period), type: 'CloseMeetingPeriod', data: { kind, ...period } } };
}

/** C-1.1: a meeting action still open at its due date is marked overdue; completing it first cancels the chase. */
export const meetingActionSchedule: ScheduleDefinition = {
  name: 'service-delivery.meeting-actions',
  filter: { streamPrefixes: [projectMeetings.streamPrefix] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as ProjectMeetingEvent;
    const key = (meetingId: string, actionNumber: number) => `meeting-action:${meetingId}:${actionNumber}`;
    switch (event.type) {
      case 'ProjectMeetingRecorded': {
        const { meetingId, actions } = event.data;
        return actions.map(({ actionNumber, dueAt }) => ({
          plan: { key: key(meetingId, actionNumber), dueAt, type: 'MarkMeetingActionOverdue', data: { meetingId, actionNumber, dueAt } },
        }));
      }
      case 'MeetingActionCompleted':
        return [{ cancel: key(event.data.meetingId, event.data.actionNumber) }];
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
  { definition: meetingCadenceSchedule, sender: sender(meetingCadences) },
  { definition: meetingActionSchedule, sender: sender(projectMeetings) },
];
