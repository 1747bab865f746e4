import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandMetadata, NotFoundError } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandContext, Commands } from '@serviceledger/platform/nest';
import {
  AfterSalesMeasureRules,
  MEASURE_RULES_ID,
  MeasureRulesByNature,
  PROBLEM_NATURES,
  afterSalesMeasureRules,
  latestMeasureRules,
} from '@serviceledger/service-delivery/domain';
import { MeasureRulesDto } from './after-sales-problem.dto';

/**
 * 二(六)2: the measures each class of after-sales problem is offered and requires, versioned. Which measures
 * solve a problem is a quality standard, revised by those who manage the standards; everyone who reads
 * delivery may read the rules and their versions.
 */
@Controller('service-delivery/after-sales-measure-rules')
export class MeasureRulesController {
  constructor(private readonly commands: Commands) {}

  @ApiOperation({ summary: 'Read the rules for after-sales measures' })
  @Get()
  @RequirePermission('delivery:read')
  async rules(): Promise<AfterSalesMeasureRules> {
    const rules = await this.commands.state(afterSalesMeasureRules, MEASURE_RULES_ID);
    if (!rules) throw new NotFoundError(afterSalesMeasureRules.name, MEASURE_RULES_ID);
    return rules;
  }

  /** A change is the next version; the same rules again are none. */
  @ApiOperation({ summary: 'Revise the rules for after-sales measures' })
  @Put()
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  async revise(@Body() dto: MeasureRulesDto, @CommandContext() metadata: CommandMetadata) {
    const byNature = Object.fromEntries(
      PROBLEM_NATURES.map((nature) => {
        const { offered, required } = dto[nature];
        return [nature, { offered, required: { simple: required.simple, complex: required.complex } }];
      }),
    ) as MeasureRulesByNature;
    const { checkpoint, state } = await this.commands.decide(afterSalesMeasureRules, { type: 'ReviseAfterSalesMeasureRules', data: { rulesId: MEASURE_RULES_ID, byNature }, metadata });
    return { id: MEASURE_RULES_ID, checkpoint, version: state ? latestMeasureRules(state).version : undefined };
  }
}
