import { ModuleRef } from '@nestjs/core';
import { Actor, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import { SecurityIncidentCommand, SecurityIncidentEvent, securityIncidents } from '@serviceledger/resource/domain';

/** Who the register's own commands (the notification deadline) are recorded as. */
export const SECURITY_INCIDENT_ACTOR: Actor = { userId: 'resource', roles: [], departments: [] };

/**
 * An incident involving personal data falls due for notification at its deadline; the first notification
 * cancels it. A deadline that fires after all is judged by the decider, which marks it overdue only when no
 * one was notified by then.
 */
export const securityIncidentNotificationSchedule: ScheduleDefinition = {
  name: 'resource-security-incident-notification',
  filter: { streamPrefixes: [securityIncidents.streamPrefix] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as SecurityIncidentEvent;
    const key = `security-incident-notification:${event.data.incidentId}`;
    switch (event.type) {
      case 'SecurityIncidentRecorded': {
        const { incidentId, notificationDueAt } = event.data;
        return notificationDueAt ? [{ plan: { key, dueAt: notificationDueAt, type: 'MarkIncidentNotificationOverdue', data: { incidentId, dueAt: notificationDueAt } } }] : [];
      }
      case 'IncidentNotificationRecorded':
        return [{ cancel: key }];
      default:
        return [];
    }
  },
};

/** Sends the due command to its incident, as the service itself, with the scheduler's deterministic id. */
export const securityIncidentDueSender =
  (moduleRef: ModuleRef): DueCommandSender =>
  async ({ type, data, commandId, at, cause }) => {
    const command = { type, data, metadata: causedBy(cause, { commandId, at, actor: SECURITY_INCIDENT_ACTOR }) } as SecurityIncidentCommand;
    await moduleRef.get(Commands, { strict: false }).execute(securityIncidents, command);
  };

export const SECURITY_INCIDENT_SCHEDULES = [{ definition: securityIncidentNotificationSchedule, sender: securityIncidentDueSender }];
