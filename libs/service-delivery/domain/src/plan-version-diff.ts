import { AcceptanceCriterion, PlanMilestone, PlanStep } from './plan-content';

/** What a newly approved plan version changes for delivery (C-2.2), so the team and the customer see it at a glance. */
export interface PlanBaselineChanges {
  milestonesAdded: string[];
  milestonesRemoved: string[];
  milestonesRescheduled: { milestoneId: string; from: string; to: string }[];
  stepsAdded: string[];
  stepsRemoved: string[];
  criteriaAdded: string[];
  criteriaRemoved: string[];
  criteriaReworded: string[];
}

/** What the comparison reads of a baseline: ids, milestone dates and criterion wording. */
export interface ComparableBaseline {
  milestones: Pick<PlanMilestone, 'milestoneId' | 'dueAt'>[];
  steps: Pick<PlanStep, 'stepId'>[];
  acceptanceCriteria: AcceptanceCriterion[];
}

export function diffBaselines(previous: ComparableBaseline, next: ComparableBaseline): PlanBaselineChanges {
  const milestones = compareById(previous.milestones, next.milestones, (m) => m.milestoneId);
  const steps = compareById(previous.steps, next.steps, (s) => s.stepId);
  const criteria = compareById(previous.acceptanceCriteria, next.acceptanceCriteria, (c) => c.criterionId);
  return {
    milestonesAdded: milestones.added,
    milestonesRemoved: milestones.removed,
    milestonesRescheduled: milestones.kept
      .filter(([before, after]) => Date.parse(before.dueAt) !== Date.parse(after.dueAt))
      .map(([before, after]) => ({ milestoneId: after.milestoneId, from: before.dueAt, to: after.dueAt })),
    stepsAdded: steps.added,
    stepsRemoved: steps.removed,
    criteriaAdded: criteria.added,
    criteriaRemoved: criteria.removed,
    criteriaReworded: criteria.kept
      .filter(([before, after]) => before.text !== after.text)
      .map(([, after]) => after.criterionId),
  };
}

function compareById<T>(
  before: T[],
  after: T[],
  idOf: (item: T) => string,
): { added: string[]; removed: string[]; kept: [T, T][] } {
  const beforeById = new Map(before.map((item) => [idOf(item), item]));
  const afterIds = new Set(after.map(idOf));
  return {
    added: after.map(idOf).filter((id) => !beforeById.has(id)),
    removed: before.map(idOf).filter((id) => !afterIds.has(id)),
    kept: after.flatMap((item): [T, T][] => {
      const earlier = beforeById.get(idOf(item));
      return earlier ? [[earlier, item]] : [];
    }),
  };
}
