import { Injectable } from '@nestjs/common';
import { CommandMetadata, RuleViolation, commandIdFrom, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { InformationShared, agreementLocalDateOf, agreements, informationSharingLogs, partnerMeetings, partners } from '@serviceledger/resource/domain';
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

  /**
   * Appends to the partner's sharing log; shared under an agreement (of this partner), it is then noted on the
   * agreement, which moves that kind's next due date. A retry after a failure between the two notes it.
   */
  async shareInformation(partnerId: string, dto: ShareInformationDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    await this.commands.stateFor(partners, partnerId, metadata.actor);
    if (dto.agreementId) {
      const signed = await this.commands.stateFor(agreements, dto.agreementId, metadata.actor);
      if (signed?.partnerId !== partnerId) {
        throw new RuleViolation('agreement-of-another-partner', `Agreement ${dto.agreementId} is not with partner ${partnerId}`);
      }
    }
    const sharingId = commandIdFrom('resource-shared-information', metadata.commandId);
    const logged = await this.commands.decide(informationSharingLogs, { type: 'RecordInformationShared', data: { partnerId, sharingId, ...dto }, metadata });
    const shared = logged.events[0]?.data as InformationShared['data'] | undefined;
    if (!dto.agreementId || !shared) return { id: logged.id, checkpoint: logged.checkpoint };
    const noted = await this.commands.execute(agreements, {
      type: 'NoteInformationShared',
      data: { agreementId: dto.agreementId, kind: shared.kind, sharedOn: agreementLocalDateOf(shared.sharedAt) },
      metadata: followOn(metadata, 'information-shared'),
    });
    return { id: logged.id, checkpoint: noted.checkpoint ?? logged.checkpoint };
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
