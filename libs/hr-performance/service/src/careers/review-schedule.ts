import { ModuleRef } from '@nestjs/core';
import { EventEnvelope, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import { DevelopmentPlanEvent, MarkDevelopmentReviewOverdue, developmentPlans, endOfLocalDay } from '@serviceledger/hr-performance/domain';
import { STAFF_SCHEDULER } from '../employees/onboarding-schedule';

const reviewKey = (employeeId: string): string => `development-review-${employeeId}`;

/**
 * Development plan reviews (H-3.1), at least yearly: each recording or review plans `MarkDevelopmentReviewOverdue`
 * for when the next review's date is over (re-planning the same key); closing the plan cancels it.
 */
export const reviewSchedule: ScheduleDefinition = {
  name: 'hr-performance.development-review-due',
  filter: { streamPrefixes: [developmentPlans.streamPrefix] },
  changes(envelope: EventEnvelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as DevelopmentPlanEvent;
    const key = reviewKey(event.data.employeeId);
    switch (event.type) {
      case 'DevelopmentPlanRecorded':
      case 'DevelopmentPlanReviewed': {
        const { employeeId, nextReviewDue } = event.data;
        return [{ plan: { key, dueAt: endOfLocalDay(nextReviewDue), type: 'MarkDevelopmentReviewOverdue', data: { employeeId, dueOn: nextReviewDue } satisfies MarkDevelopmentReviewOverdue['data'] } }];
      }
      case 'DevelopmentPlanClosed':
        return [{ cancel: key }];
      default:
        return [];
    }
  },
};

export const reviewDueSender =
  (moduleRef: ModuleRef): DueCommandSender =>
  async ({ type, data, commandId, at, cause }) => {
    const command = { type, data, metadata: causedBy(cause, { commandId, at, actor: STAFF_SCHEDULER }) } as MarkDevelopmentReviewOverdue;
    await moduleRef.get(Commands, { strict: false }).execute(developmentPlans, command);
  };
