import { Command, RuleViolation } from '@serviceledger/platform/core';
import { ensureInstant, isAfter } from './due-times';
import { requireText } from './required-text';
import { CaseMilestone, CaseStep, DELIVERY_STATUSES, ServiceCase, ensureNotEnded } from './service-case-state';
import { CheckEvidence, DeclaredStandard, StandardRequirements } from './technical-standard';

/**
 * Implementation against the approved plan (P-4.2): steps and milestones are completed with evidence;
 * a slip from the plan's dates is recorded with a reason, and a milestone is only dropped by an
 * explicit waiver with a reason. The plan's dates themselves change only through a new plan
 * version (C-2.2).
 *
 * 二(四)2 "嚴格遵守相關技術標準、操作規範和質量要求": a milestone or one of its steps declares the standards
 * (each at one version, technical-standard.ts) it follows, and is completed only with evidence for
 * every check those versions require. Declarations only add: a standard once declared cannot be
 * dropped to get round its checks (a milestone that no longer applies is waived, with a reason).
 */

/** The work a declaration is for: a milestone, or one step of it. */
export type DeclaredWork = { milestoneId: string } | { stepId: string };

/** Evidence for one check, as the person completing the work gives it. */
export type GivenCheckEvidence = Omit<CheckEvidence, 'version'>;

// Commands

/** The service reads each standard's version and passes its checks. */
export type DeclareStandards = Command<
  'DeclareStandards',
  { caseId: string; work: DeclaredWork; standards: StandardRequirements[] }
>;
export type CompleteStep = Command<
  'CompleteStep',
  {
    caseId: string;
    stepId: string;
    evidence: string;
    /** One entry per check of the standards the step declared. */
    checks?: GivenCheckEvidence[];
  }
>;
export type CompleteMilestone = Command<
  'CompleteMilestone',
  {
    caseId: string;
    milestoneId: string;
    evidence: string;
    /** Required when the milestone is completed after its due date. */
    lateReason?: string;
    /** One entry per check of the standards the milestone declared. */
    checks?: GivenCheckEvidence[];
  }
>;
export type WaiveMilestone = Command<'WaiveMilestone', { caseId: string; milestoneId: string; reason: string }>;
export type RecordMilestoneDeviation = Command<
  'RecordMilestoneDeviation',
  { caseId: string; milestoneId: string; expectedAt: string; reason: string }
>;

export type MilestoneCommand = DeclareStandards | CompleteStep | CompleteMilestone | WaiveMilestone | RecordMilestoneDeviation;

// Events

export type StandardsDeclared = {
  type: 'StandardsDeclared';
  data: {
    caseId: string;
    milestoneId: string;
    stepId?: string;
    planVersion: number;
    standards: StandardRequirements[];
    declaredBy: string;
    declaredAt: string;
  };
};
export type StepCompleted = {
  type: 'StepCompleted';
  data: {
    caseId: string;
    stepId: string;
    milestoneId: string;
    planVersion: number;
    evidence: string;
    /** Present when the step declared standards: the evidence for each of their checks. */
    checks?: CheckEvidence[];
    completedBy: string;
    completedAt: string;
  };
};
export type MilestoneCompleted = {
  type: 'MilestoneCompleted';
  data: {
    caseId: string;
    milestoneId: string;
    planVersion: number;
    dueAt: string;
    evidence: string;
    late: boolean;
    lateReason?: string;
    /** Present when the milestone declared standards: the evidence for each of their checks. */
    checks?: CheckEvidence[];
    completedBy: string;
    completedAt: string;
  };
};
export type MilestoneWaived = {
  type: 'MilestoneWaived';
  data: {
    caseId: string;
    milestoneId: string;
    planVersion: number;
    reason: string;
    waivedBy: string;
    waivedAt: string;
  };
};
export type MilestoneDeviationRecorded = {
  type: 'MilestoneDeviationRecorded';
  data: {
    caseId: string;
    milestoneId: string;
    plannedDueAt: string;
    expectedAt: string;
    reason: string;
    recordedBy: string;
  };
};

