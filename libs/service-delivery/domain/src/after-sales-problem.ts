import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import {
  MEASURE_NAMES,
  MeasureKind,
  MeasureRulesVersion,
  ProblemComplexity,
  ProblemNature,
  ensureMeasureKind,
  measuresFor,
} from './after-sales-measures';
import { ProcessStage, ensureProcessStage } from './process-stage';
import { requireText } from './required-text';
import { ServiceCaseFacts } from './service-case';

/**
 * A problem the customer met after delivery (P-6.2), tracked until it is resolved and closed:
 *
 *   RaiseAfterSalesProblem     the case was accepted            → raised
 *   AssignProblemHandler       raised, handling, resolved       → handling (a named handler)
 *   ClassifyAfterSalesProblem  raised, handling, resolved       → its nature and complexity, and the measures
 *                                                                 its class is offered and requires
 *   RecordProblemMeasure       handling, classified             → handling (a measure its class is offered;
 *                                                                 the customer's verification also once resolved)
 *   ResolveAfterSalesProblem   handling, with a measure taken   → resolved (attributed to a process stage, P-6.3)
 *   ReopenAfterSalesProblem    resolved                         → handling
 *   CloseAfterSalesProblem     resolved, with every measure     → closed
 *                              its class requires
 *
 * 二(六)2 "根據問題的性質和復雜程度，採取相應的解決措施": what a class requires follows the version of the
 * measure rules (`after-sales-measures.ts`) current when it was classified, counted since the problem was
 * last raised or reopened.
 * It outlives its case: a problem can come up after the case was closed.
 */
export const AFTER_SALES_PROBLEM_STATUSES = ['raised', 'handling', 'resolved', 'closed'] as const;
export type AfterSalesProblemStatus = (typeof AFTER_SALES_PROBLEM_STATUSES)[number];

