import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { PlanItem, SetTrainingPlan, itemsForPost, trainingPlan, trainingPlanId } from './training-plans';

const hr = actor('hr-li', ['hr'], ['human-resources']);
const command = commandsOf<SetTrainingPlan>({ at: '2026-01-05T02:00:00.000Z', actor: hr });
const { when, aggregateAfter, refusal } = deciderSpec(trainingPlan);

const items: PlanItem[] = [
  { trainingId: 'network-diagnostics', kind: 'professional-skills', title: 'Network diagnostics', postIds: ['support-engineer'], dueBy: '2026-06-30' },
  { trainingId: 'industry-trends-2026', kind: 'industry-knowledge', title: 'Industry trends', postIds: [], dueBy: '2026-09-30' },
  { trainingId: 'service-awareness-2026', kind: 'service-awareness', title: 'Customer first', postIds: [], dueBy: '2026-12-31' },
];
const plan = (planItems: PlanItem[]) => command('SetTrainingPlan', { departmentId: 'tech-support', year: 2026, items: planItems });

describe('regular training plan of a department and year (H-1.3)', () => {
  it('lists professional-skills, industry-knowledge and service-awareness trainings, versioned on each change', () => {
    const first = when([], plan(items));
    expect(first).toEqual([expect.objectContaining({ type: 'TrainingPlanSet', data: expect.objectContaining({ departmentId: 'tech-support', year: 2026, version: 1 }) })]);
    expect(when(first, plan(items))).toEqual([]);
    const second = when(first, plan([...items, { trainingId: 'fibre-splicing', kind: 'professional-skills', title: 'Fibre splicing', postIds: [], dueBy: '2026-10-31' }]));
    expect(aggregateAfter([...first, ...second])).toMatchObject({ version: 2, items: expect.arrayContaining([expect.objectContaining({ trainingId: 'fibre-splicing' })]) });
    expect(trainingPlanId('tech-support', 2026)).toBe('tech-support.2026');
  });

  it('refuses a plan without one of the three kinds, naming it', () => {
    expect(refusal([], plan(items.filter((item) => item.kind !== 'service-awareness')))).toMatchObject({
      ...refused('training-kind-missing'),
      message: expect.stringContaining('has no service-awareness training'),
    });
  });

  it('refuses a training due outside the plan’s year, and one listed twice', () => {
    expect(refusal([], plan([...items.slice(1), { ...items[0], dueBy: '2027-01-15' }]))).toMatchObject(refused('due-outside-year'));
    expect(refusal([], plan([...items, items[0]]))).toMatchObject(refused('training-repeated'));
  });

  it('asks of a post the trainings for every post and those naming it', () => {
    const state = aggregateAfter(when([], plan(items)));
    expect(itemsForPost(state, 'support-engineer').map((i) => i.trainingId)).toEqual(['network-diagnostics', 'industry-trends-2026', 'service-awareness-2026']);
    expect(itemsForPost(state, 'team-lead').map((i) => i.trainingId)).toEqual(['industry-trends-2026', 'service-awareness-2026']);
  });
});
