import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandMetadata } from '@serviceledger/platform/core';
import { CommandAccepted, CommandContext, Commands, IdentifierParam } from '@serviceledger/platform/nest';
import {
  DEPARTMENT_REGISTRY_ID,
  DepartmentRegistryCommand,
  TRIAGE_RULES_ID,
  TRIAGE_RULES_STREAM,
  TriageRule,
  TriageRuleSet,
  departmentRegistries,
  triageRuleBooks,
} from '@serviceledger/intake/domain';
import { DepartmentDto, PublishTriageRulesDto, RouteDto } from './administration.dto';

/** Configuration kept as events: the department registry and routing (P-2.1), the triage rules (P-1.3). */
@Controller('intake')
export class AdministrationController {
  constructor(private readonly commands: Commands) {}

  @ApiOperation({ summary: 'List departments' })
  @Get('departments')
  @RequirePermission('departments:read')
  async departments() {
    const registry = await this.commands.state(departmentRegistries, DEPARTMENT_REGISTRY_ID);
    return {
      departments: [...registry.departments.values()],
      routes: [...registry.routes].map(([businessCategory, route]) => ({ businessCategory, ...route })),
      fallback: registry.fallback ?? null,
    };
  }

  @ApiOperation({ summary: 'Define a department with its head' })
  @Put('departments/:departmentId')
  @HttpCode(200)
  @RequirePermission('departments:manage')
  async defineDepartment(@IdentifierParam('departmentId') departmentId: string, @Body() dto: DepartmentDto, @CommandContext() metadata: CommandMetadata) {
    const registry = await this.commands.state(departmentRegistries, DEPARTMENT_REGISTRY_ID);
    const type = registry.departments.has(departmentId) ? 'UpdateDepartment' : 'DefineDepartment';
    return this.registry({ type, data: { departmentId, ...dto }, metadata }, departmentId);
  }

  @ApiOperation({ summary: 'Route a business category to a department' })
  @Put('routing-rules/:businessCategory')
  @HttpCode(200)
  @RequirePermission('departments:manage')
  setRoute(@IdentifierParam('businessCategory') businessCategory: string, @Body() dto: RouteDto, @CommandContext() metadata: CommandMetadata) {
    return this.registry({ type: 'SetRoutingRule', data: { businessCategory, ...dto }, metadata }, businessCategory);
  }

  @ApiOperation({ summary: "Remove a business category's routing rule" })
  @Delete('routing-rules/:businessCategory')
  @HttpCode(200)
  @RequirePermission('departments:manage')
  removeRoute(@IdentifierParam('businessCategory') businessCategory: string, @CommandContext() metadata: CommandMetadata) {
    return this.registry({ type: 'RemoveRoutingRule', data: { businessCategory }, metadata }, businessCategory);
  }

  @ApiOperation({ summary: 'Read the triage rules in force' })
  @Get('triage-rules')
  @RequirePermission('triage-rules:read')
  triageRules(): Promise<TriageRuleSet> {
    return this.commands.state(triageRuleBooks, TRIAGE_RULES_ID);
  }

  @ApiOperation({ summary: 'Publish new triage rules' })
  @Put('triage-rules')
  @HttpCode(200)
  @RequirePermission('triage-rules:manage')
  async publishTriageRules(@Body() dto: PublishTriageRulesDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted & { version: number }> {
    const { checkpoint, state } = await this.commands.decide(triageRuleBooks, {
      type: 'PublishTriageRules',
      data: { basedOnVersion: dto.basedOnVersion, rules: dto.rules as TriageRule[], ...(dto.note ? { note: dto.note } : {}) },
      metadata,
    });
    // Clients know the one rule book by its stream's name, not by its instance id.
    return { id: TRIAGE_RULES_STREAM, checkpoint, version: state.version };
  }

  /** A registry edit answers the department or business category it changed. */
  private async registry(command: DepartmentRegistryCommand, id: string): Promise<CommandAccepted> {
    const { checkpoint } = await this.commands.execute(departmentRegistries, command);
    return { id, checkpoint };
  }
}
