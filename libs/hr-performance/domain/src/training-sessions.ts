import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { ONBOARDING_TOPICS, OnboardingTopic } from './posts';
import { TrainingKind } from './training-plans';

/**
 * A training session (H-1.2, H-1.3): one sitting of a training, on a date, by a trainer. Attendance is
 * recorded after it was held; each attendee's assessment then completes the training (passed, with a
 * score 0–100 or none) or not. An onboarding session teaches one topic of the onboarding programme; a
 * regular one delivers a training of a department's yearly plan (`planItem`) or stands alone.
 */
export const MAX_ATTENDEES = 200;
export const MAX_SCORE = 100;

export interface PlanItemRef {
  departmentId: string;
  year: number;
  trainingId: string;
}

export interface Attendee {
  employeeId: string;
  departmentId: string;
  attended: boolean;
}

export interface SessionResult {
  employeeId: string;
  passed: boolean;
  score: number | null;
  recordedOn: string;
}

export interface TrainingSession {
  sessionId: string;
  trainingId: string;
  kind: TrainingKind;
  /** For onboarding: the programme topic; otherwise the training id. */
  topic: string;
  title: string;
  /** The department it was organised for. */
  departmentId: string;
  planItem?: PlanItemRef;
  heldOn: string;
  trainer: string;
  attendees: Attendee[];
  results: SessionResult[];
}
export type TrainingSessionState = TrainingSession | null;

export type ScheduleTrainingSession = Command<
  'ScheduleTrainingSession',
  { sessionId: string; trainingId: string; kind: TrainingKind; topic?: OnboardingTopic; title: string; departmentId: string; heldOn: string; trainer: string; planItem?: PlanItemRef }
>;
export type RecordAttendance = Command<'RecordAttendance', { sessionId: string; today: string; attendees: Attendee[] }>;
export type RecordTrainingResult = Command<'RecordTrainingResult', { sessionId: string; employeeId: string; passed: boolean; score: number | null; today: string }>;
export type TrainingSessionCommand = ScheduleTrainingSession | RecordAttendance | RecordTrainingResult;

export type TrainingSessionScheduled = { type: 'TrainingSessionScheduled'; data: Omit<TrainingSession, 'attendees' | 'results'> & { scheduledAt: string; scheduledBy: string } };
export type TrainingAttendanceRecorded = { type: 'TrainingAttendanceRecorded'; data: { sessionId: string; attendees: Attendee[]; recordedAt: string; recordedBy: string } };
export type TrainingCompleted = {
  type: 'TrainingCompleted';
  data: { sessionId: string; employeeId: string; departmentId: string; trainingId: string; kind: TrainingKind; topic: string; planItem?: PlanItemRef; score: number | null; completedOn: string; recordedBy: string };
};
export type TrainingAssessmentFailed = { type: 'TrainingAssessmentFailed'; data: { sessionId: string; employeeId: string; score: number | null; assessedOn: string; recordedBy: string } };
export type TrainingSessionEvent = TrainingSessionScheduled | TrainingAttendanceRecorded | TrainingCompleted | TrainingAssessmentFailed;