export type MilestoneEvent =
  | StandardsDeclared
  | StepCompleted
  | MilestoneCompleted
  | MilestoneWaived
  | MilestoneDeviationRecorded;

export function decideMilestones(state: ServiceCase, command: MilestoneCommand): MilestoneEvent[] {
  if (command.type === 'DeclareStandards') return [declared(state, command)];
  const { metadata } = command;
  const actor = metadata.actor.userId;
  const planVersion = ensureDelivering(state);
  const { caseId } = state;
  switch (command.type) {
    case 'CompleteStep': {
      const step = stepOf(state, command.data.stepId);
      if (step.done) throw new RuleViolation('step-already-done', `Step ${step.stepId} is already done`);
      ensureOpen(state, milestoneOf(state, step.milestoneId));
      const evidence = requireEvidence(command.data.evidence, `Step ${step.stepId}`);
      const checks = checksEvidenced(standardsOf(state, step), command.data.checks, `Step ${step.stepId}`);
      return [
        {
          type: 'StepCompleted',
          data: {
            caseId,
            stepId: step.stepId,
            milestoneId: step.milestoneId,
            planVersion,
            evidence,
            ...(checks.length > 0 ? { checks } : {}),
            completedBy: actor,
            completedAt: metadata.at,
          },
        },
      ];
    }
    case 'CompleteMilestone': {
      const milestone = ensureOpen(state, milestoneOf(state, command.data.milestoneId));
      const outstanding = state.steps.filter((s) => s.milestoneId === milestone.milestoneId && !s.done);
      if (outstanding.length > 0) {
        throw new RuleViolation(
          'steps-outstanding',
          `Milestone ${milestone.milestoneId} is reached once its steps are done; ${outstanding.map((s) => s.stepId).join(', ')} are not (P-4.2)`,
        );
      }
      const evidence = requireEvidence(command.data.evidence, `Milestone ${milestone.milestoneId}`);
      const checks = checksEvidenced(
        standardsOf(state, milestone),
        command.data.checks,
        `Milestone ${milestone.milestoneId}`,
      );
      const late = isAfter(metadata.at, milestone.dueAt);
      const lateReason = late
        ? requireText(
            command.data.lateReason,
            'late-reason-required',
            `Milestone ${milestone.milestoneId} was due at ${milestone.dueAt}: completing it late is a deviation from the plan and needs a reason (P-4.2)`,
          )
        : undefined;
      return [
        {
          type: 'MilestoneCompleted',
          data: {
            caseId,
            milestoneId: milestone.milestoneId,
            planVersion,
            dueAt: milestone.dueAt,
            evidence,
            late,
            ...(lateReason ? { lateReason } : {}),
            ...(checks.length > 0 ? { checks } : {}),
            completedBy: actor,
            completedAt: metadata.at,
          },
        },
      ];
    }
    case 'WaiveMilestone': {
      const milestone = ensureOpen(state, milestoneOf(state, command.data.milestoneId));
      const reason = requireText(
        command.data.reason,
        'waiver-reason-required',
        `Waiving milestone ${milestone.milestoneId} departs from the approved plan and needs a reason (P-4.2)`,
      );
      return [
        {
          type: 'MilestoneWaived',
          data: {
            caseId,
            milestoneId: milestone.milestoneId,
            planVersion,
            reason,
            waivedBy: actor,
            waivedAt: metadata.at,
          },
        },
      ];
    }
    case 'RecordMilestoneDeviation': {
      const milestone = ensureOpen(state, milestoneOf(state, command.data.milestoneId));
      const { milestoneId } = milestone;
      const expectedAt = ensureInstant(command.data.expectedAt, `The expected date of milestone ${milestoneId}`);
      if (Date.parse(expectedAt) === Date.parse(milestone.dueAt)) {
        throw new RuleViolation(
          'no-deviation',
          `Milestone ${milestone.milestoneId} is expected at its planned date ${milestone.dueAt}: there is no deviation to record`,
        );
      }
      const reason = requireText(
        command.data.reason,
        'deviation-reason-required',
        `A deviation from the date of milestone ${milestone.milestoneId} is recorded with its reason (P-4.2)`,
      );
      return [
        {
          type: 'MilestoneDeviationRecorded',
          data: { caseId, milestoneId, plannedDueAt: milestone.dueAt, expectedAt, reason, recordedBy: actor },
        },
      ];
    }
  }
}

