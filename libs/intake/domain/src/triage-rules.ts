import { Aggregate, Command, Decider, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { Complexity, DemandChannel, DemandKind } from './classification';
import { CustomerTier } from './customer';
import { Level, PRIORITIES, Priority, mostUrgent, priorityOf, raisePriority } from './priority';

/**
 * When a rule applies. Each listed condition must hold; a condition holds when the demand matches any
 * of its values. Keywords are looked for in the subject and description, ignoring case and the
 * full-width/half-width distinction, and work for Chinese text as plain substrings.
 */
export interface TriageRuleConditions {
  keywords?: string[];
  businessCategories?: string[];
  customerTiers?: CustomerTier[];
  channels?: DemandChannel[];
  kinds?: DemandKind[];
}

/** What a matching rule proposes: `priority` outright, or `raisePriorityBy` levels from the matrix towards P1. */
export interface TriageRuleAdvice {
  complexity?: Complexity;
  priority?: Priority;
  raisePriorityBy?: number;
  businessCategory?: string;
  /** P-2.2: departments a matching demand involves besides the one it is assigned to. */
  involveDepartments?: string[];
}

/** A raise (or, negative, a lowering) moves a priority at most from one end of the scale to the other. */
export const MAX_PRIORITY_RAISE = PRIORITIES.length - 1;

export interface TriageRule {
  ruleId: string;
  name: string;
  when: TriageRuleConditions;
  suggest: TriageRuleAdvice;
}

/** The rule book's current version; version 0 is the empty book before the first publication. */
export interface TriageRuleSet {
  version: number;
  rules: TriageRule[];
}

/** `basedOnVersion` is the version the editor started from, so two editors cannot silently overwrite each other. */
export type PublishTriageRules = Command<
  'PublishTriageRules',
  { basedOnVersion: number; rules: TriageRule[]; note?: string }
>;
/** Sent at every start-up: publishes version 1 only while the book is still empty. */
export type SeedTriageRules = Command<'SeedTriageRules', { rules: TriageRule[] }>;

export type TriageRulesCommand = PublishTriageRules | SeedTriageRules;

export type TriageRulesPublished = {
  type: 'TriageRulesPublished';
  data: { version: number; rules: TriageRule[]; note?: string };
};

export type TriageRulesEvent = TriageRulesPublished;

export const triageRuleBook: Decider<TriageRulesCommand, TriageRulesEvent, TriageRuleSet> = {
  initialState: () => ({ version: 0, rules: [] }),

  evolve: (_state, event) => ({ version: event.data.version, rules: event.data.rules }),

  decide(command, state) {
    switch (command.type) {
      case 'PublishTriageRules': {
        const { basedOnVersion, rules, note } = command.data;
        if (basedOnVersion !== state.version) {
          throw new RuleViolation(
            'rule-set-outdated',
            `The triage rules were edited from version ${basedOnVersion}, but version ${state.version} is now current`,
          );
        }
        ensureWellFormed(rules);
        const version = state.version + 1;
        return [{ type: 'TriageRulesPublished', data: { version, rules, ...(note ? { note } : {}) } }];
      }
      case 'SeedTriageRules': {
        if (state.version > 0) return [];
        ensureWellFormed(command.data.rules);
        return [{ type: 'TriageRulesPublished', data: { version: 1, rules: command.data.rules, note: 'seed' } }];
      }
    }
  },
};

/** One rule book for the whole site; every publication is a new version of it. */
export const TRIAGE_RULES_ID = 'default';

export const triageRuleBooks: Aggregate<TriageRulesCommand, TriageRulesEvent, TriageRuleSet> = {
  name: 'Triage rule book',
  streamPrefix: 'intake.triage-rules-',
  decider: triageRuleBook,
  idOf: () => TRIAGE_RULES_ID,
  creates: 'any',
};

export const TRIAGE_RULES_STREAM = streamOf(triageRuleBooks, TRIAGE_RULES_ID);

function ensureWellFormed(rules: readonly TriageRule[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.ruleId)) {
      throw new RuleViolation('duplicate-rule-id', `Triage rule id "${rule.ruleId}" is used more than once`);
    }
    seen.add(rule.ruleId);
    const conditions = Object.values(rule.when).filter((values) => values && values.length > 0);
    if (conditions.length === 0) {
      throw new RuleViolation(
        'rule-without-condition',
        `Triage rule "${rule.ruleId}" has no condition and would match every demand`,
      );
    }
    if (rule.when.keywords?.some((keyword) => normalise(keyword).trim() === '')) {
      throw new RuleViolation(
        'blank-keyword',
        `Triage rule "${rule.ruleId}" has a blank keyword, which would match every demand`,
      );
    }
    const { complexity, priority, raisePriorityBy, businessCategory, involveDepartments } = rule.suggest;
    const departments = involveDepartments?.length ? involveDepartments : undefined;
    if ([complexity, priority, raisePriorityBy, businessCategory, departments].every((advice) => advice === undefined)) {
      throw new RuleViolation('rule-without-suggestion', `Triage rule "${rule.ruleId}" suggests nothing`);
    }
    if (priority !== undefined && raisePriorityBy !== undefined) {
      throw new RuleViolation(
        'conflicting-priority-advice',
        `Triage rule "${rule.ruleId}" both sets a priority and raises it; choose one`,
      );
    }
    if (
      raisePriorityBy !== undefined &&
      (!Number.isInteger(raisePriorityBy) || raisePriorityBy === 0 || Math.abs(raisePriorityBy) > MAX_PRIORITY_RAISE)
    ) {
      throw new RuleViolation(
        'invalid-priority-raise',
        `Triage rule "${rule.ruleId}" must raise the priority by a whole, non-zero number of levels within ±${MAX_PRIORITY_RAISE}`,
      );
    }
  }
}

