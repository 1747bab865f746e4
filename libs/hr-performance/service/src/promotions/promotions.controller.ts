import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, KeyParam, PatternParam } from '@serviceledger/platform/nest';
import { PromotionTrack, TRACK_IDS, TrackId } from '@serviceledger/hr-performance/domain';
import { CareerView, PromotionWorkflow } from './promotion-workflow';
import { CareerQuery, PromotionDto, PromotionTrackDto } from './promotion.dto';

/** The `:trackId` of a route: one of the two tracks. */
const TrackParam = (): ParameterDecorator => PatternParam('trackId', /^(management|professional)$/, 'management or professional');

/**
 * Promotion tracks and decisions (H-3.2): the management and professional/technical tracks' levels and
 * criteria, promotions decided against them (409 naming the criterion that fails, unless an exception with
 * its reason), and an employee's grade, track and pay adjustments as of any date (H-2.3).
 */
@Controller('hr-performance')
export class PromotionsController {
  constructor(private readonly workflow: PromotionWorkflow) {}

  @ApiOperation({ summary: 'Define a promotion track and its levels' })
  @Put('promotion-tracks/:trackId')
  @ApiParam({ name: 'trackId', enum: TRACK_IDS })
  @HttpCode(200)
  @RequirePermission('hr:manage')
  setTrack(@TrackParam() trackId: TrackId, @Body() dto: PromotionTrackDto, @CommandContext() metadata: CommandMetadata) {
    return this.workflow.setTrack(trackId, dto, metadata);
  }

  @ApiOperation({ summary: 'List promotion tracks' })
  @Get('promotion-tracks')
  @RequirePermission('hr-self:read')
  tracks(): Promise<Array<NonNullable<PromotionTrack>>> {
    return this.workflow.tracks();
  }

  @ApiOperation({ summary: 'Decide a promotion' })
  @Post('promotions')
  @RequirePermission('hr:manage')
  decide(@Body() dto: PromotionDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.workflow.decide(dto, metadata);
  }

  @ApiOperation({ summary: "Read an employee's career" })
  @Get('careers/:employeeId')
  @RequirePermission('hr-self:read')
  career(@CurrentActor() actor: Actor, @KeyParam('employeeId') employeeId: string, @Query() query: CareerQuery): Promise<CareerView> {
    return this.workflow.career(actor, employeeId, query.asOf);
  }
}
