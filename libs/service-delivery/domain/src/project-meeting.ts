import { Actor, Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { isHeadOf } from './departments';
import { ensureInstant, isAfter } from './due-times';
import { requireText } from './required-text';

/**
 * An internal meeting (C-1.1): who attended, what each department reported, what was decided, and
 * the actions agreed, each with an owner and a due date, tracked until done. A project meeting
 * belongs to a service case; a weekly, monthly or quarterly meeting may stand alone.
 */
export const MEETING_KINDS = ['project', 'weekly', 'monthly', 'quarterly'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** What a department brings to the meeting (C-1.1). */
export interface DepartmentReport {
  departmentId: string;
  progress: string;
  problems: string;
  solutions: string;
}

export interface ActionRequest {
  description: string;
  ownerId: string;
  /** The department that takes the action on, in whose name it is assigned: one that reports at the meeting. */
  departmentId: string;
  dueAt: string;
}

/**
 * Numbered in the order agreed, so the minutes can name them. Actions recorded before they named their
 * department have none: their owner alone completes them.
 */
export interface MeetingAction extends Omit<ActionRequest, 'departmentId'> {
  actionNumber: number;
  departmentId?: string;
}

// Commands

export type RecordProjectMeeting = Command<
  'RecordProjectMeeting',
  {
    meetingId: string;
    kind: MeetingKind;
    /** Required for a project meeting. */
    caseId?: string;
    heldAt: string;
    attendees: string[];
    reports: DepartmentReport[];
    decisions: string[];
    actions: ActionRequest[];
  }
>;
export type CompleteMeetingAction = Command<
  'CompleteMeetingAction',
  { meetingId: string; actionNumber: number; outcome: string }
>;

/** Sent by the scheduler when an action's due date passes. */
export type MarkMeetingActionOverdue = Command<'MarkMeetingActionOverdue', { meetingId: string; actionNumber: number; dueAt: string }>;

export type ProjectMeetingCommand = RecordProjectMeeting | CompleteMeetingAction | MarkMeetingActionOverdue;

// Events

export type ProjectMeetingRecorded = {
  type: 'ProjectMeetingRecorded';
  data: Omit<RecordProjectMeeting['data'], 'actions'> & { actions: MeetingAction[]; recordedBy: string };
};
export type MeetingActionCompleted = {
  type: 'MeetingActionCompleted';
  data: {
    meetingId: string;
    actionNumber: number;
    outcome: string;
    dueAt: string;
    late: boolean;
    completedBy: string;
    completedAt: string;
  };
};

/** An action still open when its due date passed: chased until completed (C-1.1). */
export type MeetingActionOverdue = {
  type: 'MeetingActionOverdue';
  data: { meetingId: string; actionNumber: number; ownerId: string; departmentId?: string; dueAt: string };
};

export type ProjectMeetingEvent = ProjectMeetingRecorded | MeetingActionCompleted | MeetingActionOverdue;

// State

export interface ProjectMeeting {
  meetingId: string;
  actions: Array<Pick<MeetingAction, 'actionNumber' | 'ownerId' | 'departmentId' | 'dueAt'> & { done: boolean; overdue?: boolean }>;
}

export type ProjectMeetingState = ProjectMeeting | null;

export const projectMeeting: Decider<ProjectMeetingCommand, ProjectMeetingEvent, ProjectMeetingState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'ProjectMeetingRecorded':
        return {
          meetingId: event.data.meetingId,
          actions: event.data.actions.map(({ actionNumber, ownerId, departmentId, dueAt }) => ({ actionNumber, ownerId, departmentId, dueAt, done: false })),
        };
      case 'MeetingActionCompleted':
        return (
          state && {
            ...state,
            actions: state.actions.map((a) => (a.actionNumber === event.data.actionNumber ? { ...a, done: true } : a)),
          }
        );
      case 'MeetingActionOverdue':
        return (
          state && {
            ...state,
            actions: state.actions.map((a) => (a.actionNumber === event.data.actionNumber ? { ...a, overdue: true } : a)),
          }
        );
    }
  },
  decide(command, state) {
    if (command.type === 'RecordProjectMeeting') return [recorded(command, state)];
    if (!state) throw new NotFoundError('Meeting', command.data.meetingId);
    if (command.type === 'MarkMeetingActionOverdue') return actionOverdue(state, command);
    return [actionCompleted(state, command)];
  },
};

/**
 * Internal meetings, scoped by whom they concern (C-1.1): a meeting about a case by the case, a
 * departmental one by the departments that report at it. The service applies that rule: it reads the
 * case, which a descriptor's scope cannot.
 */
export const projectMeetings: Aggregate<ProjectMeetingCommand, ProjectMeetingEvent, ProjectMeetingState> = {
  name: 'Project meeting',
  streamPrefix: 'service-delivery.meeting-',
  decider: projectMeeting,
  idOf: (command) => command.data.meetingId,
  creates: ['RecordProjectMeeting'],
};

export const projectMeetingStream = (meetingId: string): string => streamOf(projectMeetings, meetingId);

