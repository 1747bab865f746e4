import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { cadenceAfter } from './risk-cadence';
import {
  Cadence,
  RISK_CATEGORIES,
  RESPONSE_STRATEGIES,
  ResponseRule,
  ResponseRuleBook,
  ResponseStrategy,
  RiskBand,
  RiskCategory,
  RiskMatrix,
  bandRank,
  levelOf,
} from './risk-policy';

/**
 * One risk of the register (K-1.1, K-1.2, K-2.1, K-3.1):
 *
 *   identified ──assess──▶ assessed ──response──▶ responding ──actions done──▶ monitoring
 *        └──────────────────────── close (any time) ──────────────────────────▶ closed
 *
 * Every assessment is kept, with the matrix version that levelled it; a review reassesses and says whether
 * the response works. A response is checked against the versioned response rules: a strategy the rules do
 * not allow at the risk's level needs an exception a manager approved for that assessment. An acceptance,
 * or a response taken under an exception, records the state it applied to; a reassessment to a higher band
 * or a new linked warning sends it back for re-approval, and an acceptance's expiry does too.
 * Pure: time, actor and the policy (matrix, rules, cadences) come with the command.
 */
export const RISK_STATES = ['identified', 'assessed', 'responding', 'monitoring', 'closed'] as const;
export type RiskState = (typeof RISK_STATES)[number];

