import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, Page, UuidParam } from '@serviceledger/platform/nest';
import { improvementMeasures } from '@serviceledger/quality-monitoring/domain';
import { PeriodParam } from '../path-params';
import { CompleteImprovementDto, FindingFromMeasureDto, FollowUpDto, ImprovementListQuery, RecordImprovementMeasureDto } from './improvement.dto';
import { ImprovementMeasureView, ImprovementQueries, StageAnalysis } from './improvement-queries';
import { ImprovementMeasuresService } from './improvement-measures.service';

const MeasureId = () => UuidParam('measureId');

/**
 * 二(六)3 持續改進: the analysis of after-sales problems per period and process stage, and the improvement
 * measures fed back to each stage, with an owner and a due date, followed up until done (P-6.3).
 */
@Controller('quality-monitoring')
export class ImprovementMeasuresController {
  constructor(
    private readonly commands: Commands,
    private readonly measures: ImprovementMeasuresService,
    private readonly queries: ImprovementQueries,
  ) {}

  @ApiOperation({ summary: "Analyse a period's problems by process stage" })
  @Get('stage-analysis/:period')
  @RequirePermission('quality:read')
  analysis(@CurrentActor() actor: Actor, @PeriodParam() period: string, @Query() query: ConsistentQuery): Promise<StageAnalysis> {
    return this.queries.analysis(actor, period, query);
  }

  @ApiOperation({ summary: 'Record an improvement measure' })
  @Post('improvement-measures')
  @RequirePermission('finding:raise')
  record(@Body() dto: RecordImprovementMeasureDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    // The measure's id derives from the command id, so a retried request records one measure.
    const measureId = commandIdFrom('quality-monitoring-improvement', metadata.commandId);
    return this.commands.execute(improvementMeasures, { type: 'RecordImprovementMeasure', data: { measureId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Follow up an improvement measure' })
  @Post('improvement-measures/:measureId/follow-ups')
  @RequirePermission('rectification:submit')
  followUp(@MeasureId() measureId: string, @Body() dto: FollowUpDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(improvementMeasures, { type: 'FollowUpImprovementMeasure', data: { measureId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Complete an improvement measure' })
  @Post('improvement-measures/:measureId/completion')
  @HttpCode(200)
  @RequirePermission('rectification:submit')
  complete(@MeasureId() measureId: string, @Body() dto: CompleteImprovementDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(improvementMeasures, { type: 'CompleteImprovementMeasure', data: { measureId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Raise a finding from an improvement measure' })
  @Post('improvement-measures/:measureId/findings')
  @RequirePermission('finding:raise')
  raiseFinding(@MeasureId() measureId: string, @Body() dto: FindingFromMeasureDto, @CommandContext() metadata: CommandMetadata) {
    return this.measures.raiseFinding(measureId, dto, metadata);
  }

  @ApiOperation({ summary: 'List improvement measures' })
  @Get('improvement-measures')
  @RequirePermission('quality:read')
  list(@CurrentActor() actor: Actor, @Query() query: ImprovementListQuery): Promise<Page<ImprovementMeasureView>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: 'Read an improvement measure' })
  @Get('improvement-measures/:measureId')
  @RequirePermission('quality:read')
  detail(@CurrentActor() actor: Actor, @MeasureId() measureId: string, @Query() query: ConsistentQuery): Promise<ImprovementMeasureView> {
    return this.queries.detail(actor, measureId, query);
  }
}
