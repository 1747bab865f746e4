import { ModuleRef } from '@nestjs/core';
import { Actor, EventEnvelope, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import { EmployeeEvent, MarkOnboardingOverdue, endOfLocalDay, employees } from '@serviceledger/hr-performance/domain';

/** The scheduler's actor on staff records: a service actor, with no role. */
export const STAFF_SCHEDULER: Actor = { userId: 'system:hr-performance', roles: [], departments: [] };

const onboardingKey = (employeeId: string): string => `onboarding-${employeeId}`;

/**
 * Onboarding due dates (H-1.2) as scheduled commands: assigning onboarding plans `MarkOnboardingOverdue`
 * for the moment its due date is over (Asia/Shanghai); completing it or leaving cancels that. A command that
 * fires after all is judged by the decider and ignored when it no longer applies.
 */
export const onboardingSchedule: ScheduleDefinition = {
  name: 'hr-performance.onboarding-due',
  filter: { streamPrefixes: [employees.streamPrefix] },
  changes(envelope: EventEnvelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as EmployeeEvent;
    const key = onboardingKey(event.data.employeeId);
    switch (event.type) {
      case 'OnboardingAssigned': {
        const { employeeId, dueOn } = event.data;
        return [{ plan: { key, dueAt: endOfLocalDay(dueOn), type: 'MarkOnboardingOverdue', data: { employeeId, dueOn } satisfies MarkOnboardingOverdue['data'] } }];
      }
      case 'OnboardingCompleted':
      case 'EmployeeLeft':
        return [{ cancel: key }];
      default:
        return [];
    }
  },
};

/** Sends the due command to the employee, at the instant it was planned for, under the scheduler's command id. */
export const onboardingDueSender =
  (moduleRef: ModuleRef): DueCommandSender =>
  async ({ type, data, commandId, at, cause }) => {
    const command = { type, data, metadata: causedBy(cause, { commandId, at, actor: STAFF_SCHEDULER }) } as MarkOnboardingOverdue;
    await moduleRef.get(Commands, { strict: false }).execute(employees, command);
  };
