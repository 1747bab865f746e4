import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { OutcomeCommand, OutcomeEvent, outcome } from './outcome';
import { OutcomeRule, SetOutcomeRules, outcomeRuleBook, rulesFor } from './outcome-rules';

const meta = (at: string, userId: string): CommandMetadata => ({ commandId: `${userId}-${at}`, at, actor: { userId, roles: [], departments: [] }, correlationId: 'c' });

const rules: OutcomeRule[] = [
  { ruleId: 'bonus-good', kind: 'bonus', cycle: 'monthly', minScore: 70, maxScore: 90, bonusCoefficient: 1.2 },
  { ruleId: 'bonus-top', kind: 'bonus', cycle: 'monthly', minScore: 90, bonusCoefficient: 1.5 },
  { ruleId: 'raise', kind: 'pay-adjustment', cycle: 'annual', minScore: 85, payAdjustmentPercent: 5 },
  { ruleId: 'coach', kind: 'training', cycle: 'monthly', minScore: 0, maxScore: 60, trainingId: 'customer-communication' },
  { ruleId: 'nominate', kind: 'promotion-nomination', cycle: 'annual', minScore: 90, trackId: 'professional' },
];
const setRules = (r: OutcomeRule[]): SetOutcomeRules => ({ type: 'SetOutcomeRules', data: { ruleBookId: 'standard', rules: r }, metadata: meta('2026-10-01T00:00:00.000Z', 'hr-wu') });

describe('outcome rules (H-2.3)', () => {
  const book = deciderSpec(outcomeRuleBook);

  it('versions the rules mapping finalised results to pay, bonus, promotion and training', () => {
    const v1 = book.when([], setRules(rules));
    expect(v1[0].data).toMatchObject({ ruleBookId: 'standard', version: 1, rules });
    expect(book.when(v1, setRules(rules))).toEqual([]);
    expect(book.when(v1, setRules(rules.slice(1)))[0].data).toMatchObject({ version: 2 });
  });

  it('applies the rules of the result’s cycle whose band holds its score, and none to a result without a score', () => {
    const ids = (kind: 'monthly' | 'annual', score: number | null) => rulesFor({ rules }, { kind, score }).map((r) => r.ruleId);
    expect(ids('monthly', 76.75)).toEqual(['bonus-good']);
    expect(ids('monthly', 90)).toEqual(['bonus-top']);
    expect(ids('monthly', 40)).toEqual(['coach']);
    expect(ids('annual', 92)).toEqual(['raise', 'nominate']);
    expect(ids('monthly', null)).toEqual([]);
  });

  it('refuses a rule without its figure, a band out of order, and an unknown outcome', () => {
    expect(book.refusal([], setRules([{ ruleId: 'b', kind: 'bonus', cycle: 'monthly', minScore: 0 }]))).toMatchObject(refused('invalid-bonus'));
    expect(book.refusal([], setRules([{ ruleId: 'p', kind: 'pay-adjustment', cycle: 'annual', minScore: 0, payAdjustmentPercent: 80 }]))).toMatchObject(refused('invalid-pay-adjustment'));
    expect(book.refusal([], setRules([{ ruleId: 't', kind: 'training', cycle: 'monthly', minScore: 0 }]))).toMatchObject(refused('training-required'));
    expect(book.refusal([], setRules([{ ...rules[0], minScore: 90, maxScore: 70 }]))).toMatchObject(refused('invalid-band'));
    expect(book.refusal([], setRules([{ ...rules[0], kind: 'car' as never }]))).toMatchObject(refused('unknown-outcome'));
  });
});

describe('an outcome’s approval: the department head, then HR (H-2.3)', () => {
  const { when, refusal, aggregateAfter } = deciderSpec(outcome);
  const propose: OutcomeCommand = {
    type: 'ProposeOutcome',
    data: {
      outcomeId: 'ts-lead.2026-11.r0.bonus-good',
      employeeId: 'ts-lead',
      departmentId: 'tech-support',
      kind: 'bonus',
      proposal: { bonusCoefficient: 1.2 },
      appraisal: { appraisalId: 'ts-lead.2026-11', revision: 0, kind: 'monthly', period: '2026-11', score: 76.75 },
      rule: { ruleBookId: 'standard', version: 1, ruleId: 'bonus-good' },
    },
    metadata: meta('2026-12-03T01:00:00.000Z', 'hr-wu'),
  };
  const proposed = when([], propose);
  const approve = (stage: 'head' | 'hr', userId: string): OutcomeCommand => ({ type: 'ApproveOutcome', data: { outcomeId: 'ts-lead.2026-11.r0.bonus-good', stage }, metadata: meta('2026-12-04T01:00:00.000Z', userId) });

  it('keeps the appraisal and the rule version it rests on through both approvals', () => {
    const byHead = when(proposed, approve('head', 'ts-head'));
    const byHr = when([...proposed, ...byHead], approve('hr', 'hr-wu'));
    expect(aggregateAfter([...proposed, ...byHead, ...byHr] as OutcomeEvent[])).toMatchObject({
      status: 'approved',
      appraisal: { appraisalId: 'ts-lead.2026-11', revision: 0, score: 76.75 },
      rule: { ruleBookId: 'standard', version: 1, ruleId: 'bonus-good' },
      decisions: [
        { stage: 'head', approved: true, by: 'ts-head' },
        { stage: 'hr', approved: true, by: 'hr-wu' },
      ],
    });
    expect(when(proposed, propose)).toEqual([]);
  });

  it('refuses HR before the head, the head twice, anything after a rejection, and a rejection without its reason', () => {
    expect(refusal(proposed, approve('hr', 'hr-wu'))).toMatchObject(refused('head-approval-first'));
    const byHead = [...proposed, ...when(proposed, approve('head', 'ts-head'))];
    expect(refusal(byHead, approve('head', 'ts-head'))).toMatchObject(refused('already-approved-by-head'));
    const reject = (reason: string): OutcomeCommand => ({ type: 'RejectOutcome', data: { outcomeId: 'ts-lead.2026-11.r0.bonus-good', stage: 'hr', reason }, metadata: meta('2026-12-05T01:00:00.000Z', 'hr-wu') });
    expect(refusal(byHead, reject(' '))).toMatchObject(refused('reason-required'));
    const rejected = [...byHead, ...when(byHead, reject('預算已滿'))];
    expect(aggregateAfter(rejected)).toMatchObject({ status: 'rejected', decisions: [{ stage: 'head' }, { stage: 'hr', approved: false, reason: '預算已滿' }] });
    expect(refusal(rejected, approve('hr', 'hr-wu'))).toMatchObject(refused('outcome-rejected'));
  });
});
