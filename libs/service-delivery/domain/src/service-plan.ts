import { Aggregate, Actor, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { isHeadOf } from './departments';
import { isAfter } from './due-times';
import { PlanContent, ensureCompletePlan } from './plan-content';
import { requireText } from './required-text';
import { Complexity } from './service-case-state';

/**
 * The service plan of one case (P-3.1, P-3.2, C-2.2): every version put to review is kept.
 *
 *   OpenServicePlan                                   → waiting for version 1 (drafting deadline runs)
 *   SubmitPlanVersion      no version in review       → version n+1 in-review
 *   RecordExpertOpinion    in-review, named expert    → the expert's conclusion on that version
 *   RequestPlanChanges     in-review, head            → changes-requested (revise: submit n+1)
 *   ApprovePlanVersion     in-review, head, every named expert approved → approved; the previous approved
 *                                                       version, if any, is superseded
 *
 * A version submitted after one was approved is a change of plan (C-2.2): it needs a reason, and
 * delivery stays on the approved version until the new one is approved. A complex case's plan, or a
 * plan flagged major, is reviewed by named experts as well as the head; the flag cannot be dropped
 * by a later version, so there is no way round the expert review.
 */
export const PLAN_VERSION_STATUSES = ['in-review', 'changes-requested', 'approved', 'superseded'] as const;
export type PlanVersionStatus = (typeof PLAN_VERSION_STATUSES)[number];

export const EXPERT_CONCLUSIONS = ['approve', 'changes-requested'] as const;
export type ExpertConclusion = (typeof EXPERT_CONCLUSIONS)[number];

// Commands

/** Sent by the service when the case opens: the plan is the responsible department's to draft. */
export type OpenServicePlan = Command<
  'OpenServicePlan',
  { caseId: string; reference: string; departmentId: string; complexity: Complexity; draftingDueAt: string }
>;
export type SubmitPlanVersion = Command<
  'SubmitPlanVersion',
  {
    caseId: string;
    plan: PlanContent;
    /** Flags a routine case's plan as major; absent keeps the flag of the previous version. */
    major?: boolean;
    /** The experts who must review this version; required for a major or complex plan. */
    experts?: string[];
    /** Why the plan changes: required once a version has been approved (C-2.2). */
    changeReason?: string;
  }
>;
export type RecordExpertOpinion = Command<
  'RecordExpertOpinion',
  { caseId: string; version: number; opinion: string; conclusion: ExpertConclusion }
>;
export type ApprovePlanVersion = Command<'ApprovePlanVersion', { caseId: string; version: number; comments?: string }>;
export type RequestPlanChanges = Command<'RequestPlanChanges', { caseId: string; version: number; comments: string }>;
/** Sent by the scheduler at the drafting deadline. */
export type MarkPlanDraftingOverdue = Command<'MarkPlanDraftingOverdue', { caseId: string; dueAt: string }>;

export type ServicePlanCommand =
  | OpenServicePlan
  | SubmitPlanVersion
  | RecordExpertOpinion
  | ApprovePlanVersion
  | RequestPlanChanges
  | MarkPlanDraftingOverdue;

// Events

export type ServicePlanOpened = { type: 'ServicePlanOpened'; data: OpenServicePlan['data'] };
export type PlanVersionSubmitted = {
  type: 'PlanVersionSubmitted';
  data: {
    caseId: string;
    version: number;
    plan: PlanContent;
    major: boolean;
    expertReviewRequired: boolean;
    experts: string[];
    changeReason?: string;
    submittedBy: string;
    submittedAt: string;
    /** On version 1 only: whether the plan was drafted within the set time (P-3.1). */
    draftingDeadlineMet?: boolean;
  };
};
export type ExpertOpinionRecorded = {
  type: 'ExpertOpinionRecorded';
  data: { caseId: string; version: number; expertId: string; opinion: string; conclusion: ExpertConclusion };
};
export type PlanChangesRequested = {
  type: 'PlanChangesRequested';
  data: { caseId: string; version: number; comments: string; requestedBy: string; requestedAt: string };
};
/** Carries the approved content: the case adopts it as the plan that delivery follows. */
export type PlanVersionApproved = {
  type: 'PlanVersionApproved';
  data: {
    caseId: string;
    version: number;
    plan: PlanContent;
    comments?: string;
    supersedesVersion?: number;
    approvedBy: string;
    approvedAt: string;
  };
};
export type PlanDraftingOverdue = { type: 'PlanDraftingOverdue'; data: { caseId: string; dueAt: string } };

export type ServicePlanEvent =
  | ServicePlanOpened
  | PlanVersionSubmitted
  | ExpertOpinionRecorded
  | PlanChangesRequested
  | PlanVersionApproved
  | PlanDraftingOverdue;

// State

export interface PlanVersion {
  version: number;
  status: PlanVersionStatus;
  plan: PlanContent;
  expertReviewRequired: boolean;
  experts: string[];
  conclusions: Record<string, ExpertConclusion>;
}

export interface ServicePlan {
  caseId: string;
  reference: string;
  departmentId: string;
  complexity: Complexity;
  draftingDueAt: string;
  draftingOverdue: boolean;
  major: boolean;
  versions: PlanVersion[];
  /** The version delivery follows. */
  approvedVersion?: number;
}

export type ServicePlanState = ServicePlan | null;

export const servicePlan: Decider<ServicePlanCommand, ServicePlanEvent, ServicePlanState> = {
  initialState: () => null,
  evolve: (state, event) => (event.type === 'ServicePlanOpened' ? opened(event) : state && evolvePlan(state, event)),
  decide(command, state) {
    if (command.type === 'OpenServicePlan') {
      if (state) {
        throw new RuleViolation(
          'plan-already-open',
          `The service plan of case ${state.reference} is already open`,
        );
      }
      return [{ type: 'ServicePlanOpened', data: command.data }];
    }
    if (!state) throw new NotFoundError('Service plan', command.data.caseId);
    return decideOn(state, command);
  },
};

/** One plan per case, scoped by its case: the plan knows only the responsible department, not every one taking part. */
export const servicePlans: Aggregate<ServicePlanCommand, ServicePlanEvent, ServicePlanState> = {
  name: 'Service plan',
  streamPrefix: 'service-delivery.plan-',
  decider: servicePlan,
  idOf: (command) => command.data.caseId,
  creates: ['OpenServicePlan'],
};

export const servicePlanStream = (caseId: string): string => streamOf(servicePlans, caseId);

/** The version currently with the reviewers, if any. */
export function versionInReview(state: ServicePlan): PlanVersion | undefined {
  return state.versions.find((v) => v.status === 'in-review');
}

function opened({ data }: ServicePlanOpened): ServicePlan {
  return { ...data, draftingOverdue: false, major: false, versions: [] };
}

function evolvePlan(state: ServicePlan, event: Exclude<ServicePlanEvent, ServicePlanOpened>): ServicePlan {
  switch (event.type) {
    case 'PlanVersionSubmitted': {
      const { version, plan, major, expertReviewRequired, experts } = event.data;
      return {
        ...state,
        major,
        versions: [
          ...state.versions,
          { version, status: 'in-review', plan, expertReviewRequired, experts, conclusions: {} },
        ],
      };
    }
    case 'ExpertOpinionRecorded': {
      const { version, expertId, conclusion } = event.data;
      return withVersion(state, version, (v) => ({ ...v, conclusions: { ...v.conclusions, [expertId]: conclusion } }));
    }
    case 'PlanChangesRequested':
      return withVersion(state, event.data.version, (v) => ({ ...v, status: 'changes-requested' }));
    case 'PlanVersionApproved': {
      const { version } = event.data;
      return {
        ...state,
        approvedVersion: version,
        versions: state.versions.map((v) => {
          if (v.version === version) return { ...v, status: 'approved' };
          return v.status === 'approved' ? { ...v, status: 'superseded' } : v;
        }),
      };
    }
    case 'PlanDraftingOverdue':
      return { ...state, draftingOverdue: true };
  }
}

function withVersion(state: ServicePlan, version: number, change: (v: PlanVersion) => PlanVersion): ServicePlan {
  return { ...state, versions: state.versions.map((v) => (v.version === version ? change(v) : v)) };
}

function decideOn(state: ServicePlan, command: Exclude<ServicePlanCommand, OpenServicePlan>): ServicePlanEvent[] {
  const { metadata } = command;
  const { caseId } = state;
  const actor = metadata.actor.userId;
  switch (command.type) {
    case 'SubmitPlanVersion':
      return [submitted(state, command)];
    case 'RecordExpertOpinion': {
      const review = ensureInReview(state, command.data.version);
      if (!review.experts.includes(actor)) {
        throw new RuleViolation(
          'not-a-named-expert',
          `${actor} is not among the experts named to review version ${review.version} of plan ${state.reference} (P-3.2)`,
        );
      }
      if (review.conclusions[actor]) {
        throw new RuleViolation(
          'expert-already-concluded',
          `${actor} has already given a conclusion on version ${review.version} of plan ${state.reference}`,
        );
      }
      const opinion = requireText(
        command.data.opinion,
        'opinion-required',
        'An expert review gives an opinion (P-3.2)',
      );
      return [
        {
          type: 'ExpertOpinionRecorded',
          data: { caseId, version: review.version, expertId: actor, opinion, conclusion: command.data.conclusion },
        },
      ];
    }
    case 'RequestPlanChanges': {
      const review = ensureInReview(state, command.data.version);
      ensureHead(state, command.metadata.actor, 'sends a plan back for changes');
      const comments = requireText(
        command.data.comments,
        'comments-required',
        'A plan sent back for changes carries the reviewer’s comments, so it can be revised on them (P-3.2)',
      );
      return [
        {
          type: 'PlanChangesRequested',
          data: { caseId, version: review.version, comments, requestedBy: actor, requestedAt: metadata.at },
        },
      ];
    }
    case 'ApprovePlanVersion': {
      const review = ensureInReview(state, command.data.version);
      ensureHead(state, command.metadata.actor, 'approves a plan');
      ensureExpertsApproved(state, review, actor);
      const comments = command.data.comments?.trim();
      return [
        {
          type: 'PlanVersionApproved',
          data: {
            caseId,
            version: review.version,
            plan: review.plan,
            ...(comments ? { comments } : {}),
            ...(state.approvedVersion !== undefined ? { supersedesVersion: state.approvedVersion } : {}),
            approvedBy: actor,
            approvedAt: metadata.at,
          },
        },
      ];
    }
    case 'MarkPlanDraftingOverdue': {
      // A stale or repeated due command changes nothing: the scheduler may deliver it more than once.
      if (state.versions.length > 0 || state.draftingOverdue || command.data.dueAt !== state.draftingDueAt) return [];
      if (isAfter(state.draftingDueAt, metadata.at)) {
        throw new RuleViolation(
          'not-yet-due',
          `The plan of case ${state.reference} is due for review at ${state.draftingDueAt}, not yet (P-3.1)`,
        );
      }
      return [{ type: 'PlanDraftingOverdue', data: { caseId, dueAt: state.draftingDueAt } }];
    }
  }
}

function submitted(state: ServicePlan, command: SubmitPlanVersion): PlanVersionSubmitted {
  const { data, metadata } = command;
  const actor = metadata.actor.userId;
  if (!metadata.actor.departments.includes(state.departmentId)) {
    throw new RuleViolation(
      'not-responsible-department',
      `The plan of case ${state.reference} is drafted by department ${state.departmentId}, which received the demand (P-3.1)`,
    );
  }
  const inReview = versionInReview(state);
  if (inReview) {
    throw new RuleViolation(
      'plan-in-review',
      `Version ${inReview.version} of plan ${state.reference} is under review; it is approved or sent back before another version is submitted (P-3.2)`,
    );
  }
  const changeReason = data.changeReason?.trim();
  if (state.approvedVersion !== undefined && !changeReason) {
    throw new RuleViolation(
      'change-reason-required',
      `Plan ${state.reference} is approved: a new version is a change of plan and states why it changes (C-2.2)`,
    );
  }
  if (state.major && data.major === false) {
    throw new RuleViolation(
      'major-flag-withdrawn',
      `Plan ${state.reference} is major: a later version cannot drop the flag and so skip the expert review (P-3.2)`,
    );
  }
  const major = data.major ?? state.major;
  const expertReviewRequired = major || state.complexity === 'complex';
  const experts = data.experts ?? [];
  ensureExperts(state, experts, expertReviewRequired, actor);
  ensureCompletePlan(data.plan);
  const version = state.versions.length + 1;
  return {
    type: 'PlanVersionSubmitted',
    data: {
      caseId: state.caseId,
      version,
      plan: data.plan,
      major,
      expertReviewRequired,
      experts,
      ...(changeReason ? { changeReason } : {}),
      submittedBy: actor,
      submittedAt: metadata.at,
      ...(version === 1 ? { draftingDeadlineMet: !isAfter(metadata.at, state.draftingDueAt) } : {}),
    },
  };
}

/** P-3.2: a major or complex plan names its experts; an author does not review their own plan. */
function ensureExperts(state: ServicePlan, experts: string[], required: boolean, author: string): void {
  if (required && experts.length === 0) {
    throw new RuleViolation(
      'expert-review-required',
      `Plan ${state.reference} is ${state.complexity === 'complex' ? 'for a complex demand' : 'major'}: it names the experts who review it as well as the department head (P-3.2)`,
    );
  }
  const repeated = experts.find((id, index) => experts.indexOf(id) !== index);
  if (repeated) throw new RuleViolation('duplicate-expert', `Expert ${repeated} is named twice`);
  if (experts.includes(author)) {
    throw new RuleViolation(
      'expert-not-independent',
      `${author} drafted this version of plan ${state.reference} and cannot also review it as an expert (P-3.2)`,
    );
  }
}

function ensureInReview(state: ServicePlan, version: number): PlanVersion {
  const found = state.versions.find((v) => v.version === version);
  if (!found) {
    throw new RuleViolation('unknown-plan-version', `Plan ${state.reference} has no version ${version}`);
  }
  if (found.status !== 'in-review') {
    throw new RuleViolation(
      'plan-not-in-review',
      `Version ${version} of plan ${state.reference} is ${found.status}, not under review (P-3.2)`,
    );
  }
  return found;
}

function ensureHead(state: ServicePlan, actor: Actor, action: string): void {
  if (!isHeadOf(actor, state.departmentId)) {
    throw new RuleViolation(
      'not-department-head',
      `Only the head of department ${state.departmentId} ${action} for case ${state.reference} (P-3.2)`,
    );
  }
}

/** P-3.2: the head's approval comes on top of every named expert's, never instead of it. */
function ensureExpertsApproved(state: ServicePlan, review: PlanVersion, head: string): void {
  if (review.experts.includes(head)) {
    throw new RuleViolation(
      'reviewer-not-independent',
      `${head} reviewed version ${review.version} of plan ${state.reference} as an expert and cannot also approve it as head (P-3.2)`,
    );
  }
  const pending = review.experts.filter((expert) => !review.conclusions[expert]);
  if (pending.length > 0) {
    throw new RuleViolation(
      'expert-review-pending',
      `Version ${review.version} of plan ${state.reference} still awaits the expert review of ${pending.join(', ')} (P-3.2)`,
    );
  }
  const objecting = review.experts.filter((expert) => review.conclusions[expert] === 'changes-requested');
  if (objecting.length > 0) {
    throw new RuleViolation(
      'expert-requested-changes',
      `${objecting.join(', ')} requested changes to version ${review.version} of plan ${state.reference}: it is revised, not approved (P-3.2)`,
    );
  }
}
