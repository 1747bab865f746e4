import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { ERASED } from './employees';
import { PostTrack } from './posts';
import { addDays } from './staff-calendar';

/**
 * An employee's individual development plan (H-3.1, 四(三)1 "為員工制定個性化的職業發展規劃,根據員工的興趣、特長
 * 和職業目標,提供相應的職業發展路徑和培訓機會"): their interests, strengths and goals, the path offered (a track
 * and the level aimed at) and the training opportunities, versioned; reviewed at least yearly. Each
 * recording or review sets the next review's date; the scheduler marks the review overdue when that
 * date passes first. The plan closes when the employee leaves.
 */
/** A plan is reviewed at least once a year (H-3.1). */
export const MAX_REVIEW_INTERVAL_DAYS = 365;
export const MAX_PLAN_ENTRIES = 20;

export interface DevelopmentPath {
  track: PostTrack;
  targetLevel: string;
}

export interface DevelopmentPlanContent {
  interests: string[];
  strengths: string[];
  goals: string[];
  path?: DevelopmentPath;
  trainingOpportunities: string[];
}

export interface PlanReview {
  reviewedOn: string;
  notes: string;
  reviewedBy: string;
}

export type DevelopmentPlanStatus = 'active' | 'review-overdue' | 'closed';

export interface DevelopmentPlan extends DevelopmentPlanContent {
  employeeId: string;
  /** The employee's department when the plan was recorded; queries scope by their current one. */
  departmentId: string;
  version: number;
  recordedOn: string;
  reviewIntervalDays: number;
  reviews: PlanReview[];
  lastReviewedOn: string;
  nextReviewDue: string;
  status: DevelopmentPlanStatus;
  erased?: boolean;
}
export type DevelopmentPlanState = DevelopmentPlan | null;

export type RecordDevelopmentPlan = Command<'RecordDevelopmentPlan', DevelopmentPlanContent & { employeeId: string; departmentId: string; today: string; reviewIntervalDays?: number }>;
export type ReviewDevelopmentPlan = Command<'ReviewDevelopmentPlan', { employeeId: string; notes: string; today: string }>;
export type MarkDevelopmentReviewOverdue = Command<'MarkDevelopmentReviewOverdue', { employeeId: string; dueOn: string }>;
export type CloseDevelopmentPlan = Command<'CloseDevelopmentPlan', { employeeId: string; closedOn: string }>;
/** Follows the employee's erasure (`EmployeeDataErased`), so that folded copies of the plan read as erased too. */
export type EraseDevelopmentPlanData = Command<'EraseDevelopmentPlanData', { employeeId: string }>;
export type DevelopmentPlanCommand = RecordDevelopmentPlan | ReviewDevelopmentPlan | MarkDevelopmentReviewOverdue | CloseDevelopmentPlan | EraseDevelopmentPlanData;

export type DevelopmentPlanRecorded = {
  type: 'DevelopmentPlanRecorded';
  data: DevelopmentPlanContent & { employeeId: string; departmentId: string; version: number; recordedOn: string; reviewIntervalDays: number; nextReviewDue: string; recordedBy: string };
};
export type DevelopmentPlanReviewed = { type: 'DevelopmentPlanReviewed'; data: { employeeId: string; reviewedOn: string; notes: string; nextReviewDue: string; reviewedBy: string } };
export type DevelopmentReviewOverdue = { type: 'DevelopmentReviewOverdue'; data: { employeeId: string; departmentId: string; dueOn: string } };
export type DevelopmentPlanClosed = { type: 'DevelopmentPlanClosed'; data: { employeeId: string; closedOn: string } };
export type DevelopmentPlanDataErased = { type: 'DevelopmentPlanDataErased'; data: { employeeId: string; erasedAt: string } };
export type DevelopmentPlanEvent = DevelopmentPlanRecorded | DevelopmentPlanReviewed | DevelopmentReviewOverdue | DevelopmentPlanClosed | DevelopmentPlanDataErased;

