import { PlanContent, baselineOf, ensureCompletePlan } from './plan-content';

const plan: PlanContent = {
  goals: ['Invoices print again'],
  content: 'Diagnose the print failure and patch the invoice module',
  steps: [{ stepId: 's-1', description: 'Reproduce error 42', milestoneId: 'm-1' }],
  milestones: [{ milestoneId: 'm-1', title: 'Cause found', dueAt: '2026-03-10T18:00:00.000Z' }],
  expectedResults: ['Every printer prints invoices'],
  acceptanceCriteria: [{ criterionId: 'c-1', text: 'Invoices print on every printer' }],
};

const refusalOf = (overrides: Partial<PlanContent>): unknown => {
  try {
    ensureCompletePlan({ ...plan, ...overrides });
  } catch (error) {
    return error;
  }
  throw new Error('expected the plan to be refused');
};

describe('plan content (P-3.1)', () => {
  it('accepts a plan with every element the regulation names', () => {
    expect(() => ensureCompletePlan(plan)).not.toThrow();
  });

  it.each<[string, Partial<PlanContent>]>([
    ['goals-required', { goals: [] }],
    ['goals-required', { goals: [' '] }],
    ['content-required', { content: '' }],
    ['steps-required', { steps: [] }],
    ['steps-required', { steps: [{ stepId: 's-1', description: ' ', milestoneId: 'm-1' }] }],
    ['milestones-required', { milestones: [] }],
    ['milestones-required', { milestones: [{ milestoneId: 'm-1', title: '', dueAt: '2026-03-10T18:00:00.000Z' }] }],
    ['expected-results-required', { expectedResults: [] }],
    ['acceptance-criteria-required', { acceptanceCriteria: [] }],
    ['acceptance-criteria-required', { acceptanceCriteria: [{ criterionId: 'c-1', text: ' ' }] }],
    ['duplicate-milestone-id', { milestones: [plan.milestones[0], plan.milestones[0]] }],
    ['duplicate-step-id', { steps: [plan.steps[0], plan.steps[0]] }],
    ['duplicate-criterion-id', { acceptanceCriteria: [plan.acceptanceCriteria[0], plan.acceptanceCriteria[0]] }],
    ['invalid-instant', { milestones: [{ milestoneId: 'm-1', title: 'Cause found', dueAt: 'end of March' }] }],
    ['step-without-milestone', { steps: [{ stepId: 's-1', description: 'Reproduce', milestoneId: 'm-9' }] }],
  ])('refuses with %s', (code, overrides) => {
    expect(refusalOf(overrides)).toMatchObject({ name: 'RuleViolation', code });
  });

  it('cites the requirement it enforces', () => {
    expect(refusalOf({ goals: [] })).toMatchObject({ message: expect.stringContaining('(P-3.1)') });
    expect(refusalOf({ acceptanceCriteria: [] })).toMatchObject({ message: expect.stringContaining('(P-5.1)') });
  });

  it('takes the baseline delivery is held to: steps, milestones and acceptance criteria', () => {
    expect(baselineOf(plan)).toEqual({
      steps: plan.steps,
      milestones: plan.milestones,
      acceptanceCriteria: plan.acceptanceCriteria,
    });
  });
});
