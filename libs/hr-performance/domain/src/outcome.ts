import { Aggregate, Command, Decider, DomainEvent, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { OutcomeKind, OutcomeRule } from './outcome-rules';

/**
 * One proposed consequence of a finalised appraisal (H-2.3): a pay adjustment, a bonus coefficient, a
 * promotion nomination or a training opportunity, proposed by a rule of the rule book and approved first by
 * the department head, then by HR. Every decision keeps the appraisal (and its revision) and the rule
 * version it rests on.
 */

export type OutcomeStage = 'head' | 'hr';

export interface OutcomeBasis {
  appraisal: { appraisalId: string; revision: number; kind: 'monthly' | 'annual'; period: string; score: number | null };
  rule: { ruleBookId: string; version: number; ruleId: string };
}

export type OutcomeProposal = Pick<OutcomeRule, 'payAdjustmentPercent' | 'bonusCoefficient' | 'trainingId' | 'trackId'>;

export interface Outcome extends OutcomeBasis {
  outcomeId: string;
  employeeId: string;
  departmentId: string;
  kind: OutcomeKind;
  proposal: OutcomeProposal;
  status: 'proposed' | 'head-approved' | 'approved' | 'rejected';
  proposedAt: string;
  decisions: Array<{ stage: OutcomeStage; approved: boolean; reason?: string; by: string; at: string }>;
}
export type OutcomeState = Outcome | null;

export type ProposeOutcome = Command<'ProposeOutcome', OutcomeBasis & { outcomeId: string; employeeId: string; departmentId: string; kind: OutcomeKind; proposal: OutcomeProposal }>;
export type ApproveOutcome = Command<'ApproveOutcome', { outcomeId: string; stage: OutcomeStage }>;
export type RejectOutcome = Command<'RejectOutcome', { outcomeId: string; stage: OutcomeStage; reason: string }>;
export type OutcomeCommand = ProposeOutcome | ApproveOutcome | RejectOutcome;

export type OutcomeProposed = DomainEvent<'OutcomeProposed', ProposeOutcome['data'] & { proposedAt: string }>;
export type OutcomeApproved = DomainEvent<'OutcomeApproved', { outcomeId: string; employeeId: string; stage: OutcomeStage; approvedBy: string; approvedAt: string }>;
export type OutcomeRejected = DomainEvent<'OutcomeRejected', { outcomeId: string; employeeId: string; stage: OutcomeStage; reason: string; rejectedBy: string; rejectedAt: string }>;
export type OutcomeEvent = OutcomeProposed | OutcomeApproved | OutcomeRejected;

export const MAX_DECISION_REASON = 2_000;

export const outcome: Decider<OutcomeCommand, OutcomeEvent, OutcomeState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'OutcomeProposed': {
        const { proposedAt, ...proposed } = event.data;
        return { ...proposed, status: 'proposed', proposedAt, decisions: [] };
      }
      case 'OutcomeApproved':
        return (
          state && {
            ...state,
            status: event.data.stage === 'head' ? 'head-approved' : 'approved',
            decisions: [...state.decisions, { stage: event.data.stage, approved: true, by: event.data.approvedBy, at: event.data.approvedAt }],
          }
        );
      case 'OutcomeRejected':
        return (
          state && {
            ...state,
            status: 'rejected',
            decisions: [...state.decisions, { stage: event.data.stage, approved: false, reason: event.data.reason, by: event.data.rejectedBy, at: event.data.rejectedAt }],
          }
        );
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'ProposeOutcome') return state ? [] : [{ type: 'OutcomeProposed', data: { ...command.data, proposedAt: at } }];
    if (!state) throw new NotFoundError('Outcome', command.data.outcomeId);
    const { stage } = command.data;
    if (state.status === 'rejected') throw new RuleViolation('outcome-rejected', `The outcome ${state.outcomeId} was rejected`);
    if (state.status === 'approved') throw new RuleViolation('outcome-approved', `The outcome ${state.outcomeId} is approved`);
    if (stage === 'head' && state.status !== 'proposed') throw new RuleViolation('already-approved-by-head', 'The department head has approved this outcome');
    if (stage === 'hr' && state.status !== 'head-approved') throw new RuleViolation('head-approval-first', 'The department head approves an outcome before HR does');
    if (command.type === 'ApproveOutcome') return [{ type: 'OutcomeApproved', data: { outcomeId: state.outcomeId, employeeId: state.employeeId, stage, approvedBy: actor.userId, approvedAt: at } }];
    const reason = command.data.reason?.trim();
    if (!reason) throw new RuleViolation('reason-required', 'Say why the outcome is rejected');
    if (reason.length > MAX_DECISION_REASON) throw new RuleViolation('reason-too-long', `A reason has at most ${MAX_DECISION_REASON} characters`);
    return [{ type: 'OutcomeRejected', data: { outcomeId: state.outcomeId, employeeId: state.employeeId, stage, reason, rejectedBy: actor.userId, rejectedAt: at } }];
  },
};

/** An outcome is `<appraisalId>.r<revision>.<ruleId>`: a redelivered finalisation proposes nothing twice. */
export const outcomeIdOf = (appraisalId: string, revision: number, ruleId: string): string => `${appraisalId}.r${revision}.${ruleId}`;

/** `hr-performance.proposed-outcome-<id>`: one proposal's approval, bounded by its two stages. Access as the appraisal's (checked by the service). */
export const outcomes: Aggregate<OutcomeCommand, OutcomeEvent, OutcomeState> = {
  name: 'Outcome',
  streamPrefix: 'hr-performance.proposed-outcome-',
  decider: outcome,
  idOf: (command) => command.data.outcomeId,
  creates: ['ProposeOutcome'],
};

export const outcomeStream = (outcomeId: string): string => streamOf(outcomes, outcomeId);
