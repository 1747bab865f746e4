import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { isAfter } from './due-times';
import { ProcessStage, ensureProcessStage } from './process-stage';
import { requireText } from './required-text';
import { RECOMMENDATION_SCALE, SatisfactionScale, SurveyTerms, isOnScale } from './satisfaction-survey';

/**
 * One follow-up visit to the customer of an accepted service (P-6.1, C-2.1):
 *
 *   ScheduleFollowUpVisit   (from the case's AcceptancePassed or FollowUpVisitRequested) → scheduled
 *   MarkFollowUpVisitDue    scheduled, at its due time (scheduler)                      → due
 *   RecordFollowUpVisit     scheduled or due                                             → completed
 *   CancelFollowUpVisit     scheduled or due                                             → cancelled
 *
 * Only the service case schedules visits, and only once the customer has accepted; each finding of
 * a visit points back to the process stage it concerns (P-6.3). A visit answers one version of a
 * satisfaction survey (satisfaction-survey.ts): its scale, its recommendation question and its comment
 * rule decide what is accepted, and the recorded visit stays bound to that version.
 */
export const FOLLOW_UP_VISIT_STATUSES = ['scheduled', 'due', 'completed', 'cancelled'] as const;
export type FollowUpVisitStatus = (typeof FOLLOW_UP_VISIT_STATUSES)[number];

export const FOLLOW_UP_CHANNELS = ['phone', 'on-site', 'online', 'email'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

export interface VisitFinding {
  description: string;
  stage: ProcessStage;
}

// Commands

export type ScheduleFollowUpVisit = Command<
  'ScheduleFollowUpVisit',
  {
    visitId: string;
    caseId: string;
    visitNumber: number;
    customerId: string;
    departmentId: string;
    /** When the case was accepted: no visit is due before. */
    acceptedAt: string;
    dueAt: string;
  }
>;
/** Sent by the scheduler at the visit's due time. */
export type MarkFollowUpVisitDue = Command<'MarkFollowUpVisitDue', { visitId: string; dueAt: string }>;
export type RecordFollowUpVisit = Command<
  'RecordFollowUpVisit',
  {
    visitId: string;
    channel: FollowUpChannel;
    /** The survey version answered, as the handler resolved it. */
    survey: SurveyTerms;
    /** On the survey's scale, from very dissatisfied to very satisfied. */
    satisfaction: number;
    /** 0 … 10, only where the survey asks how likely the customer is to recommend us. */
    recommendation?: number;
    comments?: string;
    findings: VisitFinding[];
  }
>;
export type CancelFollowUpVisit = Command<'CancelFollowUpVisit', { visitId: string; reason: string }>;

export type FollowUpVisitCommand =
  | ScheduleFollowUpVisit
  | MarkFollowUpVisitDue
  | RecordFollowUpVisit
  | CancelFollowUpVisit;

// Events

export type FollowUpVisitScheduled = { type: 'FollowUpVisitScheduled'; data: ScheduleFollowUpVisit['data'] };
export type FollowUpVisitDue = { type: 'FollowUpVisitDue'; data: { visitId: string; caseId: string; dueAt: string } };
/** The survey version a visit answered, with the scale its satisfaction is scored on. */
export interface AnsweredSurvey {
  surveyId: string;
  version: number;
  scale: SatisfactionScale;
}
export type FollowUpVisitRecorded = {
  type: 'FollowUpVisitRecorded';
  data: {
    visitId: string;
    caseId: string;
    visitNumber: number;
    channel: FollowUpChannel;
    /** Absent only on visits recorded before surveys were versioned: those answered on 1–5. */
    survey?: AnsweredSurvey;
    satisfaction: number;
    recommendation?: number;
    comments?: string;
    findings: VisitFinding[];
    dueAt: string;
    visitedBy: string;
    visitedAt: string;
  };
};
export type FollowUpVisitCancelled = {
  type: 'FollowUpVisitCancelled';
  data: { visitId: string; caseId: string; reason: string; cancelledBy: string; cancelledAt: string };
};

export type FollowUpVisitEvent =
  | FollowUpVisitScheduled
  | FollowUpVisitDue
  | FollowUpVisitRecorded
  | FollowUpVisitCancelled;

// State

export interface FollowUpVisit {
  visitId: string;
  caseId: string;
  visitNumber: number;
  dueAt: string;
  status: FollowUpVisitStatus;
}

export type FollowUpVisitState = FollowUpVisit | null;

export const followUpVisit: Decider<FollowUpVisitCommand, FollowUpVisitEvent, FollowUpVisitState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'FollowUpVisitScheduled') {
      const { visitId, caseId, visitNumber, dueAt } = event.data;
      return { visitId, caseId, visitNumber, dueAt, status: 'scheduled' };
    }
    if (!state) return state;
    switch (event.type) {
      case 'FollowUpVisitDue':
        return { ...state, status: 'due' };
      case 'FollowUpVisitRecorded':
        return { ...state, status: 'completed' };
      case 'FollowUpVisitCancelled':
        return { ...state, status: 'cancelled' };
    }
  },
  decide(command, state) {
    if (command.type === 'ScheduleFollowUpVisit') return [scheduled(command, state)];
    if (!state) throw new NotFoundError('Follow-up visit', command.data.visitId);
    return decideOn(state, command);
  },
};

