import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { toMs } from './business-calendar';
import { ProcessStage, ensureProcessStage } from './process-stage';
import { CaseAnswering, ensureAnswersFor, ensureKnownDepartment } from './tracked-case';

/**
 * A quality finding and its rectification (Q-3; sla-and-metrics.md, "rectification deadline"):
 *
 *   raised ──measures + deadline──▶ measures-submitted ──report──▶ reported ──re-check──▶ passed
 *      ▲                                                                     │
 *      └──────────────────────────── failed: reopened ◀──────────────────────┘
 *
 * The monitor raises it against the responsible department and person, with requirements and
 * suggestions; the responsible party submits measures and a deadline, then a rectification report;
 * the monitor re-checks it: passed closes it, failed reopens it for new measures (and a new deadline).
 * Pure: time and the acting user come with the command.
 */
export type FindingStatus = 'raised' | 'measures-submitted' | 'reported' | 'reopened' | 'passed';

export interface Recheck {
  round: number;
  passed: boolean;
  notes: string;
  at: string;
  by: string;
}

/** What a finding asks, as it is raised: of which department and person, about what, and what must change. */
export interface FindingContent {
  findingId: string;
  departmentId: string;
  responsibleId: string;
  subject: string;
  requirements: string;
  suggestions?: string;
  /** The case the finding came from (a demand checked), when there is one. */
  caseId?: string;
}

export interface Finding extends FindingContent {
  /** The process stage it improves, when it answers after-sales findings (P-6.3): its rectification is the improvement. */
  processStage?: ProcessStage;
  raisedAt: string;
  raisedBy: string;
  status: FindingStatus;
  /** 1 for the first rectification; each failed re-check opens the next. */
  round: number;
  measures?: string;
  deadline?: string;
  report?: string;
  rechecks: Recheck[];
  passedAt?: string;
}

export type FindingState = Finding | null;

/**
 * Who may be held answerable for a finding, as quality monitoring knows it (Q-3.1 反饋至相關部門和責任人): for a
 * finding of a case, the departments answering for that case; otherwise the departments it knows.
 */
export type FindingAnswerability = { case: CaseAnswering } | { knownDepartmentIds: readonly string[] };

export type RaiseFinding = Command<'RaiseFinding', FindingContent & { processStage?: string; answerability: FindingAnswerability }>;
/** A rectification deadline lies within a year of the measures: the clock that measures it runs to it. */
export const MAX_RECTIFICATION_DAYS = 365;

const DAY = 24 * 60 * 60 * 1000;

export type SubmitRectificationMeasures = Command<'SubmitRectificationMeasures', { findingId: string; measures: string; deadline: string }>;
export type SubmitRectificationReport = Command<'SubmitRectificationReport', { findingId: string; report: string }>;
export type RecheckFinding = Command<'RecheckFinding', { findingId: string; passed: boolean; notes: string }>;
export type FindingCommand = RaiseFinding | SubmitRectificationMeasures | SubmitRectificationReport | RecheckFinding;

export type FindingRaised = {
  type: 'FindingRaised';
  data: Omit<Finding, 'status' | 'round' | 'rechecks' | 'measures' | 'deadline' | 'report' | 'passedAt'>;
};
export type RectificationMeasuresSubmitted = {
  type: 'RectificationMeasuresSubmitted';
  data: { findingId: string; round: number; measures: string; deadline: string; submittedAt: string; submittedBy: string };
};
export type RectificationReported = {
  type: 'RectificationReported';
  data: { findingId: string; round: number; report: string; reportedAt: string; reportedBy: string; overdue: boolean };
};
export type FindingRecheckPassed = {
  type: 'FindingRecheckPassed';
  data: { findingId: string; round: number; notes: string; passedAt: string; checkedBy: string };
};
export type FindingRecheckFailed = {
  type: 'FindingRecheckFailed';
  data: { findingId: string; round: number; notes: string; failedAt: string; checkedBy: string };
};
export type FindingEvent =
  | FindingRaised
  | RectificationMeasuresSubmitted
  | RectificationReported
  | FindingRecheckPassed
  | FindingRecheckFailed;