export const LINK_KINDS = ['demand', 'case', 'partner', 'equipment'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface RiskLink {
  kind: LinkKind;
  id: string;
}

export interface RiskDetails {
  title: string;
  ownerId: string;
  departmentId: string;
  causes: string[];
  consequences: string[];
  links: RiskLink[];
}

export interface Assessment {
  assessmentNumber: number;
  likelihood: number;
  impact: number;
  level: string;
  band: RiskBand;
  matrixVersion: number;
  /** False when the risk cannot be effectively controlled (avoidance fits only those, 七(二)1). */
  controllable: boolean;
  rationale?: string;
  assessedAt: string;
  assessedBy: string;
  /** The review that reassessed it, when a review did. */
  reviewNumber?: number;
}

export interface ResponseAction {
  actionNumber: number;
  description: string;
  ownerId: string;
  dueAt: string;
  done: boolean;
  overdue: boolean;
  outcome?: string;
  completedAt?: string;
}

export interface ResponseException {
  exceptionId: string;
  strategy: ResponseStrategy;
  rule: string;
  rulesVersion: number;
  reason: string;
  approvedBy: string;
  approvedAt: string;
  assessmentNumber: number;
  level: string;
}

/** What an acceptance or an exception applied to: a later change to it is material. */
export interface AppliedTo {
  assessmentNumber: number;
  level: string;
  band: RiskBand;
  warnings: number;
}

export type ResponseStatus = 'in-force' | 'awaiting-reapproval' | 'superseded';

export interface RiskResponse {
  responseNumber: number;
  strategy: ResponseStrategy;
  description: string;
  rulesVersion: number;
  actions: ResponseAction[];
  exceptionId?: string;
  expiresOn?: string;
  appliesTo: AppliedTo;
  status: ResponseStatus;
  reapprovalReason?: string;
  chosenAt: string;
  chosenBy: string;
}

export interface LinkedWarning {
  warningId: string;
  indicatorId?: string;
  severity?: string;
  summary?: string;
  raisedAt: string;
  linkedAt: string;
}

export interface Review {
  reviewNumber: number;
  assessmentNumber: number;
  responseEffective: boolean;
  notes: string;
  reviewedAt: string;
  reviewedBy: string;
  /** The due time it answered, and whether it came after it. */
  dueAt?: string;
  late: boolean;
}

export interface Risk extends RiskDetails {
  riskId: string;
  category: RiskCategory;
  state: RiskState;
  identifiedAt: string;
  identifiedBy: string;
  /** The last time anything about it changed: its identification, a revision, an assessment, a response, a closing. */
  changedAt: string;
  assessments: Assessment[];
  exceptions: ResponseException[];
  responses: RiskResponse[];
  warnings: LinkedWarning[];
  reviews: Review[];
  nextReviewDue?: string;
  reviewOverdue: boolean;
  closedAt?: string;
  closeReason?: string;
}

export type RiskStateOrNone = Risk | null;

export type NewAction = { description: string; ownerId: string; dueAt: string };

export type IdentifyRisk = Command<'IdentifyRisk', RiskDetails & { riskId: string; category: string }>;
export type ReviseRisk = Command<'ReviseRisk', Partial<RiskDetails> & { riskId: string }>;
/** The matrix in force and the review cadences come from the policy (the use case reads it). */
export type AssessRisk = Command<
  'AssessRisk',
  { riskId: string; likelihood: number; impact: number; controllable: boolean; rationale?: string; matrix: RiskMatrix; reviewCadences: Record<RiskBand, Cadence> }
>;
export type ApproveResponseException = Command<'ApproveResponseException', { riskId: string; exceptionId: string; strategy: ResponseStrategy; reason: string; rules: ResponseRuleBook }>;
export type ChooseResponse = Command<
  'ChooseResponse',
  { riskId: string; strategy: ResponseStrategy; description: string; actions: NewAction[]; expiresOn?: string; rules: ResponseRuleBook }
>;
export type CompleteResponseAction = Command<'CompleteResponseAction', { riskId: string; responseNumber: number; actionNumber: number; outcome: string }>;
export type MarkResponseActionOverdue = Command<'MarkResponseActionOverdue', { riskId: string; responseNumber: number; actionNumber: number; dueAt: string }>;
export type ReapproveResponse = Command<'ReapproveResponse', { riskId: string; reason: string; rules: ResponseRuleBook }>;
export type ExpireAcceptance = Command<'ExpireAcceptance', { riskId: string; responseNumber: number; expiresOn: string }>;
export type RecordReview = Command<
  'RecordReview',
  { riskId: string; likelihood: number; impact: number; controllable: boolean; responseEffective: boolean; notes: string; matrix: RiskMatrix; reviewCadences: Record<RiskBand, Cadence> }
>;
export type MarkReviewOverdue = Command<'MarkReviewOverdue', { riskId: string; dueAt: string }>;
export type LinkWarning = Command<'LinkWarning', { riskId: string; warningId: string; indicatorId?: string; severity?: string; summary?: string; raisedAt: string }>;
export type CloseRisk = Command<'CloseRisk', { riskId: string; reason: string }>;

export type RiskCommand =
  | IdentifyRisk
  | ReviseRisk
  | AssessRisk
  | ApproveResponseException
  | ChooseResponse
  | CompleteResponseAction
  | MarkResponseActionOverdue
  | ReapproveResponse
  | ExpireAcceptance
  | RecordReview
  | MarkReviewOverdue
  | LinkWarning
  | CloseRisk;

export type RiskIdentified = { type: 'RiskIdentified'; data: RiskDetails & { riskId: string; category: RiskCategory; identifiedAt: string; identifiedBy: string } };
export type RiskRevised = { type: 'RiskRevised'; data: Partial<RiskDetails> & { riskId: string; revisedAt: string; revisedBy: string } };
export type RiskAssessed = {
  type: 'RiskAssessed';
  data: Assessment & {
    riskId: string;
    /** Whose risk it is, for the public `risk.assessed` event. */
    category: RiskCategory;
    departmentId: string;
    ownerId: string;
    /** The band before, when it had one: a rise is a material change. */
    previousBand?: RiskBand;
    nextReviewDue: string;
    /** The review due time this assessment replaces, when there was one. */
    previousReviewDue?: string;
  };
};
export type ResponseExceptionApproved = { type: 'ResponseExceptionApproved'; data: ResponseException & { riskId: string } };
export type RiskResponseChosen = {
  type: 'RiskResponseChosen';
  data: Omit<RiskResponse, 'status' | 'reapprovalReason' | 'actions'> & { riskId: string; actions: Array<Omit<ResponseAction, 'done' | 'overdue'>> };
};
export type ResponseActionCompleted = {
  type: 'ResponseActionCompleted';
  data: { riskId: string; responseNumber: number; actionNumber: number; outcome: string; completedAt: string; completedBy: string; late: boolean };
};
export type ResponseActionOverdue = {
  type: 'ResponseActionOverdue';
  data: { riskId: string; responseNumber: number; actionNumber: number; strategy: ResponseStrategy; description: string; ownerId: string; departmentId: string; dueAt: string; overdueAt: string };
};
export type ResponseReapprovalRequired = {
  type: 'ResponseReapprovalRequired';
  data: { riskId: string; responseNumber: number; reason: 'level-raised' | 'warning-linked' | 'acceptance-expired'; detail: string; requiredAt: string };
};
export type ResponseReapproved = {
  type: 'ResponseReapproved';
  data: { riskId: string; responseNumber: number; appliesTo: AppliedTo; rulesVersion: number; exceptionId?: string; reason: string; reapprovedAt: string; reapprovedBy: string };
};
export type RiskReviewed = { type: 'RiskReviewed'; data: Review & { riskId: string } };
export type RiskReviewOverdue = {
  type: 'RiskReviewOverdue';
  data: { riskId: string; title: string; category: RiskCategory; ownerId: string; departmentId: string; level: string; band: RiskBand; dueAt: string; overdueAt: string };
};
export type WarningLinked = { type: 'WarningLinked'; data: LinkedWarning & { riskId: string } };
export type RiskClosed = { type: 'RiskClosed'; data: { riskId: string; reason: string; closedAt: string; closedBy: string; pendingReviewDue?: string } };

export type RiskEvent =
  | RiskIdentified
  | RiskRevised
  | RiskAssessed
  | ResponseExceptionApproved
  | RiskResponseChosen
  | ResponseActionCompleted
  | ResponseActionOverdue
  | ResponseReapprovalRequired
  | ResponseReapproved
  | RiskReviewed
  | RiskReviewOverdue
  | WarningLinked
  | RiskClosed;

const LIMITS = { text: 5000, list: 50, actions: 50 };

export const risk: Decider<RiskCommand, RiskEvent, RiskStateOrNone> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'RiskIdentified') {
      const { riskId, category, identifiedAt, identifiedBy, ...details } = event.data;
      return {
        ...details,
        riskId,
        category,
        state: 'identified',
        identifiedAt,
        identifiedBy,
        changedAt: identifiedAt,
        assessments: [],
        exceptions: [],
        responses: [],
        warnings: [],
        reviews: [],
        reviewOverdue: false,
      };
    }
    if (!state) return state;
    switch (event.type) {
      case 'RiskRevised': {
        const { riskId: _riskId, revisedAt, revisedBy: _revisedBy, ...changes } = event.data;
        return { ...state, ...changes, changedAt: revisedAt };
      }
      case 'RiskAssessed': {
        const { riskId: _riskId, category: _category, departmentId: _departmentId, ownerId: _ownerId, previousBand: _previousBand, nextReviewDue, previousReviewDue: _previousReviewDue, ...assessment } = event.data;
        return {
          ...state,
          state: state.state === 'identified' ? 'assessed' : state.state,
          assessments: [...state.assessments, assessment],
          nextReviewDue,
          reviewOverdue: false,
          changedAt: assessment.assessedAt,
        };
      }
      case 'ResponseExceptionApproved': {
        const { riskId: _riskId, ...exception } = event.data;
        return { ...state, exceptions: [...state.exceptions, exception] };
      }
      case 'RiskResponseChosen': {
        const { riskId: _riskId, actions, ...response } = event.data;
        const chosen: RiskResponse = { ...response, actions: actions.map((a) => ({ ...a, done: false, overdue: false })), status: 'in-force' };
        return {
          ...state,
          state: actions.length > 0 ? 'responding' : 'monitoring',
          responses: [...state.responses.map((r) => ({ ...r, status: 'superseded' as const })), chosen],
          changedAt: response.chosenAt,
        };
      }
      case 'ResponseActionCompleted': {
        const { responseNumber, actionNumber, outcome, completedAt } = event.data;
        const responses = withResponse(state, responseNumber, (r) => ({
          ...r,
          actions: r.actions.map((a) => (a.actionNumber === actionNumber ? { ...a, done: true, outcome, completedAt } : a)),
        }));
        const current = responses.at(-1) as RiskResponse;
        const allDone = current.responseNumber === responseNumber && current.actions.every((a) => a.done);
        return { ...state, responses, state: allDone && state.state === 'responding' ? 'monitoring' : state.state };
      }
      case 'ResponseActionOverdue': {
        const { responseNumber, actionNumber } = event.data;
        return { ...state, responses: withResponse(state, responseNumber, (r) => ({ ...r, actions: r.actions.map((a) => (a.actionNumber === actionNumber ? { ...a, overdue: true } : a)) })) };
      }
      case 'ResponseReapprovalRequired':
        return { ...state, responses: withResponse(state, event.data.responseNumber, (r) => ({ ...r, status: 'awaiting-reapproval', reapprovalReason: event.data.detail })) };
      case 'ResponseReapproved': {
        const { responseNumber, appliesTo, rulesVersion, exceptionId } = event.data;
        return {
          ...state,
          responses: withResponse(state, responseNumber, (r) => {
            const { reapprovalReason: _reason, exceptionId: _exceptionId, ...rest } = r;
            return { ...rest, status: 'in-force', appliesTo, rulesVersion, ...(exceptionId ? { exceptionId } : {}) };
          }),
        };
      }
      case 'RiskReviewed': {
        const { riskId: _riskId, ...review } = event.data;
        return { ...state, reviews: [...state.reviews, review] };
      }
      case 'RiskReviewOverdue':
        return { ...state, reviewOverdue: true };
      case 'WarningLinked': {
        const { riskId: _riskId, ...warning } = event.data;
        return { ...state, warnings: [...state.warnings, warning] };
      }
      case 'RiskClosed': {
        const { closedAt, reason } = event.data;
        const { nextReviewDue: _due, ...rest } = state;
        return { ...rest, state: 'closed', closedAt, closeReason: reason, reviewOverdue: false, changedAt: closedAt };
      }
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'IdentifyRisk') {
      if (state) throw new RuleViolation('risk-exists', `Risk ${command.data.riskId} was already identified`);
      const { riskId, category } = command.data;
      if (!(RISK_CATEGORIES as readonly string[]).includes(category)) {
        throw new RuleViolation('unknown-category', `A risk is one of ${RISK_CATEGORIES.join(', ')}, not ${category}`);
      }
      return [{ type: 'RiskIdentified', data: { riskId, category: category as RiskCategory, ...details(command.data), identifiedAt: at, identifiedBy: actor.userId } }];
    }
    if (!state) throw new NotFoundError('Risk', command.data.riskId);
    const { riskId } = state;
    switch (command.type) {
      case 'MarkReviewOverdue': {
        if (state.state === 'closed' || state.reviewOverdue || state.nextReviewDue !== command.data.dueAt) return [];
        const { title, category, ownerId, departmentId } = state;
        const { level, band } = currentAssessment(state);
        return [{ type: 'RiskReviewOverdue', data: { riskId, title, category, ownerId, departmentId, level, band, dueAt: command.data.dueAt, overdueAt: at } }];
      }
      case 'MarkResponseActionOverdue': {
        const response = state.responses.at(-1);
        const { responseNumber, actionNumber, dueAt } = command.data;
        const action = response?.responseNumber === responseNumber ? response.actions.find((a) => a.actionNumber === actionNumber) : undefined;
        if (!response || !action || action.done || action.overdue || action.dueAt !== dueAt || state.state === 'closed') return [];
        const { description, ownerId } = action;
        return [{ type: 'ResponseActionOverdue', data: { riskId, responseNumber, actionNumber, strategy: response.strategy, description, ownerId, departmentId: state.departmentId, dueAt, overdueAt: at } }];
      }
      case 'ExpireAcceptance': {
        const response = state.responses.at(-1);
        if (!response || response.responseNumber !== command.data.responseNumber || response.status !== 'in-force' || response.expiresOn !== command.data.expiresOn) return [];
        if (state.state === 'closed') return [];
        return [reapproval(state, response, 'acceptance-expired', `The acceptance expired on ${response.expiresOn}`, at)];
      }
      default:
        break;
    }
    if (state.state === 'closed') throw new RuleViolation('risk-closed', `Risk ${riskId} was closed on ${state.closedAt}`);
    switch (command.type) {
      case 'ReviseRisk': {
        const { riskId: _riskId, ...changes } = command.data;
        const revised = details({ ...state, ...changes });
        const changed = Object.fromEntries(
          (Object.keys(revised) as Array<keyof RiskDetails>).filter((key) => changes[key] !== undefined && JSON.stringify(revised[key]) !== JSON.stringify(state[key])).map((key) => [key, revised[key]]),
        );
        if (Object.keys(changed).length === 0) return [];
        return [{ type: 'RiskRevised', data: { riskId, ...changed, revisedAt: at, revisedBy: actor.userId } }];
      }
      case 'AssessRisk': {
        const { likelihood, impact, controllable, rationale, matrix, reviewCadences } = command.data;
        return assess(state, { likelihood, impact, controllable, rationale: rationale?.trim() || undefined, matrix, reviewCadences }, at, actor.userId);
      }
      case 'RecordReview': {
        const { likelihood, impact, controllable, responseEffective, matrix, reviewCadences } = command.data;
        if (state.assessments.length === 0) throw new RuleViolation('not-assessed', `Risk ${riskId} is reviewed once it has been assessed`);
        const notes = required(command.data.notes, 'review notes');
        const reviewNumber = state.reviews.length + 1;
        const assessed = assess(state, { likelihood, impact, controllable, matrix, reviewCadences, reviewNumber }, at, actor.userId);
        const dueAt = state.nextReviewDue;
        const review: RiskReviewed = {
          type: 'RiskReviewed',
          data: {
            riskId,
            reviewNumber,
            assessmentNumber: state.assessments.length + 1,
            responseEffective,
            notes,
            reviewedAt: at,
            reviewedBy: actor.userId,
            ...(dueAt ? { dueAt } : {}),
            late: dueAt !== undefined && Date.parse(at) > Date.parse(dueAt),
          },
        };
        return [...assessed, review];
      }
      case 'ApproveResponseException': {
        const { exceptionId, strategy, rules } = command.data;
        const assessment = currentAssessment(state);
        const rule = ruleFor(rules, strategy);
        if (fits(rule, assessment)) {
          throw new RuleViolation('exception-not-needed', `Rule "${rule.name}" (response rules v${rules.version}) already allows ${strategy} for risk ${riskId} at level ${assessment.level}`);
        }
        const reason = required(command.data.reason, 'exception reason');
        return [
          {
            type: 'ResponseExceptionApproved',
            data: {
              riskId,
              exceptionId,
              strategy,
              rule: rule.name,
              rulesVersion: rules.version,
              reason,
              approvedBy: actor.userId,
              approvedAt: at,
              assessmentNumber: assessment.assessmentNumber,
              level: assessment.level,
            },
          },
        ];
      }
      case 'ChooseResponse': {
        const { strategy, rules, expiresOn } = command.data;
        if (!(RESPONSE_STRATEGIES as readonly string[]).includes(strategy)) throw new RuleViolation('unknown-strategy', `A response is one of ${RESPONSE_STRATEGIES.join(', ')}`);
        const assessment = currentAssessment(state);
        const exception = allowedBy(state, rules, strategy, assessment);
        if (expiresOn !== undefined && strategy !== 'accept') throw new RuleViolation('expiry-for-acceptance', 'Only an acceptance has an expiry date');
        if (expiresOn !== undefined && !(Date.parse(expiresOn) > Date.parse(at))) throw new RuleViolation('expiry-in-the-past', `The acceptance must expire after ${at}`);
        const description = required(command.data.description, 'response description');
        if (command.data.actions.length > LIMITS.actions) throw new RuleViolation('too-many-actions', `A response has at most ${LIMITS.actions} actions`);
        const actions = command.data.actions.map((a, i) => {
          if (!(Date.parse(a.dueAt) > Date.parse(at))) throw new RuleViolation('due-in-the-past', `Action ${i + 1} must be due after ${at}`);
          return { actionNumber: i + 1, description: required(a.description, 'action description'), ownerId: required(a.ownerId, 'action owner'), dueAt: new Date(a.dueAt).toISOString() };
        });
        return [
          {
            type: 'RiskResponseChosen',
            data: {
              riskId,
              responseNumber: state.responses.length + 1,
              strategy,
              description,
              rulesVersion: rules.version,
              actions,
              ...(exception ? { exceptionId: exception.exceptionId } : {}),
              ...(expiresOn ? { expiresOn: new Date(expiresOn).toISOString() } : {}),
              appliesTo: appliedTo(state, assessment),
              chosenAt: at,
              chosenBy: actor.userId,
            },
          },
        ];
      }
      case 'CompleteResponseAction': {
        const { responseNumber, actionNumber } = command.data;
        const response = state.responses.find((r) => r.responseNumber === responseNumber);
        const action = response?.actions.find((a) => a.actionNumber === actionNumber);
        if (!response || !action) throw new NotFoundError('Response action', `${riskId}/${responseNumber}/${actionNumber}`);
        if (response.status === 'superseded') throw new RuleViolation('response-superseded', `Response ${responseNumber} of risk ${riskId} was superseded`);
        if (action.done) throw new RuleViolation('action-done', `Action ${actionNumber} was completed on ${action.completedAt}`);
        const outcome = required(command.data.outcome, 'outcome');
        return [{ type: 'ResponseActionCompleted', data: { riskId, responseNumber, actionNumber, outcome, completedAt: at, completedBy: actor.userId, late: Date.parse(at) > Date.parse(action.dueAt) } }];
      }
      case 'ReapproveResponse': {
        const response = state.responses.at(-1);
        if (!response || response.status !== 'awaiting-reapproval') throw new RuleViolation('no-reapproval-pending', `Risk ${riskId} has no response awaiting re-approval`);
        const { rules } = command.data;
        const assessment = currentAssessment(state);
        const exception = allowedBy(state, rules, response.strategy, assessment);
        return [
          {
            type: 'ResponseReapproved',
            data: {
              riskId,
              responseNumber: response.responseNumber,
              appliesTo: appliedTo(state, assessment),
              rulesVersion: rules.version,
              ...(exception ? { exceptionId: exception.exceptionId } : {}),
              reason: required(command.data.reason, 're-approval reason'),
              reapprovedAt: at,
              reapprovedBy: actor.userId,
            },
          },
        ];
      }
      case 'LinkWarning': {
        const { warningId, indicatorId, severity, summary, raisedAt } = command.data;
        if (state.warnings.some((w) => w.warningId === warningId)) return [];
        const linked: WarningLinked = {
          type: 'WarningLinked',
          data: {
            riskId,
            warningId,
            ...(indicatorId ? { indicatorId } : {}),
            ...(severity ? { severity } : {}),
            ...(summary?.trim() ? { summary: summary.trim() } : {}),
            raisedAt,
            linkedAt: at,
          },
        };
        const response = needingReapproval(state);
        return response ? [linked, reapproval(state, response, 'warning-linked', `Warning ${warningId} was linked to the risk`, at)] : [linked];
      }
      case 'CloseRisk': {
        const reason = required(command.data.reason, 'closing reason');
        return [{ type: 'RiskClosed', data: { riskId, reason, closedAt: at, closedBy: actor.userId, ...(state.nextReviewDue ? { pendingReviewDue: state.nextReviewDue } : {}) } }];
      }
    }
  },
};

