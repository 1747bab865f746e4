import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { ensureDate, ensureInstant, localDateOf, requireText } from './partner-terms';
import { COOPERATION_AREAS, CooperationArea } from './information-sharing';

/**
 * A meeting with a partner under an agreement (六(三)2 定期溝通會議, C-3.2): who took part on each side,
 * the minutes — the progress of the joint work, the problems met and their solutions, what was decided —
 * and the actions agreed, each with an owner and a due date, tracked until done. Recording one moves the
 * agreement's next meeting due date (`NotePartnerMeetingHeld`). The partner's people are named by their
 * contact ids, so the minutes hold no one's personal details.
 */
export interface PartnerMeetingActionRequest {
  description: string;
  /** A member of staff, or a partner contact's id. */
  ownerId: string;
  dueOn: string;
  /** The area of cooperation (協同合作) the action serves, when named. */
  cooperationArea?: CooperationArea;
}

export interface PartnerMeetingAction extends PartnerMeetingActionRequest {
  actionNumber: number;
}

export type RecordPartnerMeeting = Command<
  'RecordPartnerMeeting',
  {
    meetingId: string;
    agreementId: string;
    /** The agreement's partner, as the service read it. */
    partnerId: string;
    heldAt: string;
    attendees: string[];
    partnerContactIds: string[];
    progress: string;
    problems: string;
    solutions: string;
    decisions: string[];
    actions: PartnerMeetingActionRequest[];
  }
>;
export type CompletePartnerMeetingAction = Command<'CompletePartnerMeetingAction', { meetingId: string; actionNumber: number; outcome: string }>;
export type PartnerMeetingCommand = RecordPartnerMeeting | CompletePartnerMeetingAction;

export type PartnerMeetingRecorded = {
  type: 'PartnerMeetingRecorded';
  data: Omit<RecordPartnerMeeting['data'], 'actions'> & { heldOn: string; actions: PartnerMeetingAction[]; recordedBy: string };
};
export type PartnerMeetingActionCompleted = {
  type: 'PartnerMeetingActionCompleted';
  data: { meetingId: string; agreementId: string; actionNumber: number; outcome: string; late: boolean; completedBy: string; completedAt: string };
};
export type PartnerMeetingEvent = PartnerMeetingRecorded | PartnerMeetingActionCompleted;

export interface PartnerMeeting {
  meetingId: string;
  agreementId: string;
  partnerId: string;
  heldOn: string;
  actions: Array<PartnerMeetingAction & { done: boolean }>;
}
export type PartnerMeetingState = PartnerMeeting | null;

export const partnerMeeting: Decider<PartnerMeetingCommand, PartnerMeetingEvent, PartnerMeetingState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'PartnerMeetingRecorded': {
        const { meetingId, agreementId, partnerId, heldOn, actions } = event.data;
        return { meetingId, agreementId, partnerId, heldOn, actions: actions.map((a) => ({ ...a, done: false })) };
      }
      case 'PartnerMeetingActionCompleted':
        return state && { ...state, actions: state.actions.map((a) => (a.actionNumber === event.data.actionNumber ? { ...a, done: true } : a)) };
    }
  },
  decide(command, state) {
    if (command.type === 'RecordPartnerMeeting') return [recorded(command, state)];
    if (!state) throw new NotFoundError('Partner meeting', command.data.meetingId);
    const { actionNumber } = command.data;
    const action = state.actions.find((a) => a.actionNumber === actionNumber);
    if (!action) throw new NotFoundError('Meeting action', `${state.meetingId}/${actionNumber}`);
    if (action.done) throw new RuleViolation('action-already-done', `Action ${actionNumber} of meeting ${state.meetingId} is already done`);
    const outcome = requireText(command.data.outcome, 'outcome-required', `Completing action ${actionNumber} says what came of it`);
    const at = command.metadata.at;
    return [
      {
        type: 'PartnerMeetingActionCompleted',
        data: {
          meetingId: state.meetingId,
          agreementId: state.agreementId,
          actionNumber,
          outcome,
          late: localDateOf(at) > action.dueOn,
          completedBy: command.metadata.actor.userId,
          completedAt: at,
        },
      },
    ];
  },
};

export const partnerMeetings: Aggregate<PartnerMeetingCommand, PartnerMeetingEvent, PartnerMeetingState> = {
  name: 'Partner meeting',
  streamPrefix: 'resource.cooperation-meeting-',
  decider: partnerMeeting,
  idOf: (command) => command.data.meetingId,
  creates: ['RecordPartnerMeeting'],
};

export const partnerMeetingStream = (meetingId: string): string => streamOf(partnerMeetings, meetingId);

function recorded(command: RecordPartnerMeeting, state: PartnerMeetingState): PartnerMeetingRecorded {
  const { data, metadata } = command;
  if (state) throw new RuleViolation('meeting-already-recorded', `Meeting ${data.meetingId} is already recorded`);
  const heldAt = ensureInstant(data.heldAt, 'The time of the meeting');
  if (heldAt > metadata.at) throw new RuleViolation('meeting-not-held-yet', `Meeting ${data.meetingId} is recorded after it is held, not before ${heldAt}`);
  const heldOn = localDateOf(heldAt);
  if (data.attendees.length === 0 || data.partnerContactIds.length === 0) {
    throw new RuleViolation('both-parties-required', 'The minutes name who attended for us and for the partner (六(三)2)');
  }
  const progress = requireText(data.progress, 'progress-required', 'The minutes say how the joint work progresses (六(三)2)');
  const decisions = data.decisions.map((d) => requireText(d, 'decision-required', 'Each decision in the minutes is worded'));
  const actions = data.actions.map((action, index) => {
    const actionNumber = index + 1;
    const dueOn = ensureDate(action.dueOn, `The due date of action ${actionNumber}`);
    if (dueOn < heldOn) throw new RuleViolation('action-due-before-meeting', `Action ${actionNumber} would be due before the meeting that agreed it`);
    if (action.cooperationArea !== undefined && !(COOPERATION_AREAS as readonly string[]).includes(action.cooperationArea)) {
      throw new RuleViolation('unknown-cooperation-area', `"${action.cooperationArea}" is not an area of cooperation (${COOPERATION_AREAS.join(', ')})`);
    }
    return {
      actionNumber,
      description: requireText(action.description, 'action-description-required', `Action ${actionNumber} says what is to be done`),
      ownerId: requireText(action.ownerId, 'action-owner-required', `Action ${actionNumber} has an owner`),
      dueOn,
      ...(action.cooperationArea ? { cooperationArea: action.cooperationArea } : {}),
    };
  });
  return {
    type: 'PartnerMeetingRecorded',
    data: {
      meetingId: data.meetingId,
      agreementId: data.agreementId,
      partnerId: data.partnerId,
      heldAt,
      heldOn,
      attendees: data.attendees,
      partnerContactIds: data.partnerContactIds,
      progress,
      problems: data.problems?.trim() ?? '',
      solutions: data.solutions?.trim() ?? '',
      decisions,
      actions,
      recordedBy: metadata.actor.userId,
    },
  };
}
