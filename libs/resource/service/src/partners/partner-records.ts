import { Injectable } from '@nestjs/common';
import { CommandMetadata, commandIdFrom, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { agreements, informationSharingLogs, partnerMeetings, partners } from '@serviceledger/resource/domain';
import { AgreementTermsDto, RecordPartnerMeetingDto, ShareInformationDto, SignAgreementDto } from './partner.dto';

/**
 * The partner commands that consult another record first (ADR 0013): an agreement is signed with a
 * registered partner, information is logged as shared with one, and a meeting is held under an agreement,
 * whose partner it names and whose cadence it moves on.
 */
@Injectable()
export class PartnerRecords {
  constructor(private readonly commands: Commands) {}

  /** The first version: the agreement's id derives from the command id, so a retried request signs one agreement. */
  async signAgreement(dto: SignAgreementDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    await this.commands.stateFor(partners, dto.partnerId, metadata.actor);
    const agreementId = commandIdFrom('resource-agreement', metadata.commandId);
    return this.commands.execute(agreements, { type: 'SignAgreement', data: { agreementId, ...dto }, metadata });
  }

  /** A later version (an amendment or a renewal) of an agreement signed before, with the same partner. */
  async signVersion(agreementId: string, dto: AgreementTermsDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const signed = await this.commands.stateFor(agreements, agreementId, metadata.actor);
    return this.commands.execute(agreements, { type: 'SignAgreement', data: { agreementId, partnerId: signed?.partnerId ?? '', ...dto }, metadata });
  }

  async shareInformation(partnerId: string, dto: ShareInformationDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    await this.commands.stateFor(partners, partnerId, metadata.actor);
    const sharingId = commandIdFrom('resource-shared-information', metadata.commandId);
    return this.commands.execute(informationSharingLogs, { type: 'RecordInformationShared', data: { partnerId, sharingId, ...dto }, metadata });
  }

  /**
   * Records the minutes, then notes on the agreement that a meeting was held, which moves its next due
   * date. A retry after a failure between the two finds the minutes recorded and notes the meeting.
   */
  async recordMeeting(agreementId: string, dto: RecordPartnerMeetingDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const signed = await this.commands.stateFor(agreements, agreementId, metadata.actor);
    const meetingId = commandIdFrom('resource-partner-meeting', metadata.commandId);
    const recorded = await this.commands.decide(partnerMeetings, {
      type: 'RecordPartnerMeeting',
      data: { meetingId, agreementId, partnerId: signed?.partnerId ?? '', ...dto },
      metadata,
    });
    const meeting = recorded.state;
    const noted = await this.commands.execute(agreements, {
      type: 'NotePartnerMeetingHeld',
      data: { agreementId, meetingId, heldOn: meeting?.heldOn ?? '' },
      metadata: followOn(metadata, 'meeting-held'),
    });
    return { id: recorded.id, checkpoint: noted.checkpoint ?? recorded.checkpoint };
  }
}
