import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, ConsistentQuery, KeyParam, Page } from '@serviceledger/platform/nest';
import { DepartmentQuery, EmployeeListQuery, HireEmployeeDto, LeavingDto, PlacementDto } from './employee.dto';
import { EmployeeQueries, EmployeeView, OverdueOnboarding } from './employee-queries';
import { EmployeesService } from './employees.service';

/**
 * Employees (H-1.1) and their onboarding (H-1.2): HR hires, places and records leaving (`hr:manage`); HR sees
 * everyone, a department head their departments' people, an employee themselves (`GET /hr-performance/me`).
 */
@Controller('hr-performance')
export class EmployeesController {
  constructor(
    private readonly employees: EmployeesService,
    private readonly queries: EmployeeQueries,
  ) {}

  @ApiOperation({ summary: "Hire an employee who meets the post's standards" })
  @Post('employees')
  @RequirePermission('hr:manage')
  hire(@Body() dto: HireEmployeeDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.employees.hire(dto, metadata);
  }

  @ApiOperation({ summary: 'Place an employee in another post or level' })
  @Post('employees/:employeeId/placements')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  place(@KeyParam('employeeId') employeeId: string, @Body() dto: PlacementDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.employees.place(employeeId, dto, metadata);
  }

  @ApiOperation({ summary: 'Record an employee leaving' })
  @Post('employees/:employeeId/leaving')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  leave(@KeyParam('employeeId') employeeId: string, @Body() dto: LeavingDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.employees.leave(employeeId, dto.leftOn, dto.reason, metadata);
  }

  /** Destroys a former employee's data key (ADR 0016): their name and development plan read as erased everywhere. */
  @ApiOperation({ summary: "Erase a former employee's personal data" })
  @Post('employees/:employeeId/erasure')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  erase(@KeyParam('employeeId') employeeId: string, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.employees.erase(employeeId, metadata);
  }

  @ApiOperation({ summary: 'List employees' })
  @Get('employees')
  @RequirePermission('hr:read')
  list(@CurrentActor() actor: Actor, @Query() query: EmployeeListQuery): Promise<Page<EmployeeView>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: "Read an employee's record" })
  @Get('employees/:employeeId')
  @RequirePermission('hr:read')
  detail(@CurrentActor() actor: Actor, @KeyParam('employeeId') employeeId: string, @Query() query: ConsistentQuery): Promise<EmployeeView> {
    return this.queries.detail(actor, employeeId, query);
  }

  @ApiOperation({ summary: 'List onboarding past its due date' })
  @Get('onboarding/overdue')
  @RequirePermission('hr:read')
  overdue(@CurrentActor() actor: Actor, @Query() query: DepartmentQuery): Promise<Page<OverdueOnboarding>> {
    return this.queries.overdueOnboarding(actor, query);
  }

  @ApiOperation({ summary: "Read the caller's own employee record" })
  @Get('me')
  @RequirePermission('hr-self:read')
  own(@CurrentActor() actor: Actor, @Query() query: ConsistentQuery): Promise<EmployeeView> {
    return this.queries.own(actor, query);
  }
}