export const developmentPlan: Decider<DevelopmentPlanCommand, DevelopmentPlanEvent, DevelopmentPlanState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'DevelopmentPlanRecorded': {
        const { recordedBy: _by, ...plan } = event.data;
        return { ...plan, reviews: state?.reviews ?? [], lastReviewedOn: plan.recordedOn, status: 'active' };
      }
      case 'DevelopmentPlanReviewed': {
        if (!state) return state;
        const { reviewedOn, notes, reviewedBy, nextReviewDue } = event.data;
        return { ...state, reviews: [...state.reviews, { reviewedOn, notes, reviewedBy }], lastReviewedOn: reviewedOn, nextReviewDue, status: 'active' };
      }
      case 'DevelopmentReviewOverdue':
        return state && { ...state, status: 'review-overdue' };
      case 'DevelopmentPlanClosed':
        return state && { ...state, status: 'closed' };
      case 'DevelopmentPlanDataErased':
        return (
          state && {
            ...state,
            interests: [ERASED],
            strengths: [ERASED],
            goals: [ERASED],
            trainingOpportunities: [ERASED],
            reviews: state.reviews.map((review) => ({ ...review, notes: ERASED })),
            erased: true,
          }
        );
    }
  },
  decide(command, state) {
    const { actor } = command.metadata;
    if (command.type === 'RecordDevelopmentPlan') {
      if (state?.status === 'closed') throw new RuleViolation('plan-closed', `The development plan of ${state.employeeId} was closed when they left`);
      const { employeeId, departmentId, today, path } = command.data;
      const content = planContent(command.data);
      const reviewIntervalDays = command.data.reviewIntervalDays ?? state?.reviewIntervalDays ?? MAX_REVIEW_INTERVAL_DAYS;
      if (!Number.isInteger(reviewIntervalDays) || reviewIntervalDays < 1 || reviewIntervalDays > MAX_REVIEW_INTERVAL_DAYS) {
        throw new RuleViolation('review-interval', `A development plan is reviewed at least yearly: every 1 to ${MAX_REVIEW_INTERVAL_DAYS} days, not ${reviewIntervalDays}`);
      }
      return [
        {
          type: 'DevelopmentPlanRecorded',
          data: {
            employeeId,
            departmentId,
            ...content,
            ...(path ? { path: { track: path.track, targetLevel: path.targetLevel.trim() } } : {}),
            version: (state?.version ?? 0) + 1,
            recordedOn: today,
            reviewIntervalDays,
            nextReviewDue: addDays(today, reviewIntervalDays),
            recordedBy: actor.userId,
          },
        },
      ];
    }
    if (!state) throw new NotFoundError('Development plan', command.data.employeeId);
    const { employeeId } = state;
    switch (command.type) {
      case 'ReviewDevelopmentPlan': {
        if (state.status === 'closed') throw new RuleViolation('plan-closed', `The development plan of ${employeeId} was closed when they left`);
        const notes = command.data.notes.trim();
        if (!notes) throw new RuleViolation('field-required', 'A review of a development plan says what was reviewed');
        const { today } = command.data;
        return [{ type: 'DevelopmentPlanReviewed', data: { employeeId, reviewedOn: today, notes, nextReviewDue: addDays(today, state.reviewIntervalDays), reviewedBy: actor.userId } }];
      }
      case 'MarkDevelopmentReviewOverdue':
        if (state.status !== 'active' || state.nextReviewDue !== command.data.dueOn) return [];
        return [{ type: 'DevelopmentReviewOverdue', data: { employeeId, departmentId: state.departmentId, dueOn: state.nextReviewDue } }];
      case 'CloseDevelopmentPlan':
        if (state.status === 'closed') return [];
        return [{ type: 'DevelopmentPlanClosed', data: { employeeId, closedOn: command.data.closedOn } }];
      case 'EraseDevelopmentPlanData':
        if (state.status !== 'closed') throw new RuleViolation('plan-open', `The development plan of ${employeeId} is erased only once closed, when they left`);
        if (state.erased) return [];
        return [{ type: 'DevelopmentPlanDataErased', data: { employeeId, erasedAt: command.metadata.at } }];
    }
  },
};

/** `hr-performance.development-plan-<employeeId>`: one person's plan, its versions and yearly reviews. HR keeps every department's plans. */
export const developmentPlans: Aggregate<DevelopmentPlanCommand, DevelopmentPlanEvent, DevelopmentPlanState> = {
  name: 'Development plan',
  streamPrefix: 'hr-performance.development-plan-',
  decider: developmentPlan,
  idOf: (command) => command.data.employeeId,
  creates: ['RecordDevelopmentPlan'],
};

export const developmentPlanStream = (employeeId: string): string => streamOf(developmentPlans, employeeId);

function planContent(data: DevelopmentPlanContent): Omit<DevelopmentPlanContent, 'path'> {
  const list = (values: string[]) => values.map((v) => v.trim()).filter(Boolean);
  const content = { interests: list(data.interests), strengths: list(data.strengths), goals: list(data.goals), trainingOpportunities: list(data.trainingOpportunities) };
  const empty = (['interests', 'strengths', 'goals'] as const).filter((part) => content[part].length === 0);
  if (empty.length > 0) throw new RuleViolation('plan-part-missing', `A development plan states the employee's interests, strengths and goals (H-3.1); ${empty.join(', ')} is empty`);
  return content;
}
