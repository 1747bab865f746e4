import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@serviceledger/platform/core';
import { CLOCK, Seed, Seeds } from '@serviceledger/platform/nest';
import {
  DEFAULT_MATRIX,
  DEFAULT_RESPONSE_RULES,
  RISK_POLICY_ID,
  RiskPolicy,
  RiskPolicyCommand,
  RiskPolicyEvent,
  dateOf,
  riskPolicies,
} from '@serviceledger/risk/domain';

/**
 * Seeds an empty risk policy at start-up: the 5 × 5 matrix (low, medium, high), the response rules of 七(二)
 * and the default cadences, whose first identification rounds open for the period holding today.
 */
@Injectable()
export class RiskSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly seeds: Seeds,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    // One seed per part, so that a start interrupted between two of them sows the rest next time.
    const seed = (key: string, isEmpty: (policy: RiskPolicy) => boolean, command: Omit<RiskPolicyCommand, 'metadata'>): Seed<RiskPolicyCommand, RiskPolicyEvent, RiskPolicy> => ({
      aggregate: riskPolicies,
      id: RISK_POLICY_ID,
      isEmpty,
      commands: [{ key, command }],
    });
    return this.seeds.sow('risk', [
      seed('risk-matrix:1', (policy) => policy.matrices.length === 0, { type: 'PublishRiskMatrix', data: DEFAULT_MATRIX }),
      seed('response-rules:1', (policy) => policy.ruleBooks.length === 0, { type: 'PublishResponseRules', data: { rules: DEFAULT_RESPONSE_RULES } }),
      seed('cadences:1', (policy) => policy.cadences === null, { type: 'SetRiskCadences', data: { firstRoundsOn: dateOf(this.clock.now().toISOString()) } }),
    ]);
  }
}