/** A risk's stream is `risk.risk-<id>`; it is its department's. */
export const risks: Aggregate<RiskCommand, RiskEvent, RiskStateOrNone> = {
  name: 'Risk',
  streamPrefix: 'risk.risk-',
  decider: risk,
  idOf: (command) => command.data.riskId,
  creates: ['IdentifyRisk'],
  scope: (state) => ({ departments: state ? [state.departmentId] : [] }),
};

export const riskStream = (riskId: string): string => streamOf(risks, riskId);

export function currentAssessment(state: Risk): Assessment {
  const assessment = state.assessments.at(-1);
  if (!assessment) throw new RuleViolation('not-assessed', `Risk ${state.riskId} has not been assessed yet`);
  return assessment;
}

export function ruleFor(rules: ResponseRuleBook, strategy: ResponseStrategy): ResponseRule {
  return rules.rules.find((rule) => rule.strategy === strategy) as ResponseRule;
}

/** Whether the rule lets its strategy answer the assessment. */
export function fits(rule: ResponseRule, assessment: Assessment): boolean {
  return rule.bands.includes(assessment.band) && (!rule.requiresUncontrollable || !assessment.controllable);
}

function assess(
  state: Risk,
  input: { likelihood: number; impact: number; controllable: boolean; rationale?: string; matrix: RiskMatrix; reviewCadences: Record<RiskBand, Cadence>; reviewNumber?: number },
  at: string,
  by: string,
): RiskEvent[] {
  const { likelihood, impact, controllable, rationale, matrix, reviewCadences, reviewNumber } = input;
  const { label, band } = levelOf(matrix, likelihood, impact);
  const previous = state.assessments.at(-1);
  const assessed: RiskAssessed = {
    type: 'RiskAssessed',
    data: {
      riskId: state.riskId,
      category: state.category,
      departmentId: state.departmentId,
      ownerId: state.ownerId,
      assessmentNumber: state.assessments.length + 1,
      likelihood,
      impact,
      level: label,
      band,
      matrixVersion: matrix.version,
      controllable,
      ...(rationale ? { rationale } : {}),
      assessedAt: at,
      assessedBy: by,
      ...(reviewNumber ? { reviewNumber } : {}),
      ...(previous ? { previousBand: previous.band } : {}),
      nextReviewDue: cadenceAfter(at, reviewCadences[band]),
      ...(state.nextReviewDue ? { previousReviewDue: state.nextReviewDue } : {}),
    },
  };
  const response = needingReapproval(state);
  const raised = response && bandRank(band) > bandRank(response.appliesTo.band);
  return raised
    ? [assessed, reapproval(state, response, 'level-raised', `Reassessed ${label} (${band}), above the ${response.appliesTo.level} it was approved at`, at)]
    : [assessed];
}

