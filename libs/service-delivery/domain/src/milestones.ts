import { Command, RuleViolation } from '@serviceledger/platform/core';
import { ensureInstant, isAfter } from './due-times';
import { requireText } from './required-text';
import { CaseMilestone, DELIVERY_STATUSES, ServiceCase, ensureNotEnded } from './service-case-state';

/**
 * Implementation against the approved plan (P-4.2): steps and milestones are completed with evidence;
 * a slip from the plan's dates is recorded with a reason, and a milestone is only dropped by an
 * explicit waiver with a reason. The plan's dates themselves change only through a new plan
 * version (C-2.2).
 */

// Commands

export type CompleteStep = Command<'CompleteStep', { caseId: string; stepId: string; evidence: string }>;
export type CompleteMilestone = Command<
  'CompleteMilestone',
  {
    caseId: string;
    milestoneId: string;
    evidence: string;
    /** Required when the milestone is completed after its due date. */
    lateReason?: string;
  }
>;
export type WaiveMilestone = Command<'WaiveMilestone', { caseId: string; milestoneId: string; reason: string }>;
export type RecordMilestoneDeviation = Command<
  'RecordMilestoneDeviation',
  { caseId: string; milestoneId: string; expectedAt: string; reason: string }
>;

export type MilestoneCommand = CompleteStep | CompleteMilestone | WaiveMilestone | RecordMilestoneDeviation;

// Events

export type StepCompleted = {
  type: 'StepCompleted';
  data: {
    caseId: string;
    stepId: string;
    milestoneId: string;
    planVersion: number;
    evidence: string;
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

export type MilestoneEvent = StepCompleted | MilestoneCompleted | MilestoneWaived | MilestoneDeviationRecorded;

export function decideMilestones(state: ServiceCase, command: MilestoneCommand): MilestoneEvent[] {
  const { metadata } = command;
  const actor = metadata.actor.userId;
  const planVersion = ensureDelivering(state);
  const { caseId } = state;
  switch (command.type) {
    case 'CompleteStep': {
      const step = state.steps.find((s) => s.stepId === command.data.stepId);
      if (!step) {
        throw new RuleViolation(
          'unknown-step',
          `Step ${command.data.stepId} is not in version ${planVersion} of the plan of case ${state.reference} (P-4.2)`,
        );
      }
      if (step.done) throw new RuleViolation('step-already-done', `Step ${step.stepId} is already done`);
      ensureOpen(state, milestoneOf(state, step.milestoneId));
      return [
        {
          type: 'StepCompleted',
          data: {
            caseId,
            stepId: step.stepId,
            milestoneId: step.milestoneId,
            planVersion,
            evidence: requireEvidence(command.data.evidence, `Step ${step.stepId}`),
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
