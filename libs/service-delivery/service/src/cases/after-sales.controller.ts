import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandMetadata } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, PatternParam, UuidParam, WholeNumberParam } from '@serviceledger/platform/nest';
import { FOLLOW_UP_VISIT_ID_PATTERN } from '@serviceledger/service-delivery/domain';
import { ClassifyProblemDto, ProblemMeasureDto } from './after-sales-problem.dto';
import { AssignHandlerDto, NoteDto, OutcomeDto, ReasonDto, RecordMeetingDto, RecordVisitDto, ResolveProblemDto } from './case.dto';
import { AfterSalesWork } from './after-sales-work';
import { ProblemRequestCommand } from './case-requests';
import { MeetingWork } from './meeting-work';

const ProblemId = () => UuidParam('problemId');
const VisitId = () => PatternParam('visitId', FOLLOW_UP_VISIT_ID_PATTERN, "a follow-up visit's id, <case id>-visit-<number>");

/** Follow-up visits and after-sales problems (P-6.1 … P-6.3), and project meetings (C-1.1). */
@Controller('service-delivery')
export class AfterSalesController {
  constructor(
    private readonly afterSales: AfterSalesWork,
    private readonly meetings: MeetingWork,
  ) {}

  private onProblem<T extends ProblemRequestCommand['type']>(
    type: T,
    data: Extract<ProblemRequestCommand, { type: T }>['data'],
    metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.afterSales.onProblem({ type, data, metadata } as ProblemRequestCommand);
  }

  @ApiOperation({ summary: "Record a follow-up visit's outcome" })
  @Post('follow-up-visits/:visitId/record')
  @HttpCode(200)
  @RequirePermission('follow-up:record')
  recordVisit(@VisitId() visitId: string, @Body() dto: RecordVisitDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.afterSales.recordVisit(visitId, dto, metadata);
  }

  @ApiOperation({ summary: 'Cancel a follow-up visit, with the reason' })
  @Post('follow-up-visits/:visitId/cancellation')
  @HttpCode(200)
  @RequirePermission('follow-up:record')
  cancelVisit(@VisitId() visitId: string, @Body() dto: ReasonDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.afterSales.cancelVisit({ type: 'CancelFollowUpVisit', data: { visitId, ...dto }, metadata });
  }

  @ApiOperation({ summary: "Assign or change an after-sales problem's handler" })
  @Post('after-sales-problems/:problemId/handler')
  @HttpCode(200)
  @RequirePermission('after-sales:handle')
  assignHandler(@ProblemId() problemId: string, @Body() dto: AssignHandlerDto, @CommandContext() metadata: CommandMetadata) {
    return this.onProblem('AssignProblemHandler', { problemId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Classify an after-sales problem' })
  @Post('after-sales-problems/:problemId/classification')
  @HttpCode(200)
  @RequirePermission('after-sales:handle')
  classify(@ProblemId() problemId: string, @Body() dto: ClassifyProblemDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.afterSales.classifyProblem({ problemId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Record the measures taken on an after-sales problem' })
  @Post('after-sales-problems/:problemId/measures')
  @RequirePermission('after-sales:handle')
  measure(@ProblemId() problemId: string, @Body() dto: ProblemMeasureDto, @CommandContext() metadata: CommandMetadata) {
    return this.onProblem('RecordProblemMeasure', { problemId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Resolve an after-sales problem' })
  @Post('after-sales-problems/:problemId/resolution')
  @HttpCode(200)
  @RequirePermission('after-sales:handle')
  resolve(@ProblemId() problemId: string, @Body() dto: ResolveProblemDto, @CommandContext() metadata: CommandMetadata) {
    return this.onProblem('ResolveAfterSalesProblem', { problemId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Reopen an after-sales problem' })
  @Post('after-sales-problems/:problemId/reopening')
  @HttpCode(200)
  @RequirePermission('after-sales:handle')
  reopen(@ProblemId() problemId: string, @Body() dto: ReasonDto, @CommandContext() metadata: CommandMetadata) {
    return this.onProblem('ReopenAfterSalesProblem', { problemId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Close an after-sales problem' })
  @Post('after-sales-problems/:problemId/closure')
  @HttpCode(200)
  @RequirePermission('after-sales:handle')
  closeProblem(@ProblemId() problemId: string, @Body() dto: NoteDto, @CommandContext() metadata: CommandMetadata) {
    return this.onProblem('CloseAfterSalesProblem', { problemId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Record a project meeting with its actions' })
  @Post('project-meetings')
  @RequirePermission('meeting:record')
  recordMeeting(@Body() dto: RecordMeetingDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.meetings.record({ type: 'RecordProjectMeeting', data: { meetingId: metadata.commandId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Complete an action of a project meeting' })
  @Post('project-meetings/:meetingId/actions/:actionNumber/completion')
  @HttpCode(200)
  @RequirePermission('meeting:record')
  completeAction(
    @UuidParam('meetingId') meetingId: string,
    @WholeNumberParam('actionNumber') actionNumber: number,
    @Body() dto: OutcomeDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.meetings.completeAction({ type: 'CompleteMeetingAction', data: { meetingId, actionNumber, ...dto }, metadata });
  }
}