export const finding: Decider<FindingCommand, FindingEvent, FindingState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'FindingRaised') return { ...event.data, status: 'raised', round: 1, rechecks: [] };
    if (!state) return state;
    switch (event.type) {
      case 'RectificationMeasuresSubmitted':
        return { ...state, status: 'measures-submitted', round: event.data.round, measures: event.data.measures, deadline: event.data.deadline };
      case 'RectificationReported':
        return { ...state, status: 'reported', report: event.data.report };
      case 'FindingRecheckPassed':
        return {
          ...state,
          status: 'passed',
          passedAt: event.data.passedAt,
          rechecks: [...state.rechecks, { round: event.data.round, passed: true, notes: event.data.notes, at: event.data.passedAt, by: event.data.checkedBy }],
        };
      case 'FindingRecheckFailed':
        return {
          ...state,
          status: 'reopened',
          round: state.round + 1,
          rechecks: [...state.rechecks, { round: event.data.round, passed: false, notes: event.data.notes, at: event.data.failedAt, by: event.data.checkedBy }],
        };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'RaiseFinding') {
      const { findingId, departmentId, responsibleId, caseId, processStage } = command.data;
      if (state) throw new RuleViolation('finding-exists', `Finding ${findingId} was already raised`);
      const answerability = command.data.answerability;
      if (caseId) {
        if (!answerability || !('case' in answerability) || answerability.case.caseId !== caseId) {
          throw new RuleViolation('answering-required', `A finding of case ${caseId} needs who answers for it`);
        }
        ensureAnswersFor(required(departmentId, 'department'), answerability.case);
      } else {
        if (!answerability || !('knownDepartmentIds' in answerability)) throw new RuleViolation('answering-required', 'A finding needs the departments it may name');
        ensureKnownDepartment(required(departmentId, 'department'), answerability.knownDepartmentIds);
      }
      const subject = required(command.data.subject, 'subject');
      const requirements = required(command.data.requirements, 'requirements');
      const suggestions = command.data.suggestions?.trim();
      return [
        {
          type: 'FindingRaised',
          data: {
            findingId,
            departmentId: required(departmentId, 'department'),
            responsibleId: required(responsibleId, 'responsible person'),
            subject,
            requirements,
            ...(suggestions ? { suggestions } : {}),
            ...(caseId ? { caseId } : {}),
            ...(processStage ? { processStage: ensureProcessStage(processStage) } : {}),
            raisedAt: at,
            raisedBy: actor.userId,
          },
        },
      ];
    }
    if (!state) throw new NotFoundError('Finding', command.data.findingId);
    const { findingId, round } = state;
    switch (command.type) {
      case 'SubmitRectificationMeasures': {
        ensureStatus(state, ['raised', 'reopened'], 'Measures are submitted for a raised or reopened finding');
        const measures = required(command.data.measures, 'measures');
        const deadline = command.data.deadline;
        if (!(toMs(deadline) > toMs(at))) {
          throw new RuleViolation('deadline-in-the-past', `The rectification deadline ${deadline} must be after ${at}`);
        }
        if (toMs(deadline) > toMs(at) + MAX_RECTIFICATION_DAYS * DAY) {
          throw new RuleViolation('deadline-too-far', `The rectification deadline ${deadline} must be within ${MAX_RECTIFICATION_DAYS} days of ${at}`);
        }
        return [
          { type: 'RectificationMeasuresSubmitted', data: { findingId, round, measures, deadline: new Date(toMs(deadline)).toISOString(), submittedAt: at, submittedBy: actor.userId } },
        ];
      }
      case 'SubmitRectificationReport': {
        ensureStatus(state, ['measures-submitted'], 'A rectification report follows the measures');
        const report = required(command.data.report, 'report');
        const overdue = toMs(at) > toMs(state.deadline as string);
        return [{ type: 'RectificationReported', data: { findingId, round, report, reportedAt: at, reportedBy: actor.userId, overdue } }];
      }
      case 'RecheckFinding': {
        ensureStatus(state, ['reported'], 'A finding is re-checked once its rectification is reported');
        const notes = required(command.data.notes, 'notes');
        return command.data.passed
          ? [{ type: 'FindingRecheckPassed', data: { findingId, round, notes, passedAt: at, checkedBy: actor.userId } }]
          : [{ type: 'FindingRecheckFailed', data: { findingId, round, notes, failedAt: at, checkedBy: actor.userId } }];
      }
    }
  },
};

/** A finding's stream is `quality-monitoring.finding-<id>`. It is its department's: acting on another department's answers 404, as reading it would. */
export const findings: Aggregate<FindingCommand, FindingEvent, FindingState> = {
  name: 'Finding',
  streamPrefix: 'quality-monitoring.finding-',
  decider: finding,
  idOf: (command) => command.data.findingId,
  creates: ['RaiseFinding'],
  scope: (state) => ({ departments: state ? [state.departmentId] : [] }),
};

export const findingStream = (findingId: string): string => streamOf(findings, findingId);

function required(value: string | undefined, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new RuleViolation('field-required', `A finding needs its ${what}`);
  return trimmed;
}

function ensureStatus(state: Finding, allowed: FindingStatus[], rule: string): void {
  if (!allowed.includes(state.status)) {
    throw new RuleViolation('finding-state', `${rule}; finding ${state.findingId} is ${state.status}`);
  }
}
