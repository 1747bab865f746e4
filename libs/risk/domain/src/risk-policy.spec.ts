import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { DEFAULT_CADENCES, DEFAULT_MATRIX, DEFAULT_RESPONSE_RULES, RiskPolicyCommand, currentMatrix, levelOf, riskPolicy } from './risk-policy';

const { when, stateAfter, refusal } = deciderSpec(riskPolicy);
const command = commandsOf<RiskPolicyCommand>({ at: '2026-10-01T00:00:00.000Z', actor: actor('officer-li', ['risk-officer'], []) });

describe('the risk policy: matrix, response rules and cadences (K-1.2, K-2.1, K-3.1)', () => {
  it('ships a 5 × 5 matrix with the levels low, medium and high', () => {
    const events = when([], command('PublishRiskMatrix', DEFAULT_MATRIX));
    const matrix = currentMatrix(stateAfter(events));
    expect(matrix).toMatchObject({ version: 1, likelihoodSteps: 5, impactSteps: 5, publishedBy: 'officer-li' });
    expect([levelOf(matrix, 1, 4), levelOf(matrix, 3, 3), levelOf(matrix, 3, 4), levelOf(matrix, 5, 5)].map((l) => l.label)).toEqual(['low', 'medium', 'high', 'high']);
  });

  it('takes an organisation\'s own scale as the next version, and refuses a matrix whose cells name no level', () => {
    const first = when([], command('PublishRiskMatrix', DEFAULT_MATRIX));
    const own = {
      likelihoodSteps: 4,
      impactSteps: 4,
      levels: [
        { label: '可忽略', band: 'low' as const },
        { label: '需關注', band: 'medium' as const },
        { label: '嚴重', band: 'high' as const },
        { label: '致命', band: 'high' as const },
      ],
      cells: [1, 2, 3, 4].map((l) => [1, 2, 3, 4].map((i) => ['可忽略', '需關注', '嚴重', '致命'][Math.min(3, Math.floor((l * i - 1) / 4))])),
    };
    const second = when(first, command('PublishRiskMatrix', own));
    expect(second[0]).toMatchObject({ type: 'RiskMatrixPublished', data: { version: 2, likelihoodSteps: 4 } });
    expect(stateAfter([...first, ...second]).matrices.map((m) => m.version)).toEqual([1, 2]);
    expect(refusal([], command('PublishRiskMatrix', { ...own, cells: own.cells.map((row) => row.map(() => 'purple')) }))).toMatchObject(refused('invalid-matrix'));
    expect(refusal([], command('PublishRiskMatrix', { ...own, cells: own.cells.slice(1) }))).toMatchObject(refused('invalid-matrix'));
    expect(refusal([], command('PublishRiskMatrix', { ...own, levels: [...own.levels].reverse() }))).toMatchObject(refused('invalid-matrix'));
  });

  it('versions the response rules, one rule per strategy', () => {
    expect(when([], command('PublishResponseRules', { rules: DEFAULT_RESPONSE_RULES }))[0]).toMatchObject({ data: { version: 1, rules: DEFAULT_RESPONSE_RULES } });
    expect(refusal([], command('PublishResponseRules', { rules: DEFAULT_RESPONSE_RULES.slice(1) }))).toMatchObject(refused('invalid-response-rules'));
  });

  it('sets cadences over the defaults: quarterly identification, reviews monthly, quarterly and yearly by band', () => {
    const [set] = when([], command('SetRiskCadences', { identification: { legal: 'half-yearly' }, review: { high: 'quarterly' } }));
    expect(set.data).toEqual({
      identification: { ...DEFAULT_CADENCES.identification, legal: 'half-yearly' },
      review: { high: 'quarterly', medium: 'quarterly', low: 'yearly' },
      setAt: '2026-10-01T00:00:00.000Z',
      setBy: 'officer-li',
    });
  });
});
