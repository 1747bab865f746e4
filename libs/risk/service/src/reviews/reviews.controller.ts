import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, UuidParam } from '@serviceledger/platform/nest';
import { Cadences, cadencesOf, riskPolicies } from '@serviceledger/risk/domain';
import { RegisterQueries, RegisterRecord } from '../register/register-queries';
import { RiskUseCases } from '../register/risk-use-cases';
import { RecordReviewDto, SetCadencesDto } from './reviews.dto';

/** Monitoring (K-3.1): reviews on a cadence by level record the reassessment and whether the response works. */
@Controller('risk')
export class ReviewsController {
  constructor(
    private readonly useCases: RiskUseCases,
    private readonly commands: Commands,
    private readonly queries: RegisterQueries,
  ) {}

  @ApiOperation({ summary: 'Review a risk' })
  @Post('risks/:riskId/reviews')
  @RequirePermission('risk:manage')
  review(@UuidParam('riskId') riskId: string, @Body() dto: RecordReviewDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.useCases.review({ riskId, ...dto }, metadata);
  }

  /** Open risks whose review is due and not recorded, the longest overdue first. */
  @ApiOperation({ summary: 'List risk reviews past due' })
  @Get('reviews/overdue')
  @RequirePermission('risk:read')
  overdue(@CurrentActor() actor: Actor, @Query() query: ConsistentQuery): Promise<RegisterRecord[]> {
    return this.queries.overdueReviews(actor, query);
  }

  /** Identification cadences per category and review cadences per band. */
  @ApiOperation({ summary: 'Read the review cadences' })
  @Get('cadences')
  @RequirePermission('risk:read')
  async cadences(): Promise<Cadences> {
    return cadencesOf(await this.useCases.policy());
  }

  @ApiOperation({ summary: 'Set the review cadences' })
  @Put('cadences')
  @RequirePermission('risk:manage')
  setCadences(@Body() dto: SetCadencesDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(riskPolicies, { type: 'SetRiskCadences', data: { identification: dto.identification, review: dto.review }, metadata });
  }
}