export const trainingSession: Decider<TrainingSessionCommand, TrainingSessionEvent, TrainingSessionState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'TrainingSessionScheduled') {
      const { sessionId, trainingId, kind, topic, title, departmentId, planItem, heldOn, trainer } = event.data;
      return { sessionId, trainingId, kind, topic, title, departmentId, ...(planItem ? { planItem } : {}), heldOn, trainer, attendees: [], results: [] };
    }
    if (!state) return state;
    switch (event.type) {
      case 'TrainingAttendanceRecorded': {
        const recorded = new Map(state.attendees.map((a) => [a.employeeId, a]));
        for (const attendee of event.data.attendees) recorded.set(attendee.employeeId, attendee);
        return { ...state, attendees: [...recorded.values()] };
      }
      case 'TrainingCompleted':
        return { ...state, results: [...state.results, { employeeId: event.data.employeeId, passed: true, score: event.data.score, recordedOn: event.data.completedOn }] };
      case 'TrainingAssessmentFailed':
        return { ...state, results: [...state.results, { employeeId: event.data.employeeId, passed: false, score: event.data.score, recordedOn: event.data.assessedOn }] };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'ScheduleTrainingSession') {
      if (state) throw new RuleViolation('session-exists', `Training session ${state.sessionId} was already scheduled`);
      const { sessionId, trainingId, kind, topic, departmentId, heldOn, planItem } = command.data;
      const title = command.data.title.trim();
      const trainer = command.data.trainer.trim();
      if (!title || !trainer) throw new RuleViolation('field-required', `A training session needs its ${title ? 'trainer' : 'title'}`);
      if (kind === 'onboarding' && !(topic && ONBOARDING_TOPICS.includes(topic))) {
        throw new RuleViolation('onboarding-topic-required', `An onboarding session teaches one topic of the programme (${ONBOARDING_TOPICS.join(', ')})`);
      }
      return [
        {
          type: 'TrainingSessionScheduled',
          data: {
            sessionId,
            trainingId,
            kind,
            topic: kind === 'onboarding' ? (topic as OnboardingTopic) : trainingId,
            title,
            departmentId,
            ...(planItem ? { planItem } : {}),
            heldOn,
            trainer,
            scheduledAt: at,
            scheduledBy: actor.userId,
          },
        },
      ];
    }
    if (!state) throw new NotFoundError('Training session', command.data.sessionId);
    const { sessionId } = state;
    switch (command.type) {
      case 'RecordAttendance': {
        if (command.data.today < state.heldOn) throw new RuleViolation('session-not-held', `Attendance is recorded once the session was held, on ${state.heldOn}`);
        const assessed = command.data.attendees.find((a) => state.results.some((r) => r.employeeId === a.employeeId));
        if (assessed) throw new RuleViolation('result-recorded', `${assessed.employeeId}'s assessment of this session is already recorded`);
        return [{ type: 'TrainingAttendanceRecorded', data: { sessionId, attendees: command.data.attendees, recordedAt: at, recordedBy: actor.userId } }];
      }
      case 'RecordTrainingResult': {
        const { employeeId, passed, score, today } = command.data;
        const attendee = state.attendees.find((a) => a.employeeId === employeeId);
        if (!attendee?.attended) throw new RuleViolation('not-attended', `${employeeId} is not recorded as attending session ${sessionId}`);
        if (state.results.some((r) => r.employeeId === employeeId)) throw new RuleViolation('result-recorded', `${employeeId}'s assessment of this session is already recorded`);
        if (score !== null && !(Number.isFinite(score) && score >= 0 && score <= MAX_SCORE)) throw new RuleViolation('score-range', `A score is from 0 to ${MAX_SCORE}`);
        if (!passed) return [{ type: 'TrainingAssessmentFailed', data: { sessionId, employeeId, score, assessedOn: today, recordedBy: actor.userId } }];
        const { trainingId, kind, topic, planItem } = state;
        return [
          {
            type: 'TrainingCompleted',
            data: { sessionId, employeeId, departmentId: attendee.departmentId, trainingId, kind, topic, ...(planItem ? { planItem } : {}), score, completedOn: today, recordedBy: actor.userId },
          },
        ];
      }
    }
  },
};

/** `hr-performance.training-session-<sessionId>`: one session, its attendance and results. HR organises training for every department. */
export const trainingSessions: Aggregate<TrainingSessionCommand, TrainingSessionEvent, TrainingSessionState> = {
  name: 'Training session',
  streamPrefix: 'hr-performance.training-session-',
  decider: trainingSession,
  idOf: (command) => command.data.sessionId,
  creates: ['ScheduleTrainingSession'],
};

export const trainingSessionStream = (sessionId: string): string => streamOf(trainingSessions, sessionId);
