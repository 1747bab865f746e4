import { RuleViolation } from '@serviceledger/platform/core';
import { ensureInstant } from './due-times';

/** One criterion of the contract or agreement that the customer accepts the service against (P-5.1). */
export interface AcceptanceCriterion {
  criterionId: string;
  text: string;
}

/** A time node of the plan (P-3.1). */
export interface PlanMilestone {
  milestoneId: string;
  title: string;
  dueAt: string;
}

/** An implementation step, counted towards the milestone it leads to. */
export interface PlanStep {
  stepId: string;
  description: string;
  milestoneId: string;
}

/** What a service plan says (P-3.1), with the acceptance criteria taken from the contract (P-5.1). */
export interface PlanContent {
  goals: string[];
  content: string;
  steps: PlanStep[];
  milestones: PlanMilestone[];
  expectedResults: string[];
  acceptanceCriteria: AcceptanceCriterion[];
}

/** The part of an approved plan that delivery and acceptance are held to. */
export type PlanBaseline = Pick<PlanContent, 'steps' | 'milestones' | 'acceptanceCriteria'>;

export function baselineOf(plan: PlanContent): PlanBaseline {
  return { steps: plan.steps, milestones: plan.milestones, acceptanceCriteria: plan.acceptanceCriteria };
}

/** P-3.1: a plan that goes to review states every element the regulation names, each one identifiable. */
export function ensureCompletePlan(plan: PlanContent): void {
  requireEntries(plan.goals, 'goals-required', 'A service plan states its goals (P-3.1)');
  if (isBlank(plan.content)) refuse('content-required', 'A service plan describes the content of the service (P-3.1)');
  requireEntries(
    plan.steps.map((s) => s.description),
    'steps-required',
    'A service plan lists its implementation steps, each described (P-3.1)',
  );
  requireEntries(
    plan.milestones.map((m) => m.title),
    'milestones-required',
    'A service plan sets its milestones, each with a title and a due date (P-3.1)',
  );
  requireEntries(
    plan.expectedResults,
    'expected-results-required',
    'A service plan states its expected results (P-3.1)',
  );
  requireEntries(
    plan.acceptanceCriteria.map((c) => c.text),
    'acceptance-criteria-required',
    'A service plan carries the acceptance criteria of the contract or agreement, each worded (P-5.1)',
  );
  ensureUniqueIds('milestone', plan.milestones.map((m) => m.milestoneId));
  ensureUniqueIds('step', plan.steps.map((s) => s.stepId));
  ensureUniqueIds('criterion', plan.acceptanceCriteria.map((c) => c.criterionId));
  plan.milestones.forEach((m) => ensureInstant(m.dueAt, `The due date of milestone ${m.milestoneId}`));
  const orphan = plan.steps.find((s) => !plan.milestones.some((m) => m.milestoneId === s.milestoneId));
  if (orphan) {
    refuse(
      'step-without-milestone',
      `Step ${orphan.stepId} leads to milestone ${orphan.milestoneId}, which the plan does not set`,
    );
  }
}

function requireEntries(entries: string[], code: string, message: string): void {
  if (entries.length === 0 || entries.some(isBlank)) refuse(code, message);
}

function ensureUniqueIds(kind: string, ids: string[]): void {
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) refuse(`duplicate-${kind}-id`, `The plan uses ${kind} id ${repeated} twice`);
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

function refuse(code: string, message: string): never {
  throw new RuleViolation(code, message);
}
