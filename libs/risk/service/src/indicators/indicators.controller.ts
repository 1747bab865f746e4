import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandMetadata } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, IdentifierParam, PatternParam } from '@serviceledger/platform/nest';
import { INDICATOR_REGISTRY_ID, Indicator, IndicatorCategory, RISK_CATEGORIES, indicatorRegistries } from '@serviceledger/risk/domain';
import { BackTestResult, BackTester } from './back-tester';
import { BackTestDto, CategoryOwnerDto, DefineIndicatorDto, IndicatorFieldsDto, RetireIndicatorDto, definitionFrom } from './indicator.dto';

export interface IndicatorsView {
  indicators: Indicator[];
  /** The owner of each category's risks, warned by an indicator that names no owner of its own. */
  categoryOwners: Partial<Record<IndicatorCategory, string>>;
}

/** One of the five categories of risk (K-1.1): anything else is 400 naming the parameter. */
const CategoryParam = () => PatternParam('category', new RegExp(`^(${RISK_CATEGORIES.join('|')})$`), `one of ${RISK_CATEGORIES.join(', ')}`);

/** Key risk indicators as versioned data, their category owners, and back-tests (K-3.2). */
@Controller('risk/indicators')
export class IndicatorsController {
  constructor(
    private readonly commands: Commands,
    private readonly backTester: BackTester,
  ) {}

  /** Every indicator with its versions (the current one first in each), and the category owners. */
  @ApiOperation({ summary: 'List risk indicators' })
  @Get()
  @RequirePermission('risk:read')
  async list(): Promise<IndicatorsView> {
    const registry = await this.commands.state(indicatorRegistries, INDICATOR_REGISTRY_ID);
    const indicators = Object.values(registry.indicators).sort((a, b) => (a.indicatorId < b.indicatorId ? -1 : 1));
    return { indicators, categoryOwners: registry.owners };
  }

  @ApiOperation({ summary: 'Define a risk indicator' })
  @Post()
  @RequirePermission('risk:manage')
  define(@Body() dto: DefineIndicatorDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(indicatorRegistries, { type: 'DefineIndicator', data: definitionFrom(dto.indicatorId, dto), metadata });
  }

  /** A new version when anything changed; nothing when nothing did. */
  @ApiOperation({ summary: 'Revise a risk indicator' })
  @Put(':indicatorId')
  @RequirePermission('risk:manage')
  revise(@IdentifierParam('indicatorId') indicatorId: string, @Body() dto: IndicatorFieldsDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(indicatorRegistries, { type: 'ReviseIndicator', data: definitionFrom(indicatorId, dto), metadata });
  }

  @ApiOperation({ summary: 'Retire a risk indicator' })
  @Post(':indicatorId/retirement')
  @HttpCode(200)
  @RequirePermission('risk:manage')
  retire(@IdentifierParam('indicatorId') indicatorId: string, @Body() dto: RetireIndicatorDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(indicatorRegistries, { type: 'RetireIndicator', data: { indicatorId, reason: dto.reason }, metadata });
  }

  @ApiOperation({ summary: "Assign the owner of a risk category's warnings" })
  @Put('category-owners/:category')
  @RequirePermission('risk:manage')
  assignOwner(@CategoryParam() category: string, @Body() dto: CategoryOwnerDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(indicatorRegistries, { type: 'AssignCategoryOwner', data: { category, ownerId: dto.ownerId }, metadata });
  }

  /** What-if: the warnings this indicator (new, or an existing one with another threshold) would have raised over past months. Raises nothing. */
  @ApiOperation({ summary: 'Back-test an indicator on past events' })
  @ApiOkResponse({ description: 'The warnings the indicator would have raised over the period; nothing is raised' })
  @Post('back-test')
  @HttpCode(200)
  @RequirePermission('risk:read')
  backTest(@Body() dto: BackTestDto): Promise<BackTestResult> {
    return this.backTester.run(definitionFrom(dto.indicatorId, dto), dto.from, dto.to);
  }
}
