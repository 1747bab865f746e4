import { actor, commandsOf, deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import {
  DemandFacts,
  MAX_PRIORITY_RAISE,
  TRIAGE_RULES_STREAM,
  TriageRule,
  TriageRulesCommand,
  TriageRulesEvent,
  suggestTriage,
  triageRuleBook,
} from './triage-rules';

const admin = actor('admin-1', ['administrator'], ['customer-service']);
const command = commandsOf<TriageRulesCommand>({ at: '2026-03-02T09:00:00.000Z', actor: admin });
const publish = (basedOnVersion: number, rules: TriageRule[], note?: string) =>
  command('PublishTriageRules', { basedOnVersion, rules, ...(note ? { note } : {}) });
const seed = (rules: TriageRule[]) => command('SeedTriageRules', { rules });

const { when, stateAfter, refusal } = deciderSpec(triageRuleBook);

const outage: TriageRule = {
  ruleId: 'outage',
  name: 'System down',
  when: { keywords: ['outage', '宕機', '系統崩潰'] },
  suggest: { complexity: 'complex', priority: 'P1', businessCategory: 'system-maintenance' },
};
const platinum: TriageRule = {
  ruleId: 'platinum',
  name: 'Platinum customers first',
  when: { customerTiers: ['platinum'] },
  suggest: { raisePriorityBy: 1 },
};
const published = (version: number, rules: TriageRule[]): TriageRulesEvent => ({
  type: 'TriageRulesPublished',
  data: { version, rules },
});

describe('triage rule book', () => {
  it('lives in one stream', () => {
    expect(TRIAGE_RULES_STREAM).toBe('intake.triage-rules-default');
  });

  describe('PublishTriageRules', () => {
    it('publishes version 1 on an empty book', () => {
      expect(when([], publish(0, [outage], 'first rules'))).toEqual([
        { type: 'TriageRulesPublished', data: { version: 1, rules: [outage], note: 'first rules' } },
      ]);
    });

    it('publishes the next version over the current one', () => {
      expect(when([published(1, [outage])], publish(1, [outage, platinum]))).toEqual([published(2, [outage, platinum])]);
      expect(stateAfter([published(1, [outage]), published(2, [platinum])])).toEqual({
        version: 2,
        rules: [platinum],
      });
    });

    it('publishes an empty rule set, which turns the rules off', () => {
      expect(when([published(1, [outage])], publish(1, []))).toEqual([published(2, [])]);
    });

    it('refuses an edit based on an outdated version', () => {
      expect(refusal([published(1, [outage]), published(2, [platinum])], publish(1, [outage]))).toMatchObject({
        name: 'RuleViolation',
        code: 'rule-set-outdated',
      });
    });

    it.each<[string, TriageRule[]]>([
      ['duplicate-rule-id', [outage, { ...platinum, ruleId: 'outage' }]],
      ['rule-without-condition', [{ ...outage, when: {} }]],
      ['rule-without-condition', [{ ...outage, when: { keywords: [], kinds: [] } }]],
      ['blank-keyword', [{ ...outage, when: { keywords: ['outage', ' '] } }]],
      ['rule-without-suggestion', [{ ...outage, suggest: {} }]],
      ['rule-without-suggestion', [{ ...outage, suggest: { involveDepartments: [] } }]],
      ['conflicting-priority-advice', [{ ...outage, suggest: { priority: 'P1', raisePriorityBy: 1 } }]],
      ['invalid-priority-raise', [{ ...platinum, suggest: { raisePriorityBy: 0 } }]],
      ['invalid-priority-raise', [{ ...platinum, suggest: { raisePriorityBy: 1.5 } }]],
      ['invalid-priority-raise', [{ ...platinum, suggest: { raisePriorityBy: MAX_PRIORITY_RAISE + 1 } }]],
      ['invalid-priority-raise', [{ ...platinum, suggest: { raisePriorityBy: -MAX_PRIORITY_RAISE - 1 } }]],
      ['invalid-priority-raise', [{ ...platinum, suggest: { raisePriorityBy: Infinity } }]],
    ])('refuses a rule set with %s', (code, rules) => {
      expect(refusal([], publish(0, rules))).toMatchObject({ name: 'RuleViolation', code });
    });
  });

  describe('SeedTriageRules', () => {
    it('publishes version 1 on an empty book', () => {
      expect(when([], seed([outage]))).toEqual([
        { type: 'TriageRulesPublished', data: { version: 1, rules: [outage], note: 'seed' } },
      ]);
    });

    it('leaves a published book as it is', () => {
      expect(when([published(1, [platinum])], seed([outage]))).toEqual([]);
    });

    it('refuses an ill-formed seed', () => {
      expect(refusal([], seed([{ ...outage, suggest: {} }]))).toMatchObject({ code: 'rule-without-suggestion' });
    });
  });
});

describe('suggestTriage', () => {
  const facts: DemandFacts = {
    subject: 'Cannot print invoices',
    description: 'The invoice printer shows an error.',
    businessCategory: 'technical-support',
    customerTier: 'standard',
    channel: 'phone',
    kind: 'enquiry',
    impact: 2,
    urgency: 2,
  };

  it('without rules suggests a routine demand at the matrix priority in its own category', () => {
    expect(suggestTriage({ version: 0, rules: [] }, facts)).toEqual({
      complexity: 'routine',
      priority: 'P3',
      businessCategory: 'technical-support',
      matchedRuleIds: [],
      ruleSetVersion: 0,
    });
  });

  it('leaves the category out when neither the demand nor a rule has one', () => {
    expect(suggestTriage({ version: 0, rules: [] }, { ...facts, businessCategory: undefined })).not.toHaveProperty(
      'businessCategory',
    );
  });

  it('matches keywords in the subject or description regardless of case', () => {
    const suggestion = suggestTriage({ version: 3, rules: [outage] }, { ...facts, description: 'Total OUTAGE since 8am' });
    expect(suggestion).toEqual({
      complexity: 'complex',
      priority: 'P1',
      businessCategory: 'system-maintenance',
      matchedRuleIds: ['outage'],
      ruleSetVersion: 3,
    });
  });

  it('matches Chinese keywords inside Chinese text', () => {
    expect(suggestTriage({ version: 1, rules: [outage] }, { ...facts, subject: '生產環境系統崩潰，無法下單' }).matchedRuleIds).toEqual([
      'outage',
    ]);
  });

  it('matches full-width letters against half-width keywords', () => {
    const fullWidth = { ...facts, subject: 'ＯＵＴＡＧＥ in Beijing' };
    expect(suggestTriage({ version: 1, rules: [outage] }, fullWidth).matchedRuleIds).toEqual(['outage']);
  });

  it('does not match when no keyword occurs', () => {
    expect(suggestTriage({ version: 1, rules: [outage] }, facts).matchedRuleIds).toEqual([]);
  });

  it('requires every listed condition, and any value within one', () => {
    const rule: TriageRule = {
      ruleId: 'web-complaints',
      name: 'Complaints from the web',
      when: { channels: ['web', 'email'], kinds: ['complaint'] },
      suggest: { complexity: 'complex' },
    };
    const book = { version: 1, rules: [rule] };
    const matched = (overrides: Partial<DemandFacts>) => suggestTriage(book, { ...facts, ...overrides }).matchedRuleIds;
    expect(matched({ channel: 'email', kind: 'complaint' })).toEqual(['web-complaints']);
    expect(matched({ channel: 'web', kind: 'complaint' })).toEqual(['web-complaints']);
    expect(matched({ channel: 'phone', kind: 'complaint' })).toEqual([]);
    expect(matched({ channel: 'email', kind: 'feedback' })).toEqual([]);
  });

  it('matches business category and customer tier', () => {
    const rule: TriageRule = {
      ruleId: 'gold-dev',
      name: 'Gold development work',
      when: { businessCategories: ['software-development'], customerTiers: ['gold'] },
      suggest: { complexity: 'complex' },
    };
    const book = { version: 1, rules: [rule] };
    const complexity = (overrides: Partial<DemandFacts>) => suggestTriage(book, { ...facts, ...overrides }).complexity;
    expect(complexity({ businessCategory: 'software-development', customerTier: 'gold' })).toBe('complex');
    expect(complexity({ businessCategory: 'software-development' })).toBe('routine');
    expect(complexity({ customerTier: 'gold' })).toBe('routine');
  });

  it('raises the matrix priority by the levels a rule gives', () => {
    expect(suggestTriage({ version: 1, rules: [platinum] }, { ...facts, customerTier: 'platinum' }).priority).toBe('P2');
  });

  it('takes the most urgent priority that matching rules propose', () => {
    const lower: TriageRule = {
      ruleId: 'enquiries',
      name: 'Enquiries',
      when: { kinds: ['enquiry'] },
      suggest: { priority: 'P4' },
    };
    const suggestion = suggestTriage({ version: 1, rules: [lower, platinum] }, { ...facts, customerTier: 'platinum' });
    expect(suggestion.priority).toBe('P2');
    expect(suggestion.matchedRuleIds).toEqual(['enquiries', 'platinum']);
  });

  it('lets a rule lower the priority when no rule proposes a more urgent one', () => {
    const calm: TriageRule = {
      ruleId: 'calm',
      name: 'Feedback can wait',
      when: { kinds: ['feedback'] },
      suggest: { raisePriorityBy: -1 },
    };
    expect(suggestTriage({ version: 1, rules: [calm] }, { ...facts, kind: 'feedback' }).priority).toBe('P4');
  });

  it('suggests complex when any matching rule does, even if another says routine', () => {
    const routine: TriageRule = {
      ruleId: 'routine',
      name: 'Phone is routine',
      when: { channels: ['phone'] },
      suggest: { complexity: 'routine' },
    };
    const suggestion = suggestTriage({ version: 1, rules: [routine, outage] }, { ...facts, subject: 'outage' });
    expect(suggestion.complexity).toBe('complex');
  });

  it('takes the business category from the first matching rule that names one', () => {
    const printers: TriageRule = {
      ruleId: 'printers',
      name: 'Printers',
      when: { keywords: ['printer'] },
      suggest: { businessCategory: 'technical-support' },
    };
    const uncategorised = { ...facts, businessCategory: undefined, subject: 'printer outage' };
    const suggestion = suggestTriage({ version: 1, rules: [printers, outage] }, uncategorised);
    expect(suggestion.businessCategory).toBe('technical-support');
  });

  it('names every department the matching rules say a demand involves, each once (P-2.2)', () => {
    const invoices: TriageRule = {
      ruleId: 'invoices',
      name: 'Invoicing needs development and finance',
      when: { keywords: ['invoice'] },
      suggest: { involveDepartments: ['software-development', 'finance'] },
    };
    const printers: TriageRule = {
      ruleId: 'printers',
      name: 'Printers need a site visit',
      when: { keywords: ['printer'] },
      suggest: { involveDepartments: ['field-service', 'software-development'] },
    };
    expect(suggestTriage({ version: 1, rules: [invoices, printers] }, facts)).toMatchObject({
      departmentIds: ['software-development', 'finance', 'field-service'],
      matchedRuleIds: ['invoices', 'printers'],
    });
    expect(suggestTriage({ version: 1, rules: [outage] }, facts)).not.toHaveProperty('departmentIds');
  });
});
