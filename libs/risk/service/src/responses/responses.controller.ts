import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, UuidParam, WholeNumberParam } from '@serviceledger/platform/nest';
import { ResponseRuleBook, riskPolicies, risks } from '@serviceledger/risk/domain';
import { RiskUseCases } from '../register/risk-use-cases';
import { ApproveExceptionDto, ChooseResponseDto, CompleteActionDto, PublishRulesDto, ReapproveDto } from './responses.dto';

/**
 * Responses (K-2.1, 七(二)): avoid, reduce, transfer or accept, checked by the versioned rules; a manager's
 * exception with its reason; actions with owners and due dates; re-approval after a material change.
 */
@Controller('risk')
export class ResponsesController {
  constructor(
    private readonly useCases: RiskUseCases,
    private readonly commands: Commands,
  ) {}

  @ApiOperation({ summary: 'Choose a response to a risk' })
  @Post('risks/:riskId/responses')
  @RequirePermission('risk:manage')
  choose(@UuidParam('riskId') riskId: string, @Body() dto: ChooseResponseDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.useCases.choose({ riskId, ...dto }, metadata);
  }

  /** A manager's exception to the rule that refuses a strategy for the risk as assessed now. */
  @ApiOperation({ summary: 'Approve an exception to the response rules' })
  @Post('risks/:riskId/exceptions')
  @RequirePermission('risk-exception:approve')
  approveException(@UuidParam('riskId') riskId: string, @Body() dto: ApproveExceptionDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    const exceptionId = commandIdFrom('risk-exception', metadata.commandId);
    return this.useCases.approveException({ riskId, exceptionId, ...dto }, metadata);
  }

  /** Approves again the response a material change or an expiry sent back, if the rules (or an exception) still allow it. */
  @ApiOperation({ summary: 'Reapprove an expiring risk response' })
  @Post('risks/:riskId/reapproval')
  @HttpCode(200)
  @RequirePermission('risk:manage')
  reapprove(@UuidParam('riskId') riskId: string, @Body() dto: ReapproveDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.useCases.reapprove({ riskId, ...dto }, metadata);
  }

  @ApiOperation({ summary: 'Complete an action of a risk response' })
  @Post('risks/:riskId/responses/:responseNumber/actions/:actionNumber/completion')
  @HttpCode(200)
  @RequirePermission('risk:manage')
  complete(
    @UuidParam('riskId') riskId: string,
    @WholeNumberParam('responseNumber') responseNumber: number,
    @WholeNumberParam('actionNumber') actionNumber: number,
    @Body() dto: CompleteActionDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.commands.execute(risks, { type: 'CompleteResponseAction', data: { riskId, responseNumber, actionNumber, ...dto }, metadata });
  }

  /** Every version of the response rules, the one in force last. */
  @ApiOperation({ summary: 'Read every version of the response rules, the one in force last' })
  @Get('response-rules')
  @RequirePermission('risk:read')
  async rules(): Promise<ResponseRuleBook[]> {
    return (await this.useCases.policy()).ruleBooks;
  }

  @ApiOperation({ summary: 'Publish response rules' })
  @Post('response-rules')
  @RequirePermission('risk:manage')
  publish(@Body() dto: PublishRulesDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(riskPolicies, { type: 'PublishResponseRules', data: dto, metadata });
  }
}
