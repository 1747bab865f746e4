import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, UuidParam } from '@serviceledger/platform/nest';
import { DemandCommand, TriageSuggestion, demands } from '@serviceledger/intake/domain';
import {
  AssignDemandDto,
  ComplaintPromiseDto,
  ComplaintResultDto,
  ConfirmTriageDto,
  ConveneMeetingDto,
  CustomerMessageDto,
  ReassignDemandDto,
  ReclassifyDemandDto,
  RecordCoordinationDto,
  RegisterDemandDto,
  ReplyDto,
  ResolveDemandDto,
  TextDto,
  ThirdPartyWaitDto,
} from './demand.dto';
import { DemandAssignment } from './demand-assignment';
import { DemandRegistration, RegistrationAccepted } from './demand-registration';
import { DemandTriage } from './demand-triage';

const DemandId = () => UuidParam('demandId');

/**
 * Commands on demands (P-1 … P-2, C-2.3), and the triage rules' suggestion a triage would take. Each command
 * answers the demand id and a checkpoint to read after.
 * Registration, triage and assignment consult other aggregates first; the decider alone decides the rest.
 */
@Controller('intake/demands')
export class DemandsController {
  constructor(
    private readonly commands: Commands,
    private readonly registration: DemandRegistration,
    private readonly demandTriage: DemandTriage,
    private readonly assignment: DemandAssignment,
  ) {}

  private decide<T extends DemandCommand['type']>(
    type: T,
    data: Extract<DemandCommand, { type: T }>['data'],
    metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.commands.execute(demands, { type, data, metadata } as DemandCommand);
  }

  @ApiOperation({ summary: 'Register a demand (phone, web, portal or e-mail)' })
  @Post()
  @RequirePermission('demand:register')
  register(@Body() dto: RegisterDemandDto, @CommandContext() metadata: CommandMetadata): Promise<RegistrationAccepted> {
    return this.registration.register(dto, metadata);
  }

  @ApiOperation({ summary: 'Triage a demand: priority from impact and urgency, business category' })
  @Post(':demandId/triage')
  @HttpCode(200)
  @RequirePermission('demand:triage')
  triage(@DemandId() demandId: string, @Body() dto: ConfirmTriageDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.demandTriage.confirm(demandId, dto, metadata);
  }

  /** P-1.3: the agent sees what the rules suggest before deciding; a triage that leaves a field out takes it from here. */
  @ApiOperation({ summary: "What the triage rules suggest for a demand, before it is triaged" })
  @Get(':demandId/triage-suggestion')
  @RequirePermission('demand:triage')
  triageSuggestion(@DemandId() demandId: string, @CurrentActor() actor: Actor): Promise<TriageSuggestion> {
    return this.demandTriage.suggest(demandId, actor);
  }

