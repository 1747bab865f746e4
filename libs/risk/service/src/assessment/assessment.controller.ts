import { BadRequestException, Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, UuidParam } from '@serviceledger/platform/nest';
import { RiskMatrix, riskPolicies } from '@serviceledger/risk/domain';
import { HeatMapQuery } from '../register/register.dto';
import { HeatMap, RegisterQueries } from '../register/register-queries';
import { RiskUseCases } from '../register/risk-use-cases';
import { AssessRiskDto, PublishMatrixDto } from './assessment.dto';

/** Assessment (K-1.2): likelihood × impact on the versioned matrix gives the level; the heat map counts risks per cell. */
@Controller('risk')
export class AssessmentController {
  constructor(
    private readonly useCases: RiskUseCases,
    private readonly commands: Commands,
    private readonly queries: RegisterQueries,
  ) {}

  @ApiOperation({ summary: "Assess a risk's likelihood and impact" })
  @Post('risks/:riskId/assessments')
  @RequirePermission('risk:manage')
  assess(@UuidParam('riskId') riskId: string, @Body() dto: AssessRiskDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.useCases.assess({ riskId, ...dto }, metadata);
  }

  /** Counts per cell now, or `?asOf=` a past instant: each risk in the cell of its latest assessment by then. */
  @ApiOperation({ summary: 'Read the risk heat map' })
  @Get('heat-map')
  @RequirePermission('risk:read')
  heatMap(@CurrentActor() actor: Actor, @Query() query: HeatMapQuery): Promise<HeatMap> {
    return this.queries.heatMap(actor, query);
  }

  /** Every version of the matrix, the one in force last. */
  @ApiOperation({ summary: 'Read every version of the risk matrix, the one in force last' })
  @Get('matrix')
  @RequirePermission('risk:read')
  async matrices(): Promise<RiskMatrix[]> {
    return (await this.useCases.policy()).matrices;
  }

  /** An organisation's own scale (4 × 4, its own labels) as the next version; earlier assessments keep theirs. */
  @ApiOperation({ summary: 'Publish a risk matrix' })
  @Post('matrix')
  @RequirePermission('risk:manage')
  publish(@Body() dto: PublishMatrixDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    if (dto.cells.flat().some((label) => typeof label !== 'string' || label.length > 64)) throw new BadRequestException('cells: every cell names a level by its label');
    return this.commands.execute(riskPolicies, { type: 'PublishRiskMatrix', data: dto, metadata });
  }
}
