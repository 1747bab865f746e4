import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, KeyParam, Page } from '@serviceledger/platform/nest';
import { Outcome, OutcomeRuleBook } from '@serviceledger/hr-performance/domain';
import { OutcomeWorkflow } from './outcome-workflow';
import { HrApprovalDto, OutcomeListQuery, OutcomeRulesDto, RejectionDto } from './outcome.dto';

/**
 * Appraisal results applied (H-2.3): the versioned rule book; the outcomes it proposes from finalised
 * appraisals, each approved by the department head and then HR; what waits on the reader's approval.
 */
@Controller('hr-performance')
export class OutcomesController {
  constructor(private readonly workflow: OutcomeWorkflow) {}

  @ApiOperation({ summary: 'Set the rules from appraisal grades to outcomes' })
  @Put('outcome-rules')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  setRules(@Body() dto: OutcomeRulesDto, @CommandContext() metadata: CommandMetadata) {
    return this.workflow.setRules(dto, metadata);
  }

  @ApiOperation({ summary: 'Read the outcome rules' })
  @Get('outcome-rules')
  @RequirePermission('hr:read')
  rules(): Promise<NonNullable<OutcomeRuleBook>> {
    return this.workflow.rules();
  }

  @ApiOperation({ summary: 'List appraisal outcomes (pay, bonus, training)' })
  @Get('outcomes')
  @RequirePermission('hr-self:read')
  list(@CurrentActor() actor: Actor, @Query() query: OutcomeListQuery): Promise<Page<Outcome>> {
    return this.workflow.list(actor, query);
  }

  @ApiOperation({ summary: "List outcomes awaiting the caller's approval" })
  @Get('outcomes/awaiting-approval')
  @RequirePermission('appraisal:record')
  awaiting(@CurrentActor() actor: Actor, @Query() query: OutcomeListQuery): Promise<Page<Outcome>> {
    return this.workflow.awaiting(actor, query);
  }

  @ApiOperation({ summary: 'Read an outcome' })
  @Get('outcomes/:outcomeId')
  @RequirePermission('hr-self:read')
  detail(@CurrentActor() actor: Actor, @KeyParam('outcomeId') outcomeId: string): Promise<Outcome> {
    return this.workflow.detail(actor, outcomeId);
  }

  @ApiOperation({ summary: 'Approve an outcome as head of department' })
  @Post('outcomes/:outcomeId/head-approval')
  @HttpCode(200)
  @RequirePermission('appraisal:record')
  approveAsHead(@CurrentActor() actor: Actor, @KeyParam('outcomeId') outcomeId: string, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.workflow.approveAsHead(actor, outcomeId, metadata);
  }

  @ApiOperation({ summary: 'Approve an outcome as HR' })
  @Post('outcomes/:outcomeId/hr-approval')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  approveAsHr(@CurrentActor() actor: Actor, @KeyParam('outcomeId') outcomeId: string, @Body() dto: HrApprovalDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.workflow.approveAsHr(actor, outcomeId, dto, metadata);
  }

  @ApiOperation({ summary: 'Reject an outcome' })
  @Post('outcomes/:outcomeId/rejection')
  @HttpCode(200)
  @RequirePermission('appraisal:record')
  reject(@CurrentActor() actor: Actor, @KeyParam('outcomeId') outcomeId: string, @Body() dto: RejectionDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.workflow.reject(actor, outcomeId, dto.reason, metadata);
  }
}
