import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, Page, UuidParam, WholeNumberParam } from '@serviceledger/platform/nest';
import { QuarterAmounts, rdInvestmentPlans } from '@serviceledger/resource/domain';
import { RdInvestmentQueries, RdPlanView, RdVarianceReport } from './rd-investment-queries';
import { DecisionReasonDto, DraftRdPlanDto, RdPlanListQuery, RdVarianceQuery, RecordRdSpendDto, RequestBudgetRevisionDto, toFen } from './rd-investment.dto';

const quarters = (budget: number[]): QuarterAmounts => budget.map(toFen) as QuarterAmounts;

/**
 * R&D investment (R-1.3; 五(一)3 "根據公司業務發展需求,合理安排技術研發投入"): yearly plans per department and
 * project whose lines name the business need they serve, spends against the lines, budget revisions, and the
 * variance of budget against spending.
 */
@Controller('resource/rd-investment')
export class RdInvestmentController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: RdInvestmentQueries,
  ) {}

  @ApiOperation({ summary: 'Draft an R&D investment plan' })
  @Post('plans')
  @RequirePermission('rd-investment:manage')
  draft(@Body() dto: DraftRdPlanDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    // The plan's id derives from the command id, so a retried request drafts one plan.
    const planId = commandIdFrom('resource-rd-plan', metadata.commandId);
    const lines = dto.lines.map(({ lineId, title, need, budget }) => ({ lineId, title, need: { kind: need.kind, reference: need.reference, note: need.note }, budget: quarters(budget) }));
    const { year, departmentId, projectId, projectName } = dto;
    return this.commands.execute(rdInvestmentPlans, { type: 'DraftRdPlan', data: { planId, year, departmentId, projectId, projectName, lines }, metadata });
  }

  @ApiOperation({ summary: 'Approve an R&D investment plan' })
  @Post('plans/:planId/approval')
  @HttpCode(200)
  @RequirePermission('rd-investment:manage')
  approve(@UuidParam('planId') planId: string, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(rdInvestmentPlans, { type: 'ApproveRdPlan', data: { planId }, metadata });
  }

  @ApiOperation({ summary: 'Record R&D spending against a plan' })
  @Post('plans/:planId/spends')
  @RequirePermission('rd-investment:manage')
  async spend(@UuidParam('planId') planId: string, @Body() dto: RecordRdSpendDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    const spendId = commandIdFrom('resource-rd-spend', metadata.commandId);
    const { checkpoint } = await this.commands.execute(rdInvestmentPlans, {
      type: 'RecordRdSpend',
      data: { planId, spendId, lineId: dto.lineId, amount: toFen(dto.amount), spentOn: dto.spentOn, description: dto.description, ...(dto.reference ? { reference: dto.reference } : {}) },
      metadata,
    });
    return { id: spendId, checkpoint };
  }

  @ApiOperation({ summary: 'Request a revision of an R&D plan' })
  @Post('plans/:planId/revisions')
  @RequirePermission('rd-investment:manage')
  requestRevision(@UuidParam('planId') planId: string, @Body() dto: RequestBudgetRevisionDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(rdInvestmentPlans, { type: 'RequestBudgetRevision', data: { planId, lineId: dto.lineId, budget: quarters(dto.budget), reason: dto.reason }, metadata });
  }

  @ApiOperation({ summary: 'Approve an R&D plan revision' })
  @Post('plans/:planId/revisions/:revisionNumber/approval')
  @HttpCode(200)
  @RequirePermission('rd-investment:manage')
  approveRevision(@UuidParam('planId') planId: string, @WholeNumberParam('revisionNumber') revisionNumber: number, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(rdInvestmentPlans, { type: 'ApproveBudgetRevision', data: { planId, revisionNumber }, metadata });
  }

  @ApiOperation({ summary: 'Reject an R&D plan revision' })
  @Post('plans/:planId/revisions/:revisionNumber/rejection')
  @HttpCode(200)
  @RequirePermission('rd-investment:manage')
  rejectRevision(
    @UuidParam('planId') planId: string,
    @WholeNumberParam('revisionNumber') revisionNumber: number,
    @Body() dto: DecisionReasonDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CommandAccepted> {
    return this.commands.execute(rdInvestmentPlans, { type: 'RejectBudgetRevision', data: { planId, revisionNumber, reason: dto.reason }, metadata });
  }

  @ApiOperation({ summary: 'List R&D investment plans' })
  @Get('plans')
  @RequirePermission('resource:read')
  list(@CurrentActor() actor: Actor, @Query() query: RdPlanListQuery): Promise<Page<RdPlanView>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: 'Read an R&D investment plan' })
  @Get('plans/:planId')
  @RequirePermission('resource:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('planId') planId: string, @Query() query: ConsistentQuery): Promise<RdPlanView> {
    return this.queries.detail(actor, planId, query);
  }

  /** Budget against spending for a year: per line (beside the demands behind its business need), department, quarter and the year, in CNY. */
  @ApiOperation({ summary: 'Report R&D spending against plans' })
  @Get('variance')
  @RequirePermission('resource:read')
  variance(@CurrentActor() actor: Actor, @Query() query: RdVarianceQuery): Promise<RdVarianceReport> {
    return this.queries.variance(actor, query);
  }
}
