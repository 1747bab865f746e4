import { ModuleRef } from '@nestjs/core';
import { Actor, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import { AgreementCommand, AgreementEvent, addAgreementDays, agreementDayStart, agreements, renewalWarningOn } from '@serviceledger/resource/domain';

/** Who the agreements' own commands (renewal warnings, overdue meetings and sharings) are recorded as. */
export const PARTNER_AGREEMENT_ACTOR: Actor = { userId: 'resource', roles: [], departments: [] };

/**
 * Each version's renewal is warned of from its notice day (C-3.1); each meeting due date is marked overdue
 * at the end of that day, Asia/Shanghai (C-3.2), and so is each kind of information's sharing due date
 * (六(三)3 及時). Every due date is a row of its own: one a renewal or a
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
    const sharingDue = (agreementId: string, kind: string, dueOn: string): ScheduleChange => ({
      plan: {
        key: `information-sharing:${agreementId}:${kind}:${dueOn}`,
        dueAt: agreementDayStart(addAgreementDays(dueOn, 1)),
        type: 'MarkInformationSharingOverdue',
        data: { agreementId, kind, dueOn },
      },
    });
    switch (event.type) {
      case 'AgreementSigned': {
        const { agreementId, version, nextMeetingDueOn, nextSharingDueOn } = event.data;
        const renewal: ScheduleChange = {
          plan: { key: `agreement-renewal:${agreementId}:${version}`, dueAt: agreementDayStart(renewalWarningOn(event.data)), type: 'MarkAgreementExpiring', data: { agreementId, version } },
        };
        const sharings = Object.entries(nextSharingDueOn ?? {}).map(([kind, dueOn]) => sharingDue(agreementId, kind, dueOn));
        return [renewal, meetingDue(agreementId, nextMeetingDueOn), ...sharings];
      }
      case 'AgreementInformationShared': {
        const { agreementId, kind, nextDueOn } = event.data;
        return nextDueOn ? [sharingDue(agreementId, kind, nextDueOn)] : [];
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
