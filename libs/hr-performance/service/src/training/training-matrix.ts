import { Employee, OnboardingTopic, Post, TrainingKind, TrainingPlan, itemsForPost } from '@serviceledger/hr-performance/domain';
import { CompletionRow } from './training.projection';

export type RequirementStatus = 'done' | 'due' | 'overdue';

/** One training an employee's post requires of them, and where they stand with it. */
export interface RequiredTraining {
  /** The plan's training id, or `onboarding:<topic>` for a topic of the onboarding programme. */
  trainingId: string;
  kind: TrainingKind;
  title: string;
  dueOn: string;
  status: RequirementStatus;
  completedOn: string | null;
  score: number | null;
}

export interface MatrixRow {
  employeeId: string;
  name: string;
  departmentId: string;
  postId: string;
  required: RequiredTraining[];
  done: number;
  due: number;
  overdue: number;
}

/**
 * What an employee's post requires of them, done or not (H-1.2, H-1.3): every topic of their onboarding
 * programme, due on their onboarding date, and every training of their department's plan of the year for
 * their post that fell due after they were hired. Done when completed (an onboarding topic as the employee's
 * record says, a planned training by any session delivering it); overdue when not done after its due date.
 */
export function matrixRow(employee: Employee, post: Post | undefined, plan: TrainingPlan | undefined, completions: CompletionRow[], today: string): MatrixRow {
  const status = (done: boolean, dueOn: string): RequirementStatus => (done ? 'done' : today > dueOn ? 'overdue' : 'due');
  const onboarding = employee.onboarding.topics.map((topic): RequiredTraining => {
    const completed = employee.onboarding.completed.find((c) => c.topic === topic);
    const score = completed ? (completions.find((c) => c.sessionId === completed.sessionId)?.score ?? null) : null;
    return {
      trainingId: `onboarding:${topic}`,
      kind: 'onboarding',
      title: programmeTitle(post, topic),
      dueOn: employee.onboarding.dueOn,
      status: status(completed !== undefined, employee.onboarding.dueOn),
      completedOn: completed?.completedOn ?? null,
      score,
    };
  });
  const planned = (plan ? itemsForPost(plan, employee.postId) : [])
    .filter((item) => item.dueBy >= employee.hiredOn)
    .map((item): RequiredTraining => {
      const latest = completions.filter((c) => c.trainingId === item.trainingId && c.kind !== 'onboarding').sort((a, b) => b.completedOn.localeCompare(a.completedOn))[0];
      return { trainingId: item.trainingId, kind: item.kind, title: item.title, dueOn: item.dueBy, status: status(latest !== undefined, item.dueBy), completedOn: latest?.completedOn ?? null, score: latest?.score ?? null };
    });
  const required = [...onboarding, ...planned];
  const count = (s: RequirementStatus) => required.filter((r) => r.status === s).length;
  return { employeeId: employee.employeeId, name: employee.name, departmentId: employee.departmentId, postId: employee.postId, required, done: count('done'), due: count('due'), overdue: count('overdue') };
}

function programmeTitle(post: Post | undefined, topic: OnboardingTopic): string {
  return post?.onboarding?.items.find((item) => item.topic === topic)?.title ?? topic;
}
