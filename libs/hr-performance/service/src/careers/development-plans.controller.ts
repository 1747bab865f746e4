import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, ConsistentQuery, KeyParam, Page } from '@serviceledger/platform/nest';
import { DepartmentQuery } from '../employees/employee.dto';
import { DevelopmentPlanQueries, DevelopmentPlanView, OverdueReview } from './development-plan-queries';
import { DevelopmentPlanDto, PlanReviewDto } from './development-plan.dto';
import { DevelopmentPlansService } from './development-plans.service';

/**
 * Individual development plans (H-3.1): recorded and reviewed by HR (`hr:manage`), at least yearly; overdue
 * reviews listed for HR and the department head; the employee reads their own (`GET /hr-performance/me/development-plan`).
 */
@Controller('hr-performance')
export class DevelopmentPlansController {
  constructor(
    private readonly plans: DevelopmentPlansService,
    private readonly queries: DevelopmentPlanQueries,
  ) {}

  /** Records the plan, or its next version (which counts as a review). */
  @ApiOperation({ summary: "Record an employee's development plan" })
  @Put('development-plans/:employeeId')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  record(@KeyParam('employeeId') employeeId: string, @Body() dto: DevelopmentPlanDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.plans.record(employeeId, dto, metadata);
  }

  @ApiOperation({ summary: 'Review a development plan' })
  @Post('development-plans/:employeeId/reviews')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  review(@KeyParam('employeeId') employeeId: string, @Body() dto: PlanReviewDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.plans.review(employeeId, dto.notes, metadata);
  }

  @ApiOperation({ summary: "Read an employee's development plan" })
  @Get('development-plans/:employeeId')
  @RequirePermission('hr:read')
  detail(@CurrentActor() actor: Actor, @KeyParam('employeeId') employeeId: string, @Query() query: ConsistentQuery): Promise<DevelopmentPlanView> {
    return this.queries.detail(actor, employeeId, query);
  }

  @ApiOperation({ summary: 'List development reviews past due' })
  @Get('development-reviews/overdue')
  @RequirePermission('hr:read')
  overdue(@CurrentActor() actor: Actor, @Query() query: DepartmentQuery): Promise<Page<OverdueReview>> {
    return this.queries.overdueReviews(actor, query);
  }

  @ApiOperation({ summary: "Read the caller's own development plan" })
  @Get('me/development-plan')
  @RequirePermission('hr-self:read')
  own(@CurrentActor() actor: Actor, @Query() query: ConsistentQuery): Promise<DevelopmentPlanView> {
    return this.queries.own(actor, query);
  }
}
