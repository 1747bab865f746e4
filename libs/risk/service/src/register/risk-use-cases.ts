import { Injectable } from '@nestjs/common';
import { CommandMetadata } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import {
  AssessRisk,
  ApproveResponseException,
  ChooseResponse,
  RISK_POLICY_ID,
  ReapproveResponse,
  RecordReview,
  RiskPolicy,
  cadencesOf,
  currentMatrix,
  currentRules,
  riskPolicies,
  risks,
} from '@serviceledger/risk/domain';

type WithoutPolicy<C extends { data: object }> = Omit<C['data'], 'matrix' | 'reviewCadences' | 'rules'>;

/**
 * The risk commands that consult the policy first: an assessment or a review is levelled on the matrix in
 * force and sets the next review by the band's cadence; a response, an exception and a re-approval are
 * checked against the response rules in force. Each ends in the one command path.
 */
@Injectable()
export class RiskUseCases {
  constructor(private readonly commands: Commands) {}

  policy(): Promise<RiskPolicy> {
    return this.commands.state(riskPolicies, RISK_POLICY_ID);
  }

  async assess(data: WithoutPolicy<AssessRisk>, metadata: CommandMetadata): Promise<CommandAccepted> {
    const policy = await this.policy();
    return this.commands.execute(risks, { type: 'AssessRisk', data: { ...data, matrix: currentMatrix(policy), reviewCadences: cadencesOf(policy).review }, metadata });
  }

  async review(data: WithoutPolicy<RecordReview>, metadata: CommandMetadata): Promise<CommandAccepted> {
    const policy = await this.policy();
    return this.commands.execute(risks, { type: 'RecordReview', data: { ...data, matrix: currentMatrix(policy), reviewCadences: cadencesOf(policy).review }, metadata });
  }

  async choose(data: WithoutPolicy<ChooseResponse>, metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(risks, { type: 'ChooseResponse', data: { ...data, rules: currentRules(await this.policy()) }, metadata });
  }

  async approveException(data: WithoutPolicy<ApproveResponseException>, metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(risks, { type: 'ApproveResponseException', data: { ...data, rules: currentRules(await this.policy()) }, metadata });
  }

  async reapprove(data: WithoutPolicy<ReapproveResponse>, metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(risks, { type: 'ReapproveResponse', data: { ...data, rules: currentRules(await this.policy()) }, metadata });
  }
}