function recorded(command: RecordProjectMeeting, state: ProjectMeetingState): ProjectMeetingRecorded {
  const { data, metadata } = command;
  if (state) throw new RuleViolation('meeting-already-recorded', `Meeting ${data.meetingId} is already recorded`);
  if (data.kind === 'project' && !data.caseId) {
    throw new RuleViolation('case-required', 'A project meeting is recorded against its service case (C-1.1)');
  }
  const heldAt = ensureInstant(data.heldAt, 'The date of the meeting');
  if (isAfter(heldAt, metadata.at)) {
    throw new RuleViolation(
      'meeting-not-held-yet',
      `Meeting ${data.meetingId} is recorded after it is held, not before ${heldAt}`,
    );
  }
  if (data.attendees.length === 0) {
    throw new RuleViolation('attendees-required', 'The minutes of a meeting name who attended (C-1.1)');
  }
  const reports = data.reports.map((report) => ({
    ...report,
    progress: requireText(
      report.progress,
      'report-progress-required',
      `Department ${report.departmentId} reports its progress to the meeting (C-1.1)`,
    ),
  }));
  const reporting = new Set(reports.map((report) => report.departmentId));
  const decisions = data.decisions.map((d) =>
    requireText(d, 'decision-required', 'Each decision in the minutes is worded (C-1.1)'),
  );
  const actions = data.actions.map((action, index) => {
    const actionNumber = index + 1;
    const dueAt = ensureInstant(action.dueAt, `The due date of action ${actionNumber}`);
    if (isAfter(heldAt, dueAt)) {
      throw new RuleViolation(
        'action-due-before-meeting',
        `Action ${actionNumber} would be due before the meeting that agreed it`,
      );
    }
    // A department takes on actions at the meeting it reports at; none is given work in its absence.
    if (!reporting.has(action.departmentId)) {
      throw new RuleViolation(
        'action-department-not-reporting',
        `Action ${actionNumber} is taken on by ${action.departmentId}, which does not report at this meeting (C-1.1)`,
      );
    }
    return {
      actionNumber,
      description: requireText(
        action.description,
        'action-description-required',
        `Action ${actionNumber} says what is to be done (C-1.1)`,
      ),
      ownerId: requireText(action.ownerId, 'action-owner-required', `Action ${actionNumber} has an owner (C-1.1)`),
      departmentId: action.departmentId,
      dueAt,
    };
  });
  return {
    type: 'ProjectMeetingRecorded',
    data: {
      meetingId: data.meetingId,
      kind: data.kind,
      ...(data.caseId ? { caseId: data.caseId } : {}),
      heldAt,
      attendees: data.attendees,
      reports,
      decisions,
      actions,
      recordedBy: metadata.actor.userId,
    },
  };
}

function actionCompleted(state: ProjectMeeting, command: CompleteMeetingAction): MeetingActionCompleted {
  const { actionNumber } = command.data;
  const action = state.actions.find((a) => a.actionNumber === actionNumber);
  if (!action) throw new RuleViolation('unknown-action', `Meeting ${state.meetingId} agreed no action ${actionNumber}`);
  const { at, actor } = command.metadata;
  if (!mayComplete(actor, action)) {
    throw new RuleViolation(
      'not-action-owner',
      `Action ${actionNumber} of meeting ${state.meetingId} is completed by its owner ${action.ownerId}${action.departmentId ? ` or a head of ${action.departmentId}` : ''} (C-1.1)`,
    );
  }
  if (action.done) {
    throw new RuleViolation(
      'action-already-done',
      `Action ${actionNumber} of meeting ${state.meetingId} is already done`,
    );
  }
  const outcome = requireText(
    command.data.outcome,
    'outcome-required',
    `Action ${actionNumber} of meeting ${state.meetingId} is marked done with its outcome (C-1.1)`,
  );
  return {
    type: 'MeetingActionCompleted',
    data: {
      meetingId: state.meetingId,
      actionNumber,
      outcome,
      dueAt: action.dueAt,
      late: isAfter(at, action.dueAt),
      completedBy: actor.userId,
      completedAt: at,
    },
  };
}

/** Once, and only for an action still open at its due date; a completed one is never chased. */
function actionOverdue(state: ProjectMeeting, command: MarkMeetingActionOverdue): MeetingActionOverdue[] {
  const { actionNumber } = command.data;
  const action = state.actions.find((a) => a.actionNumber === actionNumber);
  if (!action || action.done || action.overdue) return [];
  if (isAfter(action.dueAt, command.metadata.at)) {
    throw new RuleViolation('action-not-due-yet', `Action ${actionNumber} of meeting ${state.meetingId} is due at ${action.dueAt}`);
  }
  const { ownerId, departmentId, dueAt } = action;
  return [{ type: 'MeetingActionOverdue', data: { meetingId: state.meetingId, actionNumber, ownerId, ...(departmentId ? { departmentId } : {}), dueAt } }];
}

/** Whoever owns an action answers for it; the head of the department that took it on may close it for them. */
function mayComplete(actor: Actor, action: ProjectMeeting['actions'][number]): boolean {
  return actor.userId === action.ownerId || (action.departmentId !== undefined && isHeadOf(actor, action.departmentId));
}
