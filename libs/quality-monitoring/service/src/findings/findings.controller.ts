import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { AsOf, AsOfQuery, CommandContext, Page, UuidParam } from '@serviceledger/platform/nest';
import { FindingState } from '@serviceledger/quality-monitoring/domain';
import { FindingQueries, FindingView } from './finding-queries';
import { FindingListQuery, MeasuresDto, RaiseFindingDto, RecheckDto, ReportDto } from './finding.dto';
import { FindingAccepted, FindingsService } from './findings.service';

/** Findings → rectification → re-check. */
@Controller('quality-monitoring/findings')
export class FindingsController {
  constructor(
    private readonly findings: FindingsService,
    private readonly queries: FindingQueries,
  ) {}

  @ApiOperation({ summary: 'Raise a quality finding' })
  @Post()
  @RequirePermission('finding:raise')
  raise(@Body() dto: RaiseFindingDto, @CommandContext() metadata: CommandMetadata): Promise<FindingAccepted> {
    // The finding's id derives from the command id, so a retried request raises one finding.
    const findingId = commandIdFrom('quality-monitoring-finding', metadata.commandId);
    return this.findings.raise({ type: 'RaiseFinding', data: { findingId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Submit the rectification measures for a finding' })
  @Post(':findingId/measures')
  @HttpCode(200)
  @RequirePermission('rectification:submit')
  measures(@UuidParam('findingId') findingId: string, @Body() dto: MeasuresDto, @CommandContext() metadata: CommandMetadata) {
    return this.findings.act({ type: 'SubmitRectificationMeasures', data: { findingId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Submit the rectification report for a finding' })
  @Post(':findingId/report')
  @HttpCode(200)
  @RequirePermission('rectification:submit')
  report(@UuidParam('findingId') findingId: string, @Body() dto: ReportDto, @CommandContext() metadata: CommandMetadata) {
    return this.findings.act({ type: 'SubmitRectificationReport', data: { findingId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Re-check a rectified finding' })
  @Post(':findingId/recheck')
  @HttpCode(200)
  @RequirePermission('finding:recheck')
  recheck(@UuidParam('findingId') findingId: string, @Body() dto: RecheckDto, @CommandContext() metadata: CommandMetadata) {
    return this.findings.act({ type: 'RecheckFinding', data: { findingId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'List findings' })
  @Get()
  @RequirePermission('quality:read')
  list(@CurrentActor() actor: Actor, @Query() query: FindingListQuery): Promise<Page<FindingView>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: 'Read a finding' })
  @Get(':findingId')
  @RequirePermission('quality:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('findingId') findingId: string, @Query() query: AsOfQuery): Promise<FindingView | AsOf<FindingState>> {
    return query.asOf ? this.queries.asOf(actor, findingId, query.asOf, query) : this.queries.detail(actor, findingId, query);
  }
}