export const PROBLEM_SOURCES = ['customer', 'follow-up-visit'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

// Commands

export type RaiseAfterSalesProblem = Command<
  'RaiseAfterSalesProblem',
  {
    problemId: string;
    /** Read by the service from the case (`serviceCaseFacts`). */
    serviceCase: ServiceCaseFacts;
    source: ProblemSource;
    /** The visit that found it, for a problem from a follow-up visit. */
    visitId?: string;
    description: string;
  }
>;
export type AssignProblemHandler = Command<
  'AssignProblemHandler',
  {
    problemId: string;
    handlerId: string;
    /** Required when a handler is replaced. */
    reason?: string;
  }
>;
export type ClassifyAfterSalesProblem = Command<
  'ClassifyAfterSalesProblem',
  {
    problemId: string;
    nature: ProblemNature;
    complexity: ProblemComplexity;
    /** Read by the service: the rule book's current version. */
    rules: Pick<MeasureRulesVersion, 'version' | 'byNature'>;
  }
>;
export type RecordProblemMeasure = Command<'RecordProblemMeasure', { problemId: string; kind: MeasureKind; measure: string }>;
export type ResolveAfterSalesProblem = Command<
  'ResolveAfterSalesProblem',
  {
    problemId: string;
    resolution: string;
    /** Where in the process the problem came from (P-6.3). */
    stage: ProcessStage;
  }
>;
export type ReopenAfterSalesProblem = Command<'ReopenAfterSalesProblem', { problemId: string; reason: string }>;
export type CloseAfterSalesProblem = Command<'CloseAfterSalesProblem', { problemId: string; note?: string }>;

export type AfterSalesProblemCommand =
  | RaiseAfterSalesProblem
  | AssignProblemHandler
  | ClassifyAfterSalesProblem
  | RecordProblemMeasure
  | ResolveAfterSalesProblem
  | ReopenAfterSalesProblem
  | CloseAfterSalesProblem;

// Events

export type AfterSalesProblemRaised = {
  type: 'AfterSalesProblemRaised';
  data: {
    problemId: string;
    caseId: string;
    reference: string;
    customerId: string;
    departmentId: string;
    source: ProblemSource;
    visitId?: string;
    description: string;
    raisedBy: string;
    raisedAt: string;
  };
};
export type ProblemHandlerAssigned = {
  type: 'ProblemHandlerAssigned';
  data: {
    problemId: string;
    caseId: string;
    handlerId: string;
    previousHandlerId?: string;
    reason?: string;
    assignedBy: string;
    assignedAt: string;
  };
};
export type AfterSalesProblemClassified = {
  type: 'AfterSalesProblemClassified';
  data: {
    problemId: string;
    caseId: string;
    nature: ProblemNature;
    complexity: ProblemComplexity;
    /** The version of the measure rules the class was read from, and what it offers and requires. */
    rulesVersion: number;
    offeredMeasures: MeasureKind[];
    requiredMeasures: MeasureKind[];
    classifiedBy: string;
    classifiedAt: string;
  };
};
export type ProblemMeasureRecorded = {
  type: 'ProblemMeasureRecorded';
  data: {
    problemId: string;
    measureNumber: number;
    /** Absent on measures recorded before problems were classified: those count as `other`. */
    kind?: MeasureKind;
    measure: string;
    recordedBy: string;
    recordedAt: string;
  };
};
export type AfterSalesProblemResolved = {
  type: 'AfterSalesProblemResolved';
  data: {
    problemId: string;
    caseId: string;
    resolution: string;
    stage: ProcessStage;
    /** The class it was resolved in; absent on problems resolved before classification existed. */
    nature?: ProblemNature;
    complexity?: ProblemComplexity;
    handlerId: string;
    resolvedBy: string;
    resolvedAt: string;
  };
};
export type AfterSalesProblemReopened = {
  type: 'AfterSalesProblemReopened';
  data: { problemId: string; caseId: string; reason: string; reopenedBy: string; reopenedAt: string };
};
export type AfterSalesProblemClosed = {
  type: 'AfterSalesProblemClosed';
  data: { problemId: string; caseId: string; note?: string; closedBy: string; closedAt: string };
};

export type AfterSalesProblemEvent =
  | AfterSalesProblemRaised
  | ProblemHandlerAssigned
  | AfterSalesProblemClassified
  | ProblemMeasureRecorded
  | AfterSalesProblemResolved
  | AfterSalesProblemReopened
  | AfterSalesProblemClosed;

// State

export interface AfterSalesProblem {
  problemId: string;
  caseId: string;
  status: AfterSalesProblemStatus;
  handlerId?: string;
  classification?: ProblemClassification;
  measures: number;
  /** Measures taken since the problem was last opened or reopened: a resolution rests on one of them, a closure on those its class requires. */
  measuresSinceOpened: MeasureKind[];
}

export interface ProblemClassification {
  nature: ProblemNature;
  complexity: ProblemComplexity;
  rulesVersion: number;
  offeredMeasures: MeasureKind[];
  requiredMeasures: MeasureKind[];
}

export type AfterSalesProblemState = AfterSalesProblem | null;

export const afterSalesProblem: Decider<AfterSalesProblemCommand, AfterSalesProblemEvent, AfterSalesProblemState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'AfterSalesProblemRaised') {
      const { problemId, caseId } = event.data;
      return { problemId, caseId, status: 'raised', measures: 0, measuresSinceOpened: [] };
    }
    if (!state) return state;
    switch (event.type) {
      case 'ProblemHandlerAssigned':
        return {
          ...state,
          handlerId: event.data.handlerId,
          status: state.status === 'raised' ? 'handling' : state.status,
        };
      case 'AfterSalesProblemClassified': {
        const { nature, complexity, rulesVersion, offeredMeasures, requiredMeasures } = event.data;
        return { ...state, classification: { nature, complexity, rulesVersion, offeredMeasures, requiredMeasures } };
      }
      case 'ProblemMeasureRecorded':
        return {
          ...state,
          measures: event.data.measureNumber,
          measuresSinceOpened: [...state.measuresSinceOpened, event.data.kind ?? 'other'],
        };
      case 'AfterSalesProblemResolved':
        return { ...state, status: 'resolved' };
      case 'AfterSalesProblemReopened':
        return { ...state, status: 'handling', measuresSinceOpened: [] };
      case 'AfterSalesProblemClosed':
        return { ...state, status: 'closed' };
    }
  },
  decide(command, state) {
    if (command.type === 'RaiseAfterSalesProblem') return [raised(command, state)];
    if (!state) throw new NotFoundError('After-sales problem', command.data.problemId);
    return decideOn(state, command);
  },
};

/** After-sales problems, scoped by their case. */
export const afterSalesProblems: Aggregate<AfterSalesProblemCommand, AfterSalesProblemEvent, AfterSalesProblemState> = {
  name: 'After-sales problem',
  streamPrefix: 'service-delivery.problem-',
  decider: afterSalesProblem,
  idOf: (command) => command.data.problemId,
  creates: ['RaiseAfterSalesProblem'],
};