/** Follow-up visits, scoped by their case. */
export const followUpVisits: Aggregate<FollowUpVisitCommand, FollowUpVisitEvent, FollowUpVisitState> = {
  name: 'Follow-up visit',
  streamPrefix: 'service-delivery.visit-',
  decider: followUpVisit,
  idOf: (command) => command.data.visitId,
  creates: ['ScheduleFollowUpVisit'],
};

export const followUpVisitStream = (visitId: string): string => streamOf(followUpVisits, visitId);

function scheduled(command: ScheduleFollowUpVisit, state: FollowUpVisitState): FollowUpVisitScheduled {
  const { data } = command;
  if (state) throw new RuleViolation('visit-already-scheduled', `Follow-up visit ${data.visitId} is already scheduled`);
  if (isAfter(data.acceptedAt, data.dueAt)) {
    throw new RuleViolation(
      'visit-before-acceptance',
      `Follow-up visit ${data.visitId} would be due at ${data.dueAt}, before case ${data.caseId} was accepted at ${data.acceptedAt} (P-6.1)`,
    );
  }
  return { type: 'FollowUpVisitScheduled', data };
}

function decideOn(
  state: FollowUpVisit,
  command: Exclude<FollowUpVisitCommand, ScheduleFollowUpVisit>,
): FollowUpVisitEvent[] {
  const { metadata } = command;
  const { visitId, caseId } = state;
  switch (command.type) {
    case 'MarkFollowUpVisitDue':
      // The scheduler may repeat itself; a visit already due, done or cancelled stays as it is.
      if (state.status !== 'scheduled' || command.data.dueAt !== state.dueAt) return [];
      if (isAfter(state.dueAt, metadata.at)) {
        throw new RuleViolation(
          'visit-not-yet-due',
          `Follow-up visit ${visitId} is due at ${state.dueAt}, not yet (P-6.1)`,
        );
      }
      return [{ type: 'FollowUpVisitDue', data: { visitId, caseId, dueAt: state.dueAt } }];
    case 'RecordFollowUpVisit': {
      ensurePending(state, 'recorded');
      const { channel, survey, satisfaction, recommendation, findings } = command.data;
      const { surveyId, version, scale } = survey;
      const answered = `survey ${surveyId} v${version}`;
      if (!isOnScale(satisfaction, scale)) {
        throw new RuleViolation(
          'invalid-satisfaction',
          `Satisfaction is scored ${scale.lowest} to ${scale.highest} on ${answered}, not ${satisfaction} (P-6.1)`,
        );
      }
      if (recommendation !== undefined && !survey.asksRecommendation) {
        throw new RuleViolation('recommendation-not-asked', `The recommendation question is not on ${answered}: record no recommendation score`);
      }
      if (recommendation !== undefined && !isOnScale(recommendation, RECOMMENDATION_SCALE)) {
        throw new RuleViolation('invalid-recommendation', `The recommendation score is 0 to 10, not ${recommendation}`);
      }
      const comments = command.data.comments?.trim();
      if (satisfaction < survey.commentBelow && !comments) {
        throw new RuleViolation(
          'low-score-needs-comment',
          `A satisfaction of ${satisfaction} (below ${survey.commentBelow} on ${answered}) is recorded with the customer's comments, so the department can act on it (P-6.1, C-2.1)`,
        );
      }
      return [
        {
          type: 'FollowUpVisitRecorded',
          data: {
            visitId,
            caseId,
            visitNumber: state.visitNumber,
            channel,
            survey: { surveyId, version, scale: { lowest: scale.lowest, highest: scale.highest } },
            satisfaction,
            ...(recommendation !== undefined ? { recommendation } : {}),
            ...(comments ? { comments } : {}),
            findings: findings.map((finding, index) => ({
              description: requireText(
                finding.description,
                'finding-description-required',
                `Finding ${index + 1} of follow-up visit ${visitId} says what the customer met (P-6.1)`,
              ),
              stage: ensureProcessStage(finding.stage, `Finding ${index + 1} of follow-up visit ${visitId}`),
            })),
            dueAt: state.dueAt,
            visitedBy: metadata.actor.userId,
            visitedAt: metadata.at,
          },
        },
      ];
    }
    case 'CancelFollowUpVisit': {
      ensurePending(state, 'cancelled');
      const reason = requireText(
        command.data.reason,
        'reason-required',
        `Cancelling follow-up visit ${visitId} needs a reason: the visit is a regular duty (P-6.1)`,
      );
      return [
        {
          type: 'FollowUpVisitCancelled',
          data: { visitId, caseId, reason, cancelledBy: metadata.actor.userId, cancelledAt: metadata.at },
        },
      ];
    }
  }
}

function ensurePending(state: FollowUpVisit, action: string): void {
  if (state.status === 'completed' || state.status === 'cancelled') {
    throw new RuleViolation(
      `visit-${state.status}`,
      `Follow-up visit ${state.visitId} is ${state.status} and cannot be ${action}`,
    );
  }
}