/** The response in force that a material change sends back: an acceptance, or one taken under an exception. */
function needingReapproval(state: Risk): RiskResponse | undefined {
  const response = state.responses.at(-1);
  return response && response.status === 'in-force' && (response.strategy === 'accept' || response.exceptionId) ? response : undefined;
}

function reapproval(state: Risk, response: RiskResponse, reason: ResponseReapprovalRequired['data']['reason'], detail: string, at: string): ResponseReapprovalRequired {
  return { type: 'ResponseReapprovalRequired', data: { riskId: state.riskId, responseNumber: response.responseNumber, reason, detail, requiredAt: at } };
}

/** The exception a strategy the rules refuse needs, or nothing when the rules allow it; a 409 naming the rule otherwise. */
function allowedBy(state: Risk, rules: ResponseRuleBook, strategy: ResponseStrategy, assessment: Assessment): ResponseException | undefined {
  const rule = ruleFor(rules, strategy);
  if (fits(rule, assessment)) return undefined;
  const exception = [...state.exceptions].reverse().find((e) => e.strategy === strategy && e.assessmentNumber === assessment.assessmentNumber);
  if (exception) return exception;
  const why = rule.bands.includes(assessment.band) ? 'the risk is controllable' : `the risk is ${assessment.level} (${assessment.band})`;
  throw new RuleViolation(
    'response-rule',
    `Rule "${rule.name}" (response rules v${rules.version}) allows ${strategy} for ${rule.bands.join(', ')} risks${rule.requiresUncontrollable ? ' that cannot be controlled' : ''}; ${why}. A manager may approve an exception, with its reason`,
  );
}