export const afterSalesProblemStream = (problemId: string): string => streamOf(afterSalesProblems, problemId);

function raised(command: RaiseAfterSalesProblem, state: AfterSalesProblemState): AfterSalesProblemRaised {
  const { data, metadata } = command;
  if (state) {
    throw new RuleViolation(
      'problem-already-raised',
      `After-sales problem ${data.problemId} is already raised`,
    );
  }
  const { caseId, reference, customerId, departmentId, acceptedAt } = data.serviceCase;
  if (!acceptedAt) {
    throw new RuleViolation(
      'case-not-accepted',
      `Service case ${reference} has not been accepted: an after-sales problem is one met after delivery (P-6.2)`,
    );
  }
  if ((data.source === 'follow-up-visit') !== (data.visitId !== undefined)) {
    throw new RuleViolation(
      'visit-source-mismatch',
      'A problem found on a follow-up visit names that visit, and only such a problem does',
    );
  }
  return {
    type: 'AfterSalesProblemRaised',
    data: {
      problemId: data.problemId,
      caseId,
      reference,
      customerId,
      departmentId,
      source: data.source,
      ...(data.visitId !== undefined ? { visitId: data.visitId } : {}),
      description: requireText(
        data.description,
        'description-required',
        'An after-sales problem says what the customer met (P-6.2)',
      ),
      raisedBy: metadata.actor.userId,
      raisedAt: metadata.at,
    },
  };
}

function decideOn(
  state: AfterSalesProblem,
  command: Exclude<AfterSalesProblemCommand, RaiseAfterSalesProblem>,
): AfterSalesProblemEvent[] {
  const { metadata } = command;
  const { problemId } = state;
  const actor = metadata.actor.userId;
  switch (command.type) {
    case 'AssignProblemHandler': {
      ensureNotClosed(state, 'reassigned');
      const { handlerId } = command.data;
      const previous = state.handlerId;
      if (previous === handlerId) {
        throw new RuleViolation('handler-unchanged', `${handlerId} already handles after-sales problem ${problemId}`);
      }
      const reason = previous
        ? requireText(
            command.data.reason,
            'reason-required',
            `Handing problem ${problemId} over from ${previous} needs a reason (P-6.2)`,
          )
        : undefined;
      return [
        {
          type: 'ProblemHandlerAssigned',
          data: {
            problemId,
            caseId: state.caseId,
            handlerId,
            ...(previous ? { previousHandlerId: previous, reason } : {}),
            assignedBy: actor,
            assignedAt: metadata.at,
          },
        },
      ];
    }
    case 'ClassifyAfterSalesProblem': {
      ensureNotClosed(state, 'classified');
      const { nature, complexity } = command.data;
      const current = state.classification;
      if (current?.nature === nature && current.complexity === complexity) {
        throw new RuleViolation('classification-unchanged', `After-sales problem ${problemId} is already classified ${nature}, ${complexity}`);
      }
      const { rulesVersion, offered, required } = measuresFor(command.data.rules, nature, complexity);
      return [
        {
          type: 'AfterSalesProblemClassified',
          data: {
            problemId,
            caseId: state.caseId,
            nature,
            complexity,
            rulesVersion,
            offeredMeasures: offered,
            requiredMeasures: required,
            classifiedBy: actor,
            classifiedAt: metadata.at,
          },
        },
      ];
    }
    case 'RecordProblemMeasure': {
      const kind = ensureMeasureKind(command.data.kind);
      // The customer verifies a fix once it is delivered, so that measure may follow the resolution.
      if (kind === 'customer-verification' && state.status === 'resolved') ensureNotClosed(state, 'worked on');
      else ensureHandling(state, 'worked on');
      const classification = state.classification;
      if (!classification) {
        throw new RuleViolation(
          'classification-required',
          `After-sales problem ${problemId} is classified by its nature and complexity before measures are taken: they follow its class (P-6.2)`,
        );
      }
      if (!classification.offeredMeasures.includes(kind)) {
        throw new RuleViolation(
          'measure-not-offered',
          `${cap(MEASURE_NAMES[kind])} is not a measure for ${describe(classification)} (${classification.offeredMeasures.join(', ')}) (P-6.2)`,
        );
      }
      const measure = requireText(
        command.data.measure,
        'measure-required',
        `A measure taken on problem ${problemId} is described (P-6.2)`,
      );
      return [
        {
          type: 'ProblemMeasureRecorded',
          data: { problemId, measureNumber: state.measures + 1, kind, measure, recordedBy: actor, recordedAt: metadata.at },
        },
      ];
    }
    case 'ResolveAfterSalesProblem': {
      const handlerId = ensureHandling(state, 'resolved');
      if (state.measuresSinceOpened.length === 0) {
        throw new RuleViolation(
          'measures-required',
          `After-sales problem ${problemId} is resolved by measures fitting its nature; none is recorded since it was ${state.measures > 0 ? 'reopened' : 'raised'} (P-6.2)`,
        );
      }
      const resolution = requireText(
        command.data.resolution,
        'resolution-required',
        `Resolving problem ${problemId} states the resolution (P-6.2)`,
      );
      const stage = ensureProcessStage(command.data.stage, `After-sales problem ${problemId}`);
      return [
        {
          type: 'AfterSalesProblemResolved',
          data: {
            problemId,
            caseId: state.caseId,
            resolution,
            stage,
            ...(state.classification ? { nature: state.classification.nature, complexity: state.classification.complexity } : {}),
            handlerId,
            resolvedBy: actor,
            resolvedAt: metadata.at,
          },
        },
      ];
    }
    case 'ReopenAfterSalesProblem': {
      ensureResolved(state, 'reopened');
      const reason = requireText(
        command.data.reason,
        'reason-required',
        `Reopening problem ${problemId} needs a reason`,
      );
      return [
        {
          type: 'AfterSalesProblemReopened',
          data: { problemId, caseId: state.caseId, reason, reopenedBy: actor, reopenedAt: metadata.at },
        },
      ];
    }
    case 'CloseAfterSalesProblem': {
      ensureResolved(state, 'closed');
      ensureRequiredMeasures(state);
      const note = command.data.note?.trim();
      return [
        {
          type: 'AfterSalesProblemClosed',
          data: { problemId, caseId: state.caseId, ...(note ? { note } : {}), closedBy: actor, closedAt: metadata.at },
        },
      ];
    }
  }
}

