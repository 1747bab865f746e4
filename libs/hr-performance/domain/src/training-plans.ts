import { Aggregate, Command, Decider, RuleViolation, streamOf } from '@serviceledger/platform/core';

/**
 * A department's regular training plan for a year (H-1.3, 四(一)3 "定期組織員工參加專業技能培訓、行業知識培訓、
 * 服務意識培訓等"): the trainings its staff must complete that year, each of one of the three kinds, for all
 * of the department's posts or for some, by a date of the year. A plan covers all three kinds; it is
 * versioned on every change.
 */
export const REGULAR_TRAINING_KINDS = ['professional-skills', 'industry-knowledge', 'service-awareness'] as const;
export type RegularTrainingKind = (typeof REGULAR_TRAINING_KINDS)[number];
export const TRAINING_KINDS = ['onboarding', ...REGULAR_TRAINING_KINDS] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const MAX_PLAN_ITEMS = 50;

export interface PlanItem {
  /** The training's id (a course): sessions that deliver it name it, promotion criteria require it. */
  trainingId: string;
  kind: RegularTrainingKind;
  title: string;
  /** The posts that must take it; empty: every post of the department. */
  postIds: string[];
  dueBy: string;
}

export interface TrainingPlan {
  departmentId: string;
  year: number;
  version: number;
  items: PlanItem[];
  setAt: string;
  setBy: string;
}
export type TrainingPlanState = TrainingPlan | null;

export type SetTrainingPlan = Command<'SetTrainingPlan', { departmentId: string; year: number; items: PlanItem[] }>;
export type TrainingPlanSet = { type: 'TrainingPlanSet'; data: TrainingPlan };
export type TrainingPlanEvent = TrainingPlanSet;

export const trainingPlan: Decider<SetTrainingPlan, TrainingPlanEvent, TrainingPlanState> = {
  initialState: () => null,
  evolve: (_state, event) => event.data,
  decide(command, state) {
    const { departmentId, year } = command.data;
    const items = command.data.items.map((item) => ({ ...item, title: item.title.trim(), postIds: [...new Set(item.postIds)].sort() }));
    if (items.some((item) => !item.title)) throw new RuleViolation('field-required', 'Every training of a plan needs its title');
    const ids = items.map((item) => item.trainingId);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (repeated.length > 0) throw new RuleViolation('training-repeated', `Training ${repeated[0]} is listed twice in the plan`);
    const missing = REGULAR_TRAINING_KINDS.filter((kind) => !items.some((item) => item.kind === kind));
    if (missing.length > 0) {
      throw new RuleViolation('training-kind-missing', `The ${year} training plan of ${departmentId} has no ${missing.join(', ')} training (H-1.3: professional skills, industry knowledge, service awareness)`);
    }
    const outside = items.find((item) => !item.dueBy.startsWith(`${year}-`));
    if (outside) throw new RuleViolation('due-outside-year', `Training ${outside.trainingId} is due on ${outside.dueBy}, outside ${year}`);
    if (state && JSON.stringify(state.items) === JSON.stringify(items)) return [];
    const { at, actor } = command.metadata;
    return [{ type: 'TrainingPlanSet', data: { departmentId, year, version: (state?.version ?? 0) + 1, items, setAt: at, setBy: actor.userId } }];
  },
};

/** `hr-performance.training-plan-<departmentId>.<year>`: a department's plan of a year and its revisions. HR plans for every department. */
export const trainingPlans: Aggregate<SetTrainingPlan, TrainingPlanEvent, TrainingPlanState> = {
  name: 'Training plan',
  streamPrefix: 'hr-performance.training-plan-',
  decider: trainingPlan,
  idOf: (command) => trainingPlanId(command.data.departmentId, command.data.year),
  creates: 'any',
};

export const trainingPlanId = (departmentId: string, year: number): string => `${departmentId}.${year}`;
export const trainingPlanStream = (departmentId: string, year: number): string => streamOf(trainingPlans, trainingPlanId(departmentId, year));

/** The plan's trainings an employee of the post must take. */
export function itemsForPost(plan: TrainingPlan, postId: string): PlanItem[] {
  return plan.items.filter((item) => item.postIds.length === 0 || item.postIds.includes(postId));
}
