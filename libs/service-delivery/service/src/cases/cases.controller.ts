import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandMetadata } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, KeyParam, PatternParam, UuidParam, WholeNumberParam } from '@serviceledger/platform/nest';
import {
  AcceptanceReportDto,
  AddTeamMemberDto,
  ApprovePlanDto,
  CloseCaseDto,
  ContractCriteriaDto,
  CoordinationIssueDto,
  DeviationDto,
  DutiesDto,
  ExpertOpinionDto,
  FixItemDto,
  PaperAcceptanceReportDto,
  ProgressReportDto,
  RaiseProblemDto,
  ReasonDto,
  ReplaceProjectManagerDto,
  RequestPlanChangesDto,
  RequestVisitDto,
  ResolutionDto,
  SubmitPlanVersionDto,
} from './case.dto';
import { AfterSalesWork } from './after-sales-work';
import { CaseRequestCommand, PlanRequestCommand } from './case-requests';
import { CaseWork } from './case-work';
import { DeclareStandardsDto, MilestoneCompletionDto, StepCompletionDto } from '../standards/standard.dto';
import { StandardsFollowed } from '../standards/standards-followed';

const CaseId = () => UuidParam('caseId');
/** Rectification items are numbered within their round: `1.2` is round 1's second item. */
const ItemId = () => PatternParam('itemId', /^[1-9]\d{0,5}\.[1-9]\d{0,5}$/, 'a rectification item number, <round>.<item>');

/** Commands on a service case (P-3 … P-6, C-2.1, C-2.2). Each answers an id and a checkpoint to read after. */
@Controller('service-delivery/cases/:caseId')
export class CasesController {
  constructor(
    private readonly cases: CaseWork,
    private readonly afterSales: AfterSalesWork,
    private readonly standards: StandardsFollowed,
  ) {}

  private onCase<T extends CaseRequestCommand['type']>(
    type: T,
    data: Extract<CaseRequestCommand, { type: T }>['data'],
    metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.cases.onCase({ type, data, metadata } as CaseRequestCommand);
  }

  private onPlan<T extends PlanRequestCommand['type']>(
    type: T,
    data: Extract<PlanRequestCommand, { type: T }>['data'],
    metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.cases.onPlan({ type, data, metadata } as PlanRequestCommand);
  }

  // Plan (P-3.1, P-3.2, C-2.2)