/** What triage looks at in a demand. */
export interface DemandFacts {
  subject: string;
  description: string;
  businessCategory?: string;
  customerTier?: CustomerTier;
  channel: DemandChannel;
  kind: DemandKind;
  impact: Level;
  urgency: Level;
}

/** What the rules propose to the agent, and why: the rules that matched and the rule-book version. */
export interface TriageSuggestion {
  complexity: Complexity;
  priority: Priority;
  businessCategory?: string;
  /** P-2.2: the departments the matching rules say the demand involves; absent when none do. */
  departmentIds?: string[];
  matchedRuleIds: string[];
  ruleSetVersion: number;
}

/**
 * P-1.3. The priority starts from the impact × urgency matrix; each matching rule that speaks to
 * priority proposes one and the most urgent proposal wins. A demand is complex when any matching rule
 * says so, since under-assessing costs more than an extra meeting. The first matching rule that
 * names a business category sets it; otherwise the demand keeps its own. The departments the matching
 * rules name are all involved (P-2.2).
 */
export function suggestTriage(ruleSet: TriageRuleSet, facts: DemandFacts): TriageSuggestion {
  const matched = ruleSet.rules.filter((rule) => matches(rule.when, facts));
  const base = priorityOf(facts.impact, facts.urgency);
  const proposals = matched.flatMap(({ suggest }): Priority[] => {
    if (suggest.priority !== undefined) return [suggest.priority];
    return suggest.raisePriorityBy !== undefined ? [raisePriority(base, suggest.raisePriorityBy)] : [];
  });
  const complexities = matched.map((rule) => rule.suggest.complexity);
  const categorising = matched.find((rule) => rule.suggest.businessCategory !== undefined);
  const businessCategory = categorising?.suggest.businessCategory ?? facts.businessCategory;
  const departmentIds = [...new Set(matched.flatMap((rule) => rule.suggest.involveDepartments ?? []))];
  return {
    complexity: complexities.includes('complex') ? 'complex' : 'routine',
    priority: proposals.length > 0 ? mostUrgent(proposals[0], ...proposals.slice(1)) : base,
    ...(businessCategory !== undefined ? { businessCategory } : {}),
    ...(departmentIds.length > 0 ? { departmentIds } : {}),
    matchedRuleIds: matched.map((rule) => rule.ruleId),
    ruleSetVersion: ruleSet.version,
  };
}

function matches(when: TriageRuleConditions, facts: DemandFacts): boolean {
  const text = normalise(`${facts.subject}\n${facts.description}`);
  return (
    anyOf(when.keywords, (keyword) => text.includes(normalise(keyword))) &&
    anyOf(when.businessCategories, (category) => category === facts.businessCategory) &&
    anyOf(when.customerTiers, (tier) => tier === facts.customerTier) &&
    anyOf(when.channels, (channel) => channel === facts.channel) &&
    anyOf(when.kinds, (kind) => kind === facts.kind)
  );
}

/** An absent or empty condition does not restrict. */
function anyOf<T>(values: readonly T[] | undefined, test: (value: T) => boolean): boolean {
  return !values || values.length === 0 || values.some(test);
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
