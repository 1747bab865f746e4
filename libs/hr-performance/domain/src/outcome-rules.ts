import { Aggregate, Command, Decider, RuleViolation, streamOf } from '@serviceledger/platform/core';

/**
 * How appraisal results are applied (H-2.3, 四(二)3 "考核結果與員工的薪酬調整、獎金發放、晉升、培訓機會等掛鉤"):
 * a versioned rule book whose rules map a finalised result of a cycle, by its score band, to a pay
 * adjustment proposal, a bonus coefficient, a promotion nomination or a training opportunity. A revision is
 * a new version; every proposal names the version and rule it came from.
 */

export const OUTCOME_KINDS = ['pay-adjustment', 'bonus', 'promotion-nomination', 'training'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const MAX_RULES = 50;
export const MAX_PAY_ADJUSTMENT_PERCENT = 50;
export const MAX_BONUS_COEFFICIENT = 10;

export interface OutcomeRule {
  ruleId: string;
  kind: OutcomeKind;
  cycle: 'monthly' | 'annual';
  /** The band of scores (0…100) the rule applies to: from `minScore`, below `maxScore` when given. */
  minScore: number;
  maxScore?: number;
  payAdjustmentPercent?: number;
  bonusCoefficient?: number;
  trainingId?: string;
  trackId?: string;
}

export interface OutcomeRuleBookVersion {
  ruleBookId: string;
  version: number;
  rules: OutcomeRule[];
  definedAt: string;
  definedBy: string;
}
export type OutcomeRuleBook = { ruleBookId: string; versions: OutcomeRuleBookVersion[] } | null;

export type SetOutcomeRules = Command<'SetOutcomeRules', { ruleBookId: string; rules: OutcomeRule[] }>;
export type OutcomeRulesSet = { type: 'OutcomeRulesSet'; data: OutcomeRuleBookVersion };

export const outcomeRuleBook: Decider<SetOutcomeRules, OutcomeRulesSet, OutcomeRuleBook> = {
  initialState: () => null,
  evolve: (state, event) => ({ ruleBookId: event.data.ruleBookId, versions: [...(state?.versions ?? []), event.data] }),
  decide(command, state) {
    const rules = validRules(command.data.rules);
    const current = state?.versions[state.versions.length - 1];
    if (current && JSON.stringify(current.rules) === JSON.stringify(rules)) return [];
    return [
      {
        type: 'OutcomeRulesSet',
        data: { ruleBookId: command.data.ruleBookId, version: (current?.version ?? 0) + 1, rules, definedAt: command.metadata.at, definedBy: command.metadata.actor.userId },
      },
    ];
  },
};

/** `hr-performance.outcome-rules-<id>`: HR's administrative edits. */
export const outcomeRuleBooks: Aggregate<SetOutcomeRules, OutcomeRulesSet, OutcomeRuleBook> = {
  name: 'Outcome rules',
  streamPrefix: 'hr-performance.outcome-rules-',
  decider: outcomeRuleBook,
  idOf: (command) => command.data.ruleBookId,
  creates: ['SetOutcomeRules'],
};

export const outcomeRulesStream = (ruleBookId: string): string => streamOf(outcomeRuleBooks, ruleBookId);

/** The rules a finalised result falls under: its cycle, and a score within the band. A result without a score falls under none. */
export function rulesFor(book: Pick<OutcomeRuleBookVersion, 'rules'>, result: { kind: 'monthly' | 'annual'; score: number | null }): OutcomeRule[] {
  const { score } = result;
  if (score === null) return [];
  return book.rules.filter((rule) => rule.cycle === result.kind && score >= rule.minScore && (rule.maxScore === undefined || score < rule.maxScore));
}

function validRules(rules: readonly OutcomeRule[]): OutcomeRule[] {
  if (rules.length > MAX_RULES) throw new RuleViolation('too-many-rules', `A rule book has at most ${MAX_RULES} rules`);
  const ids = new Set<string>();
  return rules.map((rule) => {
    if (ids.has(rule.ruleId)) throw new RuleViolation('duplicate-rule', `Rule ${rule.ruleId} is listed twice`);
    ids.add(rule.ruleId);
    if (!OUTCOME_KINDS.includes(rule.kind)) throw new RuleViolation('unknown-outcome', `${rule.kind} is not an outcome (${OUTCOME_KINDS.join(', ')})`);
    const inRange = (x: number | undefined) => x === undefined || (typeof x === 'number' && x >= 0 && x <= 100);
    if (!inRange(rule.minScore) || rule.minScore === undefined || !inRange(rule.maxScore) || (rule.maxScore !== undefined && rule.maxScore <= rule.minScore))
      throw new RuleViolation('invalid-band', `Rule ${rule.ruleId}: scores run from 0 to 100, maxScore above minScore`);
    const base = { ruleId: rule.ruleId, kind: rule.kind, cycle: rule.cycle, minScore: rule.minScore, ...(rule.maxScore !== undefined ? { maxScore: rule.maxScore } : {}) };
    switch (rule.kind) {
      case 'pay-adjustment':
        if (!(typeof rule.payAdjustmentPercent === 'number' && Math.abs(rule.payAdjustmentPercent) <= MAX_PAY_ADJUSTMENT_PERCENT))
          throw new RuleViolation('invalid-pay-adjustment', `Rule ${rule.ruleId}: payAdjustmentPercent from −${MAX_PAY_ADJUSTMENT_PERCENT} to ${MAX_PAY_ADJUSTMENT_PERCENT}`);
        return { ...base, payAdjustmentPercent: rule.payAdjustmentPercent };
      case 'bonus':
        if (!(typeof rule.bonusCoefficient === 'number' && rule.bonusCoefficient >= 0 && rule.bonusCoefficient <= MAX_BONUS_COEFFICIENT))
          throw new RuleViolation('invalid-bonus', `Rule ${rule.ruleId}: bonusCoefficient from 0 to ${MAX_BONUS_COEFFICIENT}`);
        return { ...base, bonusCoefficient: rule.bonusCoefficient };
      case 'training':
        if (!rule.trainingId?.trim()) throw new RuleViolation('training-required', `Rule ${rule.ruleId}: name the training offered`);
        return { ...base, trainingId: rule.trainingId.trim() };
      case 'promotion-nomination':
        return { ...base, ...(rule.trackId ? { trackId: rule.trackId } : {}) };
    }
  });
}