  @ApiOperation({ summary: "Submit a version of a case's service plan" })
  @Post('plan/versions')
  @RequirePermission('plan:draft')
  submitPlan(@CaseId() caseId: string, @Body() dto: SubmitPlanVersionDto, @CommandContext() metadata: CommandMetadata) {
    return this.onPlan('SubmitPlanVersion', { caseId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Give an expert opinion on a plan version' })
  @Post('plan/versions/:version/expert-opinions')
  @RequirePermission('plan:expert-review')
  expertOpinion(
    @CaseId() caseId: string,
    @WholeNumberParam('version') version: number,
    @Body() dto: ExpertOpinionDto,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.onPlan('RecordExpertOpinion', { caseId, version, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Approve a plan version as head of department' })
  @Post('plan/versions/:version/approval')
  @HttpCode(200)
  @RequirePermission('plan:approve')
  approvePlan(
    @CaseId() caseId: string,
    @WholeNumberParam('version') version: number,
    @Body() dto: ApprovePlanDto,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.onPlan('ApprovePlanVersion', { caseId, version, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Request changes to a plan version' })
  @Post('plan/versions/:version/change-requests')
  @RequirePermission('plan:approve')
  requestChanges(
    @CaseId() caseId: string,
    @WholeNumberParam('version') version: number,
    @Body() dto: RequestPlanChangesDto,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.onPlan('RequestPlanChanges', { caseId, version, ...dto }, metadata);
  }

  // Team (P-4.1)

  @ApiOperation({ summary: "Add a member to a case's project team" })
  @Post('team/members')
  @RequirePermission('team:manage')
  addMember(@CaseId() caseId: string, @Body() dto: AddTeamMemberDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.cases.onTeam({ type: 'AddTeamMember', data: { caseId, ...dto }, metadata });
  }

  @ApiOperation({ summary: "Change a team member's duties" })
  @Post('team/members/:memberId/duties')
  @HttpCode(200)
  @RequirePermission('team:manage')
  changeDuties(
    @CaseId() caseId: string,
    @KeyParam('memberId') memberId: string,
    @Body() dto: DutiesDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.cases.onTeam({ type: 'ChangeTeamMemberDuties', data: { caseId, memberId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Remove a member from the project team' })
  @Post('team/members/:memberId/removal')
  @HttpCode(200)
  @RequirePermission('team:manage')
  removeMember(
    @CaseId() caseId: string,
    @KeyParam('memberId') memberId: string,
    @Body() dto: ReasonDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.cases.onTeam({ type: 'RemoveTeamMember', data: { caseId, memberId, ...dto }, metadata });
  }

  @ApiOperation({ summary: "Replace a case's project manager" })
  @Post('team/project-manager')
  @HttpCode(200)
  @RequirePermission('team:manage')
  replaceManager(@CaseId() caseId: string, @Body() dto: ReplaceProjectManagerDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.cases.onTeam({ type: 'ReplaceProjectManager', data: { caseId, ...dto }, metadata });
  }

  // Implementation (P-4.2, P-4.3)

  @ApiOperation({ summary: 'Start delivering a case on its approved plan' })
  @Post('delivery')
  @HttpCode(200)
  @RequirePermission('team:manage')
  startDelivery(@CaseId() caseId: string, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.cases.startDelivery(caseId, metadata);
  }

  @ApiOperation({ summary: 'Complete a step of the plan' })
  @Post('steps/:stepId/completion')
  @HttpCode(200)
  @RequirePermission('progress:report')
  completeStep(@CaseId() caseId: string, @KeyParam('stepId') stepId: string, @Body() dto: StepCompletionDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('CompleteStep', { caseId, stepId, ...dto }, metadata);
  }

  /** P-4.2: the standards, each at one version, a step follows; completing it then needs evidence for their checks. */
  @ApiOperation({ summary: 'Record how a step met its technical standards' })
  @Post('steps/:stepId/standards')
  @HttpCode(200)
  @RequirePermission('team:manage')
  stepStandards(@CaseId() caseId: string, @KeyParam('stepId') stepId: string, @Body() dto: DeclareStandardsDto, @CommandContext() metadata: CommandMetadata) {
    return this.standards.declare(caseId, { stepId }, dto.standards, metadata);
  }

  /** P-4.2: the standards, each at one version, a milestone follows; completing it then needs evidence for their checks. */
  @ApiOperation({ summary: 'Record how a milestone met its technical standards' })
  @Post('milestones/:milestoneId/standards')
  @HttpCode(200)
  @RequirePermission('team:manage')
  milestoneStandards(
    @CaseId() caseId: string,
    @KeyParam('milestoneId') milestoneId: string,
    @Body() dto: DeclareStandardsDto,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.standards.declare(caseId, { milestoneId }, dto.standards, metadata);
  }

  @ApiOperation({ summary: 'Complete a milestone' })
  @Post('milestones/:milestoneId/completion')
  @HttpCode(200)
  @RequirePermission('progress:report')
  completeMilestone(
    @CaseId() caseId: string,
    @KeyParam('milestoneId') milestoneId: string,
    @Body() dto: MilestoneCompletionDto,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.onCase('CompleteMilestone', { caseId, milestoneId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Waive a milestone, with the reason' })
  @Post('milestones/:milestoneId/waiver')
  @HttpCode(200)
  @RequirePermission('team:manage')
  waiveMilestone(@CaseId() caseId: string, @KeyParam('milestoneId') milestoneId: string, @Body() dto: ReasonDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('WaiveMilestone', { caseId, milestoneId, ...dto }, metadata);
  }

  @ApiOperation({ summary: "Record a milestone's deviation from the plan" })
  @Post('milestones/:milestoneId/deviations')
  @RequirePermission('progress:report')
  deviation(@CaseId() caseId: string, @KeyParam('milestoneId') milestoneId: string, @Body() dto: DeviationDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('RecordMilestoneDeviation', { caseId, milestoneId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Send the customer a progress report' })
  @Post('progress-reports')
  @RequirePermission('progress:report')
  report(@CaseId() caseId: string, @Body() dto: ProgressReportDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('SendProgressReport', { caseId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Log a coordination issue on a case' })
  @Post('coordination-issues')
  @RequirePermission('progress:report')
  logIssue(@CaseId() caseId: string, @Body() dto: CoordinationIssueDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('LogCoordinationIssue', { caseId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Resolve a coordination issue' })
  @Post('coordination-issues/:issueNumber/resolution')
  @HttpCode(200)
  @RequirePermission('progress:report')
  resolveIssue(
    @CaseId() caseId: string,
    @WholeNumberParam('issueNumber') issueNumber: number,
    @Body() dto: ResolutionDto,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.onCase('ResolveCoordinationIssue', { caseId, issueNumber, ...dto }, metadata);
  }

  // Acceptance (P-5.1, P-5.2)

  @ApiOperation({ summary: 'Record the acceptance criteria the contract sets' })
  @Post('acceptance/criteria')
  @RequirePermission('acceptance:organise')
  recordContractCriteria(@CaseId() caseId: string, @Body() dto: ContractCriteriaDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('RecordContractAcceptanceCriteria', { caseId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Organise an acceptance round with the customer' })
  @Post('acceptance')
  @HttpCode(200)
  @RequirePermission('acceptance:organise')
  organiseAcceptance(@CaseId() caseId: string, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('OrganiseAcceptance', { caseId }, metadata);
  }

  /** The customer fills in the report through the portal (P-5.1). */
  @ApiOperation({ summary: "Record an acceptance round's report" })
  @Post('acceptance/rounds/:round/report')
  @HttpCode(200)
  @RequirePermission('acceptance:respond')
  recordAcceptance(
    @CaseId() caseId: string,
    @WholeNumberParam('round') round: number,
    @Body() dto: AcceptanceReportDto,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.onCase('RecordAcceptanceReport', { caseId, round, ...dto }, metadata);
  }

  /** Customer service records the report the customer signed on paper, with the signed document. */
  @ApiOperation({ summary: 'Record an acceptance round signed on paper' })
  @Post('acceptance/rounds/:round/paper-report')
  @HttpCode(200)
  @RequirePermission('acceptance:organise')
  recordPaperAcceptance(
    @CaseId() caseId: string,
    @WholeNumberParam('round') round: number,
    @Body() dto: PaperAcceptanceReportDto,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.onCase('RecordAcceptanceReport', { caseId, round, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Fix a rectification item from acceptance' })
  @Post('rectification-items/:itemId/fix')
  @HttpCode(200)
  @RequirePermission('progress:report')
  fixItem(@CaseId() caseId: string, @ItemId() itemId: string, @Body() dto: FixItemDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('FixRectificationItem', { caseId, itemId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Close a case' })
  @Post('closure')
  @HttpCode(200)
  @RequirePermission('team:manage')
  close(@CaseId() caseId: string, @Body() dto: CloseCaseDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('CloseServiceCase', { caseId, ...dto }, metadata);
  }

  /**
   * A case that will not reach acceptance (the customer no longer wants it, it cannot be delivered): its
   * department's head cancels it, with a reason, and intake takes the demand back (case.cancelled).
   * Who approves the department's plans decides that it will have none delivered.
   */
  @ApiOperation({ summary: 'Cancel a case before acceptance' })
  @Post('cancellation')
  @HttpCode(200)
  @RequirePermission('plan:approve')
  cancel(@CaseId() caseId: string, @Body() dto: ReasonDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('CancelServiceCase', { caseId, reason: dto.reason }, metadata);
  }

  // After-sales (P-6, C-2.1)

  @ApiOperation({ summary: 'Request a follow-up visit to the customer' })
  @Post('follow-up-visits')
  @RequirePermission('follow-up:record')
  requestVisit(@CaseId() caseId: string, @Body() dto: RequestVisitDto, @CommandContext() metadata: CommandMetadata) {
    return this.onCase('RequestFollowUpVisit', { caseId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Raise an after-sales problem on a case' })
  @Post('after-sales-problems')
  @RequirePermission('after-sales:handle')
  raiseProblem(@CaseId() caseId: string, @Body() dto: RaiseProblemDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.afterSales.raiseProblem(caseId, dto, metadata);
  }
}
