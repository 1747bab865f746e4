import { Body, Controller, Get, HttpCode, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, ConsistentQuery, CsvExport, IdentifierParam, KeyParam, Page, csvFile } from '@serviceledger/platform/nest';
import { AppraisalScheme } from '@serviceledger/hr-performance/domain';
import { APPRAISAL_CSV_COLUMNS, AppraisalDetail, AppraisalQueries, AppraisalSummary, DepartmentAggregate } from './appraisal-queries';
import { AppraisalWorkflow } from './appraisal-workflow';
import { AppraisalAccessRow } from './appraisal-accesses.projection';
import {
  AnnualAppraisalDto,
  AppraisalAccessQuery,
  AnnualReviewDto,
  AppraisalDetailQuery,
  AppraisalListQuery,
  AppraisalSchemeDto,
  AssessmentDto,
  PeriodQuery,
  RescoringQuery,
  RevisionDto,
} from './appraisal.dto';

/**
 * Appraisal (H-2.1, H-2.2): each post's versioned scheme; monthly appraisals drafted when quality monitoring
 * closes a month, assessed by the department head and finalised by HR; annual appraisals over the months
 * that exist; revisions with their reason; a closed cycle re-scored under another scheme version; figures
 * per department and period; the CSV of a period's finalised appraisals; the register of reads of their texts.
 */
@Controller('hr-performance')
export class AppraisalsController {
  constructor(
    private readonly workflow: AppraisalWorkflow,
    private readonly queries: AppraisalQueries,
  ) {}

  @ApiOperation({ summary: "Set a post's appraisal scheme" })
  @Put('appraisal-schemes/:postId')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  setScheme(@IdentifierParam('postId') postId: string, @Body() dto: AppraisalSchemeDto, @CommandContext() metadata: CommandMetadata) {
    return this.workflow.setScheme(postId, dto, metadata);
  }

  @ApiOperation({ summary: "Read a post's appraisal scheme" })
  @Get('appraisal-schemes/:postId')
  @RequirePermission('hr:read')
  scheme(@IdentifierParam('postId') postId: string, @Query() query: ConsistentQuery): Promise<AppraisalScheme> {
    return this.queries.scheme(postId, query);
  }

  @ApiOperation({ summary: 'List appraisals' })
  @Get('appraisals')
  @RequirePermission('hr:read')
  list(@CurrentActor() actor: Actor, @Query() query: AppraisalListQuery): Promise<Page<AppraisalSummary>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: "Read the caller's own appraisals" })
  @Get('me/appraisals')
  @RequirePermission('hr-self:read')
  mine(@CurrentActor() actor: Actor, @Query() query: AppraisalListQuery): Promise<Page<AppraisalSummary>> {
    return this.queries.list(actor, query, true);
  }

  @ApiOperation({ summary: 'Export appraisals as CSV' })
  @Get('appraisals.csv')
  @RequirePermission('hr:read')
  @CsvExport()
  async export(@CurrentActor() actor: Actor, @Query() query: PeriodQuery): Promise<StreamableFile> {
    return csvFile(`appraisals-${query.period}.csv`, await this.queries.finalised(actor, query.period, query), APPRAISAL_CSV_COLUMNS);
  }

  @ApiOperation({ summary: 'Appraisal results aggregated by department and grade' })
  @Get('appraisal-aggregates')
  @RequirePermission('hr:read')
  aggregates(@CurrentActor() actor: Actor, @Query() query: PeriodQuery): Promise<{ period: string; departments: DepartmentAggregate[] }> {
    return this.queries.aggregates(actor, query.period, query);
  }

  @ApiOperation({ summary: 'List who read which appraisals' })
  @Get('appraisal-accesses')
  @RequirePermission('personal-data-register:read')
  accesses(@Query() query: AppraisalAccessQuery): Promise<Page<AppraisalAccessRow>> {
    return this.queries.accesses(query);
  }

  @ApiOperation({ summary: 'Read an appraisal' })
  @Get('appraisals/:appraisalId')
  @RequirePermission('hr-self:read')
  detail(@CurrentActor() actor: Actor, @KeyParam('appraisalId') appraisalId: string, @Query() query: AppraisalDetailQuery): Promise<AppraisalDetail> {
    return this.queries.detail(actor, appraisalId, query.reason, query);
  }

  @ApiOperation({ summary: 'Rescore an appraisal under the scheme in force' })
  @Get('appraisals/:appraisalId/rescoring')
  @RequirePermission('hr:read')
  rescoring(@CurrentActor() actor: Actor, @KeyParam('appraisalId') appraisalId: string, @Query() query: RescoringQuery) {
    return this.queries.rescoring(actor, appraisalId, query.version, query);
  }

  @ApiOperation({ summary: 'Assess an appraisal as head of department' })
  @Post('appraisals/:appraisalId/assessment')
  @HttpCode(200)
  @RequirePermission('appraisal:record')
  assess(@CurrentActor() actor: Actor, @KeyParam('appraisalId') appraisalId: string, @Body() dto: AssessmentDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.workflow.assess(actor, appraisalId, dto, metadata);
  }

  @ApiOperation({ summary: 'Record an annual review on an appraisal' })
  @Post('appraisals/:appraisalId/annual-review')
  @HttpCode(200)
  @RequirePermission('appraisal:record')
  review(@CurrentActor() actor: Actor, @KeyParam('appraisalId') appraisalId: string, @Body() dto: AnnualReviewDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.workflow.review(actor, appraisalId, dto, metadata);
  }

  @ApiOperation({ summary: 'Draft the annual appraisals' })
  @Post('annual-appraisals')
  @RequirePermission('hr:manage')
  draftAnnual(@Body() dto: AnnualAppraisalDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.workflow.draftAnnual(dto.employeeId, dto.year, metadata);
  }

  @ApiOperation({ summary: 'Finalise an appraisal' })
  @Post('appraisals/:appraisalId/finalisation')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  finalise(@CurrentActor() actor: Actor, @KeyParam('appraisalId') appraisalId: string, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.workflow.finalise(actor, appraisalId, metadata);
  }

  @ApiOperation({ summary: 'Revise a finalised appraisal' })
  @Post('appraisals/:appraisalId/revisions')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  revise(@CurrentActor() actor: Actor, @KeyParam('appraisalId') appraisalId: string, @Body() dto: RevisionDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.workflow.revise(actor, appraisalId, dto, metadata);
  }
}
