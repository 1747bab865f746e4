import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import {
  DEPARTMENT_REGISTRY_ID,
  TRIAGE_RULES_ID,
  customers,
  demands,
  departmentRegistries,
  ensureKnownDepartment,
  Demand,
  TriageSuggestion,
  suggestTriage,
  triageRuleBooks,
} from '@serviceledger/intake/domain';
import { ConfirmTriageDto } from './demand.dto';

/**
 * P-1.3: the rules suggest, the agent decides; what the agent leaves out follows the suggestion. The
 * departments the demand involves (P-2.2) are ones the registry knows.
 */
@Injectable()
export class DemandTriage {
  constructor(private readonly commands: Commands) {}

  /** What the rules suggest for the demand now: what a triage that leaves everything out would decide. */
  async suggest(demandId: string, actor: Actor): Promise<TriageSuggestion> {
    // stateFor answers 404 for a demand that is missing or outside the principal's scope.
    return this.suggestionFor((await this.commands.stateFor(demands, demandId, actor))!);
  }

  async confirm(demandId: string, dto: ConfirmTriageDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const state = (await this.commands.stateFor(demands, demandId, metadata.actor))!;
    const [suggestion, registry] = await Promise.all([this.suggestionFor(state), this.commands.state(departmentRegistries, DEPARTMENT_REGISTRY_ID)]);
    const businessCategory = dto.businessCategory ?? suggestion.businessCategory ?? state.businessCategory;
    if (!businessCategory) {
      throw new UnprocessableEntityException('businessCategory is required: neither the demand nor the triage rules name one');
    }
    const departmentIds = dto.departmentIds ?? suggestion.departmentIds ?? [];
    for (const departmentId of departmentIds) ensureKnownDepartment(registry, departmentId);
    return this.commands.execute(demands, {
      type: 'ConfirmTriage',
      data: {
        demandId,
        complexity: dto.complexity ?? suggestion.complexity,
        priority: dto.priority ?? suggestion.priority,
        businessCategory,
        suggestion,
        departmentIds,
        ...(dto.reason ? { reason: dto.reason } : {}),
      },
      metadata,
    });
  }

  private async suggestionFor(state: Demand): Promise<TriageSuggestion> {
    const [rules, owner] = await Promise.all([this.commands.state(triageRuleBooks, TRIAGE_RULES_ID), this.commands.state(customers, state.customerId)]);
    return suggestTriage(rules, { ...state, ...(owner ? { customerTier: owner.tier } : {}) });
  }
}
