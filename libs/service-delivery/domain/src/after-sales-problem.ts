import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { ProcessStage, ensureProcessStage } from './process-stage';
import { requireText } from './required-text';
import { ServiceCaseFacts } from './service-case';

/**
 * A problem the customer met after delivery (P-6.2), tracked until it is resolved and closed:
 *
 *   RaiseAfterSalesProblem     the case was accepted            → raised
 *   AssignProblemHandler       raised, handling, resolved       → handling (a named handler)
 *   RecordProblemMeasure       handling                         → handling
 *   ResolveAfterSalesProblem   handling, with a measure taken   → resolved (tagged with a process stage, P-6.3)
 *   ReopenAfterSalesProblem    resolved                         → handling
 *   CloseAfterSalesProblem     resolved                         → closed
 *
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
export type RecordProblemMeasure = Command<'RecordProblemMeasure', { problemId: string; measure: string }>;
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
export type ProblemMeasureRecorded = {
  type: 'ProblemMeasureRecorded';
  data: { problemId: string; measureNumber: number; measure: string; recordedBy: string; recordedAt: string };
};
export type AfterSalesProblemResolved = {
  type: 'AfterSalesProblemResolved';
  data: {
    problemId: string;
    caseId: string;
    resolution: string;
    stage: ProcessStage;
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
  measures: number;
  /** Measures taken since the problem was last opened or reopened: a resolution rests on one of them. */
  measuresSinceOpened: number;
}

export type AfterSalesProblemState = AfterSalesProblem | null;

export const afterSalesProblem: Decider<AfterSalesProblemCommand, AfterSalesProblemEvent, AfterSalesProblemState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'AfterSalesProblemRaised') {
      const { problemId, caseId } = event.data;
      return { problemId, caseId, status: 'raised', measures: 0, measuresSinceOpened: 0 };
    }
    if (!state) return state;
    switch (event.type) {
      case 'ProblemHandlerAssigned':
        return {
          ...state,
          handlerId: event.data.handlerId,
          status: state.status === 'raised' ? 'handling' : state.status,
        };
      case 'ProblemMeasureRecorded':
        return { ...state, measures: event.data.measureNumber, measuresSinceOpened: state.measuresSinceOpened + 1 };
      case 'AfterSalesProblemResolved':
        return { ...state, status: 'resolved' };
      case 'AfterSalesProblemReopened':
        return { ...state, status: 'handling', measuresSinceOpened: 0 };
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
    case 'RecordProblemMeasure': {
      ensureHandling(state, 'worked on');
      const measure = requireText(
        command.data.measure,
        'measure-required',
        `A measure taken on problem ${problemId} is described (P-6.2)`,
      );
      return [
        {
          type: 'ProblemMeasureRecorded',
          data: { problemId, measureNumber: state.measures + 1, measure, recordedBy: actor, recordedAt: metadata.at },
        },
      ];
    }
    case 'ResolveAfterSalesProblem': {
      const handlerId = ensureHandling(state, 'resolved');
      if (state.measuresSinceOpened === 0) {
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
