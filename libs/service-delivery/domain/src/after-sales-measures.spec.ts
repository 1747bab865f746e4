import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import {
  DEFAULT_MEASURE_RULES,
  MEASURE_RULES_ID,
  MeasureRulesByNature,
  ReviseAfterSalesMeasureRules,
  afterSalesMeasureRulesDecider,
  latestMeasureRules,
  measuresFor,
} from './after-sales-measures';

const AT = '2026-12-01T02:00:00.000Z';
const command = commandsOf<ReviseAfterSalesMeasureRules>({ at: AT, actor: actor('qm-zhao', ['quality-monitor'], []) });
const { when, aggregateAfter, refusal } = deciderSpec(afterSalesMeasureRulesDecider);
const revise = (byNature: MeasureRulesByNature) => command('ReviseAfterSalesMeasureRules', { rulesId: MEASURE_RULES_ID, byNature });
const V1 = when([], revise(DEFAULT_MEASURE_RULES));
const withUsage = (usage: MeasureRulesByNature['usage']): MeasureRulesByNature => ({ ...DEFAULT_MEASURE_RULES, usage });

describe('after-sales measure rules (P-6.2 根據問題的性質和復雜程度，採取相應的解決措施)', () => {
  it('is a versioned rule book: the first revision is version 1, each change the next, the same rules again none', () => {
    expect(V1).toEqual([
      { type: 'AfterSalesMeasureRulesRevised', data: { rulesId: MEASURE_RULES_ID, version: 1, byNature: DEFAULT_MEASURE_RULES, revisedAt: AT, revisedBy: 'qm-zhao' } },
    ]);
    const reordered = withUsage({ offered: ['other', 'customer-verification', 'workaround', 'training', 'guidance'], required: { simple: ['guidance'], complex: ['training', 'guidance'] } });
    expect(when(V1, revise(reordered))).toEqual([]);
    const stricter = withUsage({ ...DEFAULT_MEASURE_RULES.usage, required: { simple: ['guidance', 'customer-verification'], complex: ['guidance', 'training'] } });
    const v2 = [...V1, ...when(V1, revise(stricter))];
    expect(latestMeasureRules(aggregateAfter(v2))).toMatchObject({ version: 2, byNature: { usage: { required: { simple: ['guidance', 'customer-verification'] } } } });
  });

  it('gives each class what it is offered and requires: a defect needs a root cause and a fix verified with the customer, a usage problem a guidance record', () => {
    const rules = { version: 1, byNature: DEFAULT_MEASURE_RULES };
    expect(measuresFor(rules, 'defect', 'simple').required).toEqual(['root-cause', 'fix', 'customer-verification']);
    expect(measuresFor(rules, 'defect', 'complex').required).toContain('preventive-action');
    expect(measuresFor(rules, 'usage', 'simple')).toEqual({ rulesVersion: 1, offered: DEFAULT_MEASURE_RULES.usage.offered, required: ['guidance'] });
  });

  it.each<[string, MeasureRulesByNature]>([
    ['invalid-measure-rules', (({ data: _, ...rest }) => rest)(DEFAULT_MEASURE_RULES) as MeasureRulesByNature],
    ['required-measure-missing', withUsage({ offered: ['guidance'], required: { simple: [], complex: ['guidance'] } })],
    ['required-measure-not-offered', withUsage({ offered: ['guidance'], required: { simple: ['guidance'], complex: ['training'] } })],
    ['unknown-problem-measure', withUsage({ offered: ['luck' as never], required: { simple: ['luck' as never], complex: ['luck' as never] } })],
  ])('refuses rules with %s', (code, byNature) => {
    expect(refusal(V1, revise(byNature))).toMatchObject(refused(code));
  });
});
