import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, KeyParam, Page, PageQuery, UuidParam, WholeNumberParam } from '@serviceledger/platform/nest';
import { partnerMeetings, partners } from '@serviceledger/resource/domain';
import {
  AddPartnerContactDto,
  AgreementListQuery,
  AgreementTermsDto,
  CompletePartnerMeetingActionDto,
  PartnerListQuery,
  RecordPartnerMeetingDto,
  RegisterPartnerDto,
  RemovePartnerContactDto,
  ShareInformationDto,
  SignAgreementDto,
} from './partner.dto';
import { PartnerRecords } from './partner-records';
import { AgreementDetail, AgreementView, PartnerMeetingView, PartnerQueries, PartnerView, SharedInformationView } from './partner-queries';

/**
 * Partners and their contacts, and what was shared with them (C-3.1, C-3.2; 六(三)1, 六(三)3). The
 * resource manager keeps them (`partner:manage`); whoever reads resources reads them (`resource:read`).
 */
@Controller('resource/partners')
export class PartnersController {
  constructor(
    private readonly commands: Commands,
    private readonly records: PartnerRecords,
    private readonly queries: PartnerQueries,
  ) {}

  @ApiOperation({ summary: 'Register a partner' })
  @Post()
  @RequirePermission('partner:manage')
  register(@Body() dto: RegisterPartnerDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    // The partner's id derives from the command id, so a retried request registers one partner.
    const partnerId = commandIdFrom('resource-partner', metadata.commandId);
    return this.commands.execute(partners, { type: 'RegisterPartner', data: { partnerId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Add a contact to a partner' })
  @Post(':partnerId/contacts')
  @RequirePermission('partner:manage')
  addContact(@UuidParam('partnerId') partnerId: string, @Body() dto: AddPartnerContactDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    const contactId = commandIdFrom('resource-partner-contact', metadata.commandId);
    return this.commands.execute(partners, { type: 'AddPartnerContact', data: { partnerId, contactId, ...dto }, metadata });
  }

  @ApiOperation({ summary: "Remove a partner's contact" })
  @Post(':partnerId/contacts/:contactId/removal')
  @HttpCode(200)
  @RequirePermission('partner:manage')
  removeContact(
    @UuidParam('partnerId') partnerId: string,
    @KeyParam('contactId') contactId: string,
    @Body() dto: RemovePartnerContactDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.commands.execute(partners, { type: 'RemovePartnerContact', data: { partnerId, contactId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Log information shared with a partner' })
  @Post(':partnerId/shared-information')
  @RequirePermission('partner:manage')
  share(@UuidParam('partnerId') partnerId: string, @Body() dto: ShareInformationDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.records.shareInformation(partnerId, dto, metadata);
  }

  @ApiOperation({ summary: 'List partners' })
  @Get()
  @RequirePermission('resource:read')
  list(@CurrentActor() actor: Actor, @Query() query: PartnerListQuery): Promise<Page<PartnerView>> {
    return this.queries.partners(actor, query);
  }

  @ApiOperation({ summary: 'Read a partner' })
  @Get(':partnerId')
  @RequirePermission('resource:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('partnerId') partnerId: string, @Query() query: ConsistentQuery): Promise<PartnerView> {
    return this.queries.partner(actor, partnerId, query);
  }

  @ApiOperation({ summary: 'Read the log of information shared with a partner' })
  @Get(':partnerId/shared-information')
  @RequirePermission('resource:read')
  sharedInformation(@CurrentActor() actor: Actor, @UuidParam('partnerId') partnerId: string, @Query() query: PageQuery): Promise<Page<SharedInformationView>> {
    return this.queries.sharedInformation(actor, partnerId, query);
  }
}

/**
 * Cooperation agreements in versions, with their meetings (C-3.1, C-3.2; 六(三)1, 六(三)2). An agreement
 * missing a term the regulation names is refused with 409 naming it.
 */
@Controller('resource/agreements')
export class AgreementsController {
  constructor(
    private readonly records: PartnerRecords,
    private readonly queries: PartnerQueries,
  ) {}

  @ApiOperation({ summary: 'Sign an agreement with a partner, its service standards included' })
  @Post()
  @RequirePermission('partner:manage')
  sign(@Body() dto: SignAgreementDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.records.signAgreement(dto, metadata);
  }

  @ApiOperation({ summary: 'Sign a new version of an agreement' })
  @Post(':agreementId/versions')
  @RequirePermission('partner:manage')
  signVersion(@UuidParam('agreementId') agreementId: string, @Body() dto: AgreementTermsDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.records.signVersion(agreementId, dto, metadata);
  }

  @ApiOperation({ summary: 'Record a meeting under an agreement' })
  @Post(':agreementId/meetings')
  @RequirePermission('partner:manage')
  recordMeeting(@UuidParam('agreementId') agreementId: string, @Body() dto: RecordPartnerMeetingDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.records.recordMeeting(agreementId, dto, metadata);
  }

  @ApiOperation({ summary: 'List agreements' })
  @Get()
  @RequirePermission('resource:read')
  list(@CurrentActor() actor: Actor, @Query() query: AgreementListQuery): Promise<Page<AgreementView>> {
    return this.queries.agreements(actor, query);
  }

  @ApiOperation({ summary: 'Read an agreement' })
  @Get(':agreementId')
  @RequirePermission('resource:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('agreementId') agreementId: string, @Query() query: ConsistentQuery): Promise<AgreementDetail> {
    return this.queries.agreement(actor, agreementId, query);
  }

  @ApiOperation({ summary: "List an agreement's meetings" })
  @Get(':agreementId/meetings')
  @RequirePermission('resource:read')
  meetings(@CurrentActor() actor: Actor, @UuidParam('agreementId') agreementId: string, @Query() query: PageQuery): Promise<Page<PartnerMeetingView>> {
    return this.queries.meetings(actor, agreementId, query);
  }
}

/** One meeting's minutes, and the completion of its actions (C-3.2). */
@Controller('resource/partner-meetings')
export class PartnerMeetingsController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: PartnerQueries,
  ) {}

  @ApiOperation({ summary: 'Complete an action of a partner meeting' })
  @Post(':meetingId/actions/:actionNumber/completion')
  @HttpCode(200)
  @RequirePermission('partner:manage')
  complete(
    @UuidParam('meetingId') meetingId: string,
    @WholeNumberParam('actionNumber') actionNumber: number,
    @Body() dto: CompletePartnerMeetingActionDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.commands.execute(partnerMeetings, { type: 'CompletePartnerMeetingAction', data: { meetingId, actionNumber, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Read a partner meeting' })
  @Get(':meetingId')
  @RequirePermission('resource:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('meetingId') meetingId: string, @Query() query: ConsistentQuery): Promise<PartnerMeetingView> {
    return this.queries.meeting(actor, meetingId, query);
  }
}