export function evolveMilestones(state: ServiceCase, event: MilestoneEvent): ServiceCase {
  switch (event.type) {
    case 'StandardsDeclared': {
      const { milestoneId, stepId, standards } = event.data;
      const declaredNow = standards.map((s) => ({ ...s, milestoneId, ...(stepId ? { stepId } : {}) }));
      return { ...state, standards: [...state.standards, ...declaredNow] };
    }
    case 'StepCompleted':
      return { ...state, steps: state.steps.map((s) => (s.stepId === event.data.stepId ? { ...s, done: true } : s)) };
    case 'MilestoneCompleted':
      return withMilestone(state, event.data.milestoneId, (m) => ({ ...m, status: 'done' }));
    case 'MilestoneWaived':
      return withMilestone(state, event.data.milestoneId, (m) => ({ ...m, status: 'waived' }));
    case 'MilestoneDeviationRecorded':
      return withMilestone(state, event.data.milestoneId, (m) => ({ ...m, expectedAt: event.data.expectedAt }));
  }
}

/** Milestones neither done nor waived: acceptance waits for them (P-5.1). */
export function outstandingMilestones(state: ServiceCase): string[] {
  return state.milestones.filter((m) => m.status === 'open').map((m) => m.milestoneId);
}

/** P-4.2: the standards a milestone or step follows are declared on the approved plan, before its work is done. */
function declared(state: ServiceCase, command: DeclareStandards): StandardsDeclared {
  const { work, standards } = command.data;
  ensureNotEnded(state, 'delivered');
  if (!['ready', ...DELIVERY_STATUSES].includes(state.status) || state.planVersion === undefined) {
    throw new RuleViolation(
      'not-in-delivery',
      `Service case ${state.reference} is ${state.status}: the standards work follows are declared on an approved plan, before acceptance (P-3.2, P-4.2)`,
    );
  }
  let target: CaseMilestone | CaseStep;
  if ('stepId' in work) {
    target = stepOf(state, work.stepId);
    if (target.done) throw new RuleViolation('step-already-done', `Step ${target.stepId} is already done`);
  } else {
    target = milestoneOf(state, work.milestoneId);
  }
  const milestone = ensureOpen(state, milestoneOf(state, target.milestoneId));
  const what = 'stepId' in target ? `Step ${target.stepId}` : `Milestone ${milestone.milestoneId}`;
  if (standards.length === 0) {
    throw new RuleViolation('standards-required', `${what} declares at least one standard it follows (P-4.2)`);
  }
  const followed = standardsOf(state, target);
  const again = standards.find(
    (s, i) => followed.some((f) => f.standardId === s.standardId) || standards.findIndex((o) => o.standardId === s.standardId) !== i,
  );
  if (again) {
    throw new RuleViolation('standard-already-declared', `${what} already follows standard ${again.standardId}`);
  }
  return {
    type: 'StandardsDeclared',
    data: {
      caseId: state.caseId,
      milestoneId: milestone.milestoneId,
      ...('stepId' in target ? { stepId: target.stepId } : {}),
      planVersion: state.planVersion,
      standards,
      declaredBy: command.metadata.actor.userId,
      declaredAt: command.metadata.at,
    },
  };
}

/** The standards declared for this very milestone or step (a milestone's steps answer for their own). */
function standardsOf(state: ServiceCase, work: CaseMilestone | CaseStep): DeclaredStandard[] {
  const stepId = 'stepId' in work ? work.stepId : undefined;
  return state.standards.filter((s) => s.milestoneId === work.milestoneId && s.stepId === stepId);
}