function ensureNotClosed(state: AfterSalesProblem, action: string): void {
  if (state.status === 'closed') {
    throw new RuleViolation(
      'problem-closed',
      `After-sales problem ${state.problemId} is closed and cannot be ${action}`,
    );
  }
}

/** P-6.2: work on a problem is done by its named handler, while it is open. */
function ensureHandling(state: AfterSalesProblem, action: string): string {
  ensureNotClosed(state, action);
  if (!state.handlerId) {
    throw new RuleViolation(
      'handler-required',
      `After-sales problem ${state.problemId} is ${action} only once it has a named handler (P-6.2)`,
    );
  }
  if (state.status === 'resolved') {
    throw new RuleViolation(
      'problem-resolved',
      `After-sales problem ${state.problemId} is resolved; reopen it to work on it again`,
    );
  }
  return state.handlerId;
}

function ensureResolved(state: AfterSalesProblem, action: string): void {
  ensureNotClosed(state, action);
  if (state.status !== 'resolved') {
    throw new RuleViolation(
      'problem-not-resolved',
      `After-sales problem ${state.problemId} is ${state.status}: only a resolved problem is ${action}`,
    );
  }
}

/** 二(六)2: a problem closes only with the measures its class requires, taken since it was last opened. */
function ensureRequiredMeasures(state: AfterSalesProblem): void {
  const classification = state.classification;
  if (!classification) {
    throw new RuleViolation(
      'classification-required',
      `After-sales problem ${state.problemId} closes only once classified by its nature and complexity, with the measures its class requires (P-6.2)`,
    );
  }
  const missing = classification.requiredMeasures.filter((kind) => !state.measuresSinceOpened.includes(kind));
  if (missing.length > 0) {
    throw new RuleViolation(
      'required-measures-missing',
      `After-sales problem ${state.problemId}, ${describe(classification)}, closes only with the measures its class requires under rules version ${classification.rulesVersion}: missing ${missing.map((kind) => MEASURE_NAMES[kind]).join(', ')} (P-6.2)`,
    );
  }
}

function describe({ nature, complexity }: ProblemClassification): string {
  return `a ${complexity} ${nature} problem`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