function appliedTo(state: Risk, assessment: Assessment): AppliedTo {
  return { assessmentNumber: assessment.assessmentNumber, level: assessment.level, band: assessment.band, warnings: state.warnings.length };
}

function withResponse(state: Risk, responseNumber: number, change: (response: RiskResponse) => RiskResponse): RiskResponse[] {
  return state.responses.map((r) => (r.responseNumber === responseNumber ? change(r) : r));
}

function details(data: RiskDetails): RiskDetails {
  const list = (values: string[], what: string) => {
    if (values.length > LIMITS.list) throw new RuleViolation('too-many', `A risk lists at most ${LIMITS.list} ${what}`);
    return values.map((v) => v.trim()).filter(Boolean);
  };
  const links = data.links.filter((link, i) => data.links.findIndex((l) => l.kind === link.kind && l.id === link.id) === i);
  if (links.some((link) => !(LINK_KINDS as readonly string[]).includes(link.kind))) throw new RuleViolation('unknown-link', `A risk links ${LINK_KINDS.join(', ')}`);
  return {
    title: required(data.title, 'title'),
    ownerId: required(data.ownerId, 'owner'),
    departmentId: required(data.departmentId, 'department'),
    causes: list(data.causes, 'causes'),
    consequences: list(data.consequences, 'consequences'),
    links: links.slice(0, LIMITS.list),
  };
}

function required(value: string | undefined, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new RuleViolation('field-required', `A risk needs its ${what}`);
  if (trimmed.length > LIMITS.text) throw new RuleViolation('too-long', `The ${what} is at most ${LIMITS.text} characters`);
  return trimmed;
}
