import { ModuleRef } from '@nestjs/core';
import { Actor, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import { AgreementCommand, AgreementEvent, addAgreementDays, agreementDayStart, agreements, renewalWarningOn } from '@serviceledger/resource/domain';

/** Who the agreements' own commands (renewal warnings, overdue meetings) are recorded as. */
export const PARTNER_AGREEMENT_ACTOR: Actor = { userId: 'resource', roles: [], departments: [] };

/**
 * Each version's renewal is warned of from its notice day (C-3.1); each meeting due date is marked overdue
 * at the end of that day, Asia/Shanghai (C-3.2). Every due date is a row of its own: one a renewal or a
 * meeting replaced still fires, and the decider ignores it.
 */
export const agreementSchedule: ScheduleDefinition = {
  name: 'resource-partner-agreements',
  filter: { streamPrefixes: [agreements.streamPrefix] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as AgreementEvent;
    const meetingDue = (agreementId: string, dueOn: string): ScheduleChange => ({
      plan: { key: `partner-meeting:${agreementId}:${dueOn}`, dueAt: agreementDayStart(addAgreementDays(dueOn, 1)), type: 'MarkPartnerMeetingOverdue', data: { agreementId, dueOn } },
    });
    switch (event.type) {
      case 'AgreementSigned': {
        const { agreementId, version, nextMeetingDueOn } = event.data;
        const renewal: ScheduleChange = {
          plan: { key: `agreement-renewal:${agreementId}:${version}`, dueAt: agreementDayStart(renewalWarningOn(event.data)), type: 'MarkAgreementExpiring', data: { agreementId, version } },
        };
        return [renewal, meetingDue(agreementId, nextMeetingDueOn)];
      }
      case 'PartnerMeetingHeld':
        return [meetingDue(event.data.agreementId, event.data.nextMeetingDueOn)];
      default:
        return [];
    }
  },
};

/** Sends the due command to its agreement, as the service itself, with the scheduler's deterministic id. */
export const agreementDueSender =
  (moduleRef: ModuleRef): DueCommandSender =>
  async ({ type, data, commandId, at, cause }) => {
    const command = { type, data, metadata: causedBy(cause, { commandId, at, actor: PARTNER_AGREEMENT_ACTOR }) } as AgreementCommand;
    await moduleRef.get(Commands, { strict: false }).execute(agreements, command);
  };

export const PARTNER_SCHEDULES = [{ definition: agreementSchedule, sender: agreementDueSender }];
