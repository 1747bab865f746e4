import { Command, RuleViolation } from '@serviceledger/platform/core';
import { addHours, isAfter } from './due-times';
import { requireText } from './required-text';
import { DELIVERY_STATUSES, ServiceCase, ensureNotEnded } from './service-case-state';
import type { ServiceCaseEvent } from './service-case';

/**
 * Progress reports to the customer (P-4.3, C-2.2): one is owed every reporting interval while the
 * team works (in delivery and in rectification), counted from the last report or the last missed
 * due time. The scheduler flags a missed report once per due time; what it measures is the
 * "next update" of spec/sla-and-metrics.md.
 */

export interface ProblemAndSolution {
  problem: string;
  solution: string;
}

// Commands

export type SendProgressReport = Command<
  'SendProgressReport',
  { caseId: string; progress: string; problems: ProblemAndSolution[] }
>;
/** Sent by the scheduler at the due time the case last announced. */
export type MarkProgressReportMissed = Command<'MarkProgressReportMissed', { caseId: string; dueAt: string }>;

export type ProgressReportCommand = SendProgressReport | MarkProgressReportMissed;

// Events

export type ProgressReportSent = {
  type: 'ProgressReportSent';
  data: {
    caseId: string;
    reportNumber: number;
    progress: string;
    problems: ProblemAndSolution[];
    /** The due time this report answered, and whether it came by then. */
    dueAt: string;
    onTime: boolean;
    sentBy: string;
    sentAt: string;
    nextReportDueAt: string;
  };
};
export type ProgressReportMissed = {
  type: 'ProgressReportMissed';
  data: { caseId: string; dueAt: string; nextReportDueAt: string };
};

export type ProgressReportEvent = ProgressReportSent | ProgressReportMissed;

export function decideProgressReports(state: ServiceCase, command: ProgressReportCommand): ProgressReportEvent[] {
  const { metadata } = command;
  const { caseId } = state;
  switch (command.type) {
    case 'SendProgressReport': {
      const dueAt = ensureReporting(state);
      const progress = requireText(
        command.data.progress,
        'progress-required',
        'A progress report tells the customer how the work stands (P-4.3)',
      );
      const problems = command.data.problems.map(({ problem, solution }) => ({
        problem: requireText(problem, 'problem-required', 'Each problem in a progress report is described (P-4.3)'),
        solution: requireText(
          solution,
          'solution-required',
          `The problem "${problem.trim()}" is reported with its solution or the way it is being solved (P-4.3)`,
        ),
      }));
      return [
        {
          type: 'ProgressReportSent',
          data: {
            caseId,
            reportNumber: state.reportsSent + 1,
            progress,
            problems,
            dueAt,
            onTime: !isAfter(metadata.at, dueAt),
            sentBy: metadata.actor.userId,
            sentAt: metadata.at,
            nextReportDueAt: addHours(metadata.at, state.reportIntervalHours),
          },
        },
      ];
    }
    case 'MarkProgressReportMissed': {
      const { dueAt } = command.data;
      // Once per due time: a report sent since, or an earlier flag, has moved the due time on.
      if (state.reportDueAt !== dueAt) return [];
      if (isAfter(dueAt, metadata.at)) {
        throw new RuleViolation(
          'report-not-yet-due',
          `The next progress report of case ${state.reference} is due at ${dueAt}, not yet (P-4.3)`,
        );
      }
      return [
        {
          type: 'ProgressReportMissed',
          data: { caseId, dueAt, nextReportDueAt: addHours(dueAt, state.reportIntervalHours) },
        },
      ];
    }
  }
}

export function evolveProgressReports(state: ServiceCase, event: ProgressReportEvent): ServiceCase {
  switch (event.type) {
    case 'ProgressReportSent':
      return { ...state, reportsSent: event.data.reportNumber, reportDueAt: event.data.nextReportDueAt };
    case 'ProgressReportMissed':
      return { ...state, reportDueAt: event.data.nextReportDueAt };
  }
}

/**
 * For the scheduler: the progress report a case event makes due (an instant), stops being owed
 * (null), or leaves as it was (undefined). The due command is `MarkProgressReportMissed` with that
 * instant; keyed by case, each new due time replaces the last.
 */
export function progressReportDueAfter(event: ServiceCaseEvent): string | null | undefined {
  switch (event.type) {
    case 'DeliveryStarted':
    case 'ProgressReportSent':
    case 'ProgressReportMissed':
    case 'AcceptanceRejected':
      return event.data.nextReportDueAt;
    case 'AcceptanceOrganised':
    case 'ServiceCaseCancelled':
      return null;
    default:
      return undefined;
  }
}

function ensureReporting(state: ServiceCase): string {
  ensureNotEnded(state, 'reported');
  if (!DELIVERY_STATUSES.includes(state.status) || state.reportDueAt === undefined) {
    throw new RuleViolation(
      'not-reporting',
      `Service case ${state.reference} is ${state.status}: progress reports go to the customer while the team works on it (P-4.3)`,
    );
  }
  return state.reportDueAt;
}
