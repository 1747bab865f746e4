import { diffBaselines } from './plan-version-diff';

const v1 = {
  milestones: [
    { milestoneId: 'm-1', dueAt: '2026-03-10T18:00:00.000Z' },
    { milestoneId: 'm-2', dueAt: '2026-03-20T18:00:00.000Z' },
  ],
  steps: [{ stepId: 's-1' }, { stepId: 's-2' }],
  acceptanceCriteria: [{ criterionId: 'c-1', text: 'Invoices print' }],
};

describe('plan version diff (C-2.2)', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffBaselines(v1, v1)).toEqual({
      milestonesAdded: [],
      milestonesRemoved: [],
      milestonesRescheduled: [],
      stepsAdded: [],
      stepsRemoved: [],
      criteriaAdded: [],
      criteriaRemoved: [],
      criteriaReworded: [],
    });
  });

  it('finds added, removed, rescheduled and reworded items by id', () => {
    const v2 = {
      milestones: [
        { milestoneId: 'm-2', dueAt: '2026-03-22T18:00:00.000Z' },
        { milestoneId: 'm-3', dueAt: '2026-03-30T18:00:00.000Z' },
      ],
      steps: [{ stepId: 's-2' }, { stepId: 's-3' }],
      acceptanceCriteria: [
        { criterionId: 'c-1', text: 'Invoices print in colour' },
        { criterionId: 'c-2', text: 'Staff trained' },
      ],
    };
    expect(diffBaselines(v1, v2)).toEqual({
      milestonesAdded: ['m-3'],
      milestonesRemoved: ['m-1'],
      milestonesRescheduled: [{ milestoneId: 'm-2', from: '2026-03-20T18:00:00.000Z', to: '2026-03-22T18:00:00.000Z' }],
      stepsAdded: ['s-3'],
      stepsRemoved: ['s-1'],
      criteriaAdded: ['c-2'],
      criteriaRemoved: [],
      criteriaReworded: ['c-1'],
    });
  });

  it('does not take the same instant written differently for a reschedule', () => {
    const sameInstant = { ...v1, milestones: [{ milestoneId: 'm-1', dueAt: '2026-03-11T02:00:00+08:00' }, v1.milestones[1]] };
    expect(diffBaselines(v1, sameInstant).milestonesRescheduled).toEqual([]);
  });
});
