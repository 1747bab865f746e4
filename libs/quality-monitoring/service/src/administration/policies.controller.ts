import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandMetadata, NotFoundError, RuleViolation } from '@serviceledger/platform/core';
import { CommandAccepted, CommandContext, Commands, IdentifierParam } from '@serviceledger/platform/nest';
import {
  CALENDAR_REGISTRY_ID,
  POLICY_REGISTRY_ID,
  Policy,
  PolicyMatch,
  PolicyRegistry,
  PolicyRegistryCommand,
  PolicyTerms,
  calendarRegistries,
  policyRegistries,
} from '@serviceledger/quality-monitoring/domain';
import { PolicyDto, ReasonDto } from './administration.dto';

/** SLA, OLA and UC policies (sla-and-metrics.md, "Selecting a policy"): versioned configuration events. */
@Controller('quality-monitoring/policies')
export class PoliciesController {
  constructor(private readonly commands: Commands) {}

  @ApiOperation({ summary: 'List SLA policies' })
  @Get()
  @RequirePermission('quality:read')
  async list(): Promise<Policy[]> {
    return [...(await this.registry()).policies.values()];
  }

  @ApiOperation({ summary: 'Read an SLA policy' })
  @Get(':policyId')
  @RequirePermission('quality:read')
  async detail(@IdentifierParam('policyId') policyId: string): Promise<Policy> {
    const policy = (await this.registry()).policies.get(policyId);
    if (!policy) throw new NotFoundError('Policy', policyId);
    return policy;
  }

  /** Defines the policy, or revises it as a new version when it exists. */
  @ApiOperation({ summary: 'Define or revise an SLA policy' })
  @Put(':policyId')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  async put(@IdentifierParam('policyId') policyId: string, @Body() dto: PolicyDto, @CommandContext() metadata: CommandMetadata) {
    // A policy counts on a calendar that exists, or clocks could not start under it.
    if (dto.calendarId && !(await this.commands.state(calendarRegistries, CALENDAR_REGISTRY_ID)).calendars.has(dto.calendarId)) {
      throw new RuleViolation('unknown-calendar', `Calendar ${dto.calendarId} is not defined; define it before a policy counts on it`);
    }
    const exists = (await this.registry()).policies.has(policyId);
    return this.decide({ type: exists ? 'RevisePolicy' : 'DefinePolicy', data: { policyId, ...terms(dto) }, metadata }, policyId);
  }

  @ApiOperation({ summary: 'Retire an SLA policy' })
  @Post(':policyId/retirement')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  retire(@IdentifierParam('policyId') policyId: string, @Body() dto: ReasonDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide({ type: 'RetirePolicy', data: { policyId, reason: dto.reason }, metadata }, policyId);
  }

  private registry(): Promise<PolicyRegistry> {
    return this.commands.state(policyRegistries, POLICY_REGISTRY_ID);
  }

  private async decide(command: PolicyRegistryCommand, policyId: string): Promise<CommandAccepted & { version?: number }> {
    const { checkpoint, state } = await this.commands.decide(policyRegistries, command);
    return { id: policyId, checkpoint, version: state.policies.get(policyId)?.version };
  }
}

function terms(dto: PolicyDto): PolicyTerms {
  const match: PolicyMatch = {};
  if (dto.match?.customerTiers) match.customerTiers = [...dto.match.customerTiers];
  if (dto.match?.businessCategories) match.businessCategories = [...dto.match.businessCategories];
  if (dto.match?.priorities) match.priorities = [...dto.match.priorities] as PolicyMatch['priorities'];
  if (dto.match?.demandKinds) match.demandKinds = [...dto.match.demandKinds] as PolicyMatch['demandKinds'];
  return {
    kind: dto.kind,
    name: dto.name,
    match,
    targets: Object.fromEntries(Object.entries(dto.targets).filter(([, v]) => v !== undefined)),
    ...(dto.calendarId ? { calendarId: dto.calendarId } : {}),
    ...(dto.warningThreshold !== undefined ? { warningThreshold: dto.warningThreshold } : {}),
    ...(dto.escalations ? { escalations: dto.escalations.map((s) => ({ ...s })) } : {}),
    ...(dto.pauseOn ? { pauseOn: [...dto.pauseOn] } : {}),
  };
}