  /** Agents who triage may say what a demand really is: a complaint that came as an enquiry (P-1.1, C-2.3). */
  @ApiOperation({ summary: "Reclassify a demand's kind" })
  @Post(':demandId/reclassification')
  @HttpCode(200)
  @RequirePermission('demand:triage')
  reclassify(@DemandId() demandId: string, @Body() dto: ReclassifyDemandDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('ReclassifyDemand', { demandId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Assign a demand to a department by its business category' })
  @Post(':demandId/assignment')
  @HttpCode(200)
  @RequirePermission('demand:assign')
  assign(@DemandId() demandId: string, @Body() dto: AssignDemandDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.assignment.assign(demandId, dto, metadata);
  }

  @ApiOperation({ summary: 'Reassign a demand to another department or person' })
  @Post(':demandId/reassignment')
  @HttpCode(200)
  @RequirePermission('demand:assign')
  reassign(@DemandId() demandId: string, @Body() dto: ReassignDemandDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.assignment.reassign(demandId, dto, metadata);
  }

  @ApiOperation({ summary: 'Convene a coordination meeting on a demand' })
  @Post(':demandId/coordination-meetings')
  @RequirePermission('coordination:record')
  convene(@DemandId() demandId: string, @Body() dto: ConveneMeetingDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('ConveneCoordinationMeeting', { demandId, meetingId: metadata.commandId, ...dto }, metadata).then((accepted) => ({
      ...accepted,
      meetingId: metadata.commandId,
    }));
  }

  @ApiOperation({ summary: 'Record what a coordination meeting agreed' })
  @Post(':demandId/coordination-meetings/:meetingId/record')
  @HttpCode(200)
  @RequirePermission('coordination:record')
  recordCoordination(
    @DemandId() demandId: string,
    @UuidParam('meetingId') meetingId: string,
    @Body() dto: RecordCoordinationDto,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.decide('RecordCoordination', { demandId, meetingId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Release a demand to service delivery' })
  @Post(':demandId/release-to-delivery')
  @HttpCode(200)
  @RequirePermission('demand:assign')
  release(@DemandId() demandId: string, @CommandContext() metadata: CommandMetadata) {
    return this.decide('ReleaseToDelivery', { demandId }, metadata);
  }

  @ApiOperation({ summary: 'Reply to the customer on a demand' })
  @Post(':demandId/replies')
  @RequirePermission('demand:reply')
  reply(@DemandId() demandId: string, @Body() dto: ReplyDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('SendReply', { demandId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Record a message from the customer on a demand' })
  @Post(':demandId/customer-messages')
  @RequirePermission('demand:reply')
  customerMessage(@DemandId() demandId: string, @Body() dto: CustomerMessageDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('RecordCustomerMessage', { demandId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Add an internal note to a demand' })
  @Post(':demandId/notes')
  @RequirePermission('demand:note')
  note(@DemandId() demandId: string, @Body() dto: TextDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('AddInternalNote', { demandId, body: dto.text }, metadata);
  }

  @ApiOperation({ summary: 'Put a demand on hold waiting on the customer' })
  @Post(':demandId/waiting-on-customer')
  @HttpCode(200)
  @RequirePermission('demand:reply')
  waitForCustomer(@DemandId() demandId: string, @Body() dto: TextDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('WaitForCustomer', { demandId, reason: dto.text }, metadata);
  }

  @ApiOperation({ summary: 'Put a demand on hold waiting on a third party' })
  @Post(':demandId/waiting-on-third-party')
  @HttpCode(200)
  @RequirePermission('demand:reply')
  waitOnThirdParty(@DemandId() demandId: string, @Body() dto: ThirdPartyWaitDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('WaitOnThirdParty', { demandId, ...dto }, metadata);
  }

  /** Ends the wait on the customer or on a third party, whichever the demand is in. */
  @ApiOperation({ summary: 'Resume a demand on hold' })
  @Post(':demandId/resumption')
  @HttpCode(200)
  @RequirePermission('demand:reply')
  resume(@DemandId() demandId: string, @CommandContext() metadata: CommandMetadata) {
    return this.decide('ResumeDemand', { demandId }, metadata);
  }

  @ApiOperation({ summary: 'Record a step in handling a complaint' })
  @Post(':demandId/complaint-steps')
  @RequirePermission('complaint:handle')
  complaintStep(@DemandId() demandId: string, @Body() dto: TextDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('RecordComplaintHandlingStep', { demandId, description: dto.text }, metadata);
  }

  /** C-2.3: the company's promise to a complaint a customer registered through the portal, which came without one. */
  @ApiOperation({ summary: "Promise a customer's complaint its handling time and result" })
  @Post(':demandId/complaint-promise')
  @HttpCode(200)
  @RequirePermission('complaint:handle')
  promise(@DemandId() demandId: string, @Body() dto: ComplaintPromiseDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('PromiseComplaintHandling', { demandId, ...dto }, metadata);
  }

  @ApiOperation({ summary: "Record the result of a complaint and the customer's response" })
  @Post(':demandId/complaint-result')
  @HttpCode(200)
  @RequirePermission('complaint:handle')
  complaintResult(@DemandId() demandId: string, @Body() dto: ComplaintResultDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('CommunicateComplaintResult', { demandId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Resolve a demand' })
  @Post(':demandId/resolution')
  @HttpCode(200)
  @RequirePermission('demand:close')
  resolve(@DemandId() demandId: string, @Body() dto: ResolveDemandDto, @CommandContext() metadata: CommandMetadata) {
    const { text, ...particulars } = dto;
    return this.decide('ResolveDemand', { demandId, resolution: text, ...particulars }, metadata);
  }

  @ApiOperation({ summary: 'Close a resolved demand' })
  @Post(':demandId/closure')
  @HttpCode(200)
  @RequirePermission('demand:close')
  close(@DemandId() demandId: string, @Body() dto: TextDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('CloseDemand', { demandId, reason: dto.text }, metadata);
  }

  @ApiOperation({ summary: 'Withdraw a demand' })
  @Post(':demandId/withdrawal')
  @HttpCode(200)
  @RequirePermission('demand:close')
  withdraw(@DemandId() demandId: string, @Body() dto: TextDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide('WithdrawDemand', { demandId, reason: dto.text }, metadata);
  }
}
