import { Command, RuleViolation } from '@serviceledger/platform/core';
import { requireText } from './required-text';
import { ServiceCase, ensureNotEnded } from './service-case-state';

/** Internal coordination problems met while serving the case, logged and resolved promptly (P-4.3). */

// Commands

export type LogCoordinationIssue = Command<
  'LogCoordinationIssue',
  {
    caseId: string;
    description: string;
    /** The departments it is between. */
    departmentIds: string[];
  }
>;
export type ResolveCoordinationIssue = Command<
  'ResolveCoordinationIssue',
  { caseId: string; issueNumber: number; resolution: string }
>;

export type CoordinationIssueCommand = LogCoordinationIssue | ResolveCoordinationIssue;

// Events

export type CoordinationIssueLogged = {
  type: 'CoordinationIssueLogged';
  data: {
    caseId: string;
    issueNumber: number;
    description: string;
    departmentIds: string[];
    loggedBy: string;
    loggedAt: string;
  };
};
export type CoordinationIssueResolved = {
  type: 'CoordinationIssueResolved';
  data: { caseId: string; issueNumber: number; resolution: string; resolvedBy: string; resolvedAt: string };
};

export type CoordinationIssueEvent = CoordinationIssueLogged | CoordinationIssueResolved;

export function decideCoordinationIssues(
  state: ServiceCase,
  command: CoordinationIssueCommand,
): CoordinationIssueEvent[] {
  const { metadata } = command;
  const actor = metadata.actor.userId;
  ensureNotEnded(state, 'coordinated');
  switch (command.type) {
    case 'LogCoordinationIssue': {
      const description = requireText(
        command.data.description,
        'issue-description-required',
        'A coordination issue is logged with what the problem is (P-4.3)',
      );
      return [
        {
          type: 'CoordinationIssueLogged',
          data: {
            caseId: state.caseId,
            issueNumber: state.coordinationIssues.length + 1,
            description,
            departmentIds: command.data.departmentIds,
            loggedBy: actor,
            loggedAt: metadata.at,
          },
        },
      ];
    }
    case 'ResolveCoordinationIssue': {
      const { issueNumber } = command.data;
      const issue = state.coordinationIssues.find((i) => i.issueNumber === issueNumber);
      if (!issue) {
        throw new RuleViolation(
          'unknown-issue',
          `Service case ${state.reference} has no coordination issue ${issueNumber}`,
        );
      }
      if (issue.resolved) {
        throw new RuleViolation('issue-already-resolved', `Coordination issue ${issueNumber} is already resolved`);
      }
      const resolution = requireText(
        command.data.resolution,
        'resolution-required',
        `Coordination issue ${issueNumber} is resolved with how it was resolved (P-4.3)`,
      );
      return [
        {
          type: 'CoordinationIssueResolved',
          data: { caseId: state.caseId, issueNumber, resolution, resolvedBy: actor, resolvedAt: metadata.at },
        },
      ];
    }
  }
}

export function evolveCoordinationIssues(state: ServiceCase, event: CoordinationIssueEvent): ServiceCase {
  switch (event.type) {
    case 'CoordinationIssueLogged':
      return {
        ...state,
        coordinationIssues: [...state.coordinationIssues, { issueNumber: event.data.issueNumber, resolved: false }],
      };
    case 'CoordinationIssueResolved':
      return {
        ...state,
        coordinationIssues: state.coordinationIssues.map((i) =>
          i.issueNumber === event.data.issueNumber ? { ...i, resolved: true } : i,
        ),
      };
  }
}

export function openCoordinationIssues(state: ServiceCase): number[] {
  return state.coordinationIssues.filter((i) => !i.resolved).map((i) => i.issueNumber);
}