/**
 * P-4.2: evidence for every check of every standard the work follows, and for no other check. The
 * refusal names each check still without evidence, so the team knows what the standard asks for.
 */
function checksEvidenced(followed: DeclaredStandard[], given: GivenCheckEvidence[] = [], what: string): CheckEvidence[] {
  const seen = new Set<string>();
  for (const { standardId, checkId } of given) {
    const key = `${standardId}/${checkId}`;
    if (seen.has(key)) throw new RuleViolation('duplicate-check-evidence', `${what}: check ${checkId} of standard ${standardId} is given twice`);
    seen.add(key);
    if (!followed.some((s) => s.standardId === standardId && s.checks.some((c) => c.checkId === checkId))) {
      throw new RuleViolation(
        'unknown-check',
        `${what} follows no standard ${standardId} with check ${checkId}${followed.length ? `; it follows ${followed.map((s) => `${s.standardId} v${s.version}`).join(', ')}` : ''}`,
      );
    }
  }
  const recorded: CheckEvidence[] = [];
  const missing: string[] = [];
  for (const standard of followed) {
    for (const check of standard.checks) {
      const evidence = given.find((g) => g.standardId === standard.standardId && g.checkId === check.checkId)?.evidence?.trim();
      if (evidence) recorded.push({ standardId: standard.standardId, version: standard.version, checkId: check.checkId, evidence });
      else missing.push(`check ${check.checkId} of standard ${standard.standardId} v${standard.version} (${check.description})`);
    }
  }
  if (missing.length > 0) {
    throw new RuleViolation(
      'required-check-missing',
      `${what} is completed only with evidence for every check of the standards it follows; missing: ${missing.join('; ')} (P-4.2: 嚴格遵守相關技術標準、操作規範和質量要求)`,
    );
  }
  return recorded;
}

/** P-4.2: work is recorded against an approved plan, while the case is in delivery or rectification. */
function ensureDelivering(state: ServiceCase): number {
  ensureNotEnded(state, 'delivered');
  if (!DELIVERY_STATUSES.includes(state.status) || state.planVersion === undefined) {
    throw new RuleViolation(
      'not-in-delivery',
      `Service case ${state.reference} is ${state.status}: steps and milestones are recorded only during delivery, which starts on an approved plan (P-3.2, P-4.2)`,
    );
  }
  return state.planVersion;
}

function milestoneOf(state: ServiceCase, milestoneId: string): CaseMilestone {
  const milestone = state.milestones.find((m) => m.milestoneId === milestoneId);
  if (!milestone) {
    throw new RuleViolation(
      'unknown-milestone',
      `Milestone ${milestoneId} is not in version ${state.planVersion} of the plan of case ${state.reference} (P-4.2)`,
    );
  }
  return milestone;
}

function stepOf(state: ServiceCase, stepId: string): CaseStep {
  const step = state.steps.find((s) => s.stepId === stepId);
  if (!step) {
    throw new RuleViolation(
      'unknown-step',
      `Step ${stepId} is not in version ${state.planVersion} of the plan of case ${state.reference} (P-4.2)`,
    );
  }
  return step;
}

function ensureOpen(state: ServiceCase, milestone: CaseMilestone): CaseMilestone {
  if (milestone.status === 'done') {
    throw new RuleViolation(
      'milestone-already-done',
      `Milestone ${milestone.milestoneId} of case ${state.reference} is already done`,
    );
  }
  if (milestone.status === 'waived') {
    throw new RuleViolation(
      'milestone-waived',
      `Milestone ${milestone.milestoneId} of case ${state.reference} was waived`,
    );
  }
  return milestone;
}

function requireEvidence(text: string, what: string): string {
  return requireText(text, 'evidence-required', `${what} is recorded as done with a note of the evidence (P-4.2)`);
}

function withMilestone(
  state: ServiceCase,
  milestoneId: string,
  change: (m: CaseMilestone) => CaseMilestone,
): ServiceCase {
  return { ...state, milestones: state.milestones.map((m) => (m.milestoneId === milestoneId ? change(m) : m)) };
}
