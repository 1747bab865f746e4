import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { DEFAULT_TIME_ZONE, localDateOf } from './business-calendar';
import { ProcessStage, ensureProcessStage } from './process-stage';

/**
 * 二(六)3 "分析售後服務過程中發現的問題，總結經驗教訓，將相關信息反饋至服務流程的各個環節，作為持續改進服務
 * 質量的依據": what the analysis of after-sales problems feeds back to a stage of the service process, as a
 * measure with an owner and a due date, followed up until it is done:
 *
 *   RecordImprovementMeasure    → open         against a stage, answered for by a department and an owner
 *   FollowUpImprovementMeasure  open           → open (progress noted, overdue or not)
 *   LinkImprovementFinding      open           → open (a quality finding raised from it, Q-3)
 *   CompleteImprovementMeasure  open           → done (on time or not)
 */
export type ImprovementMeasureStatus = 'open' | 'done';

export interface ImprovementMeasure {
  measureId: string;
  stage: ProcessStage;
  departmentId: string;
  ownerId: string;
  description: string;
  /** What it answers: the period analysed, a pattern of problems. */
  basis?: string;
  /** A local date (Asia/Shanghai) by which it is done. */
  dueOn: string;
  status: ImprovementMeasureStatus;
  recordedAt: string;
  recordedBy: string;
  followUps: Array<{ note: string; at: string; by: string; overdue: boolean }>;
  findingIds: string[];
  outcome?: string;
  completedAt?: string;
  completedOnTime?: boolean;
}

export type ImprovementMeasureState = ImprovementMeasure | null;

export type RecordImprovementMeasure = Command<
  'RecordImprovementMeasure',
  { measureId: string; stage: string; departmentId: string; ownerId: string; description: string; basis?: string; dueOn: string }
>;
export type FollowUpImprovementMeasure = Command<'FollowUpImprovementMeasure', { measureId: string; note: string }>;
export type LinkImprovementFinding = Command<'LinkImprovementFinding', { measureId: string; findingId: string }>;
export type CompleteImprovementMeasure = Command<'CompleteImprovementMeasure', { measureId: string; outcome: string }>;
export type ImprovementMeasureCommand =
  | RecordImprovementMeasure
  | FollowUpImprovementMeasure
  | LinkImprovementFinding
  | CompleteImprovementMeasure;

export type ImprovementMeasureRecorded = {
  type: 'ImprovementMeasureRecorded';
  data: Pick<ImprovementMeasure, 'measureId' | 'stage' | 'departmentId' | 'ownerId' | 'description' | 'basis' | 'dueOn' | 'recordedAt' | 'recordedBy'>;
};
export type ImprovementMeasureFollowedUp = {
  type: 'ImprovementMeasureFollowedUp';
  data: { measureId: string; note: string; followedUpAt: string; followedUpBy: string; overdue: boolean };
};
export type ImprovementFindingLinked = { type: 'ImprovementFindingLinked'; data: { measureId: string; findingId: string; linkedAt: string } };
export type ImprovementMeasureCompleted = {
  type: 'ImprovementMeasureCompleted';
  data: { measureId: string; outcome: string; completedAt: string; completedBy: string; onTime: boolean };
};
export type ImprovementMeasureEvent =
  | ImprovementMeasureRecorded
  | ImprovementMeasureFollowedUp
  | ImprovementFindingLinked
  | ImprovementMeasureCompleted;

export const improvementMeasure: Decider<ImprovementMeasureCommand, ImprovementMeasureEvent, ImprovementMeasureState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'ImprovementMeasureRecorded') return { ...event.data, status: 'open', followUps: [], findingIds: [] };
    if (!state) return state;
    switch (event.type) {
      case 'ImprovementMeasureFollowedUp': {
        const { note, followedUpAt: at, followedUpBy: by, overdue } = event.data;
        return { ...state, followUps: [...state.followUps, { note, at, by, overdue }] };
      }
      case 'ImprovementFindingLinked':
        return { ...state, findingIds: [...state.findingIds, event.data.findingId] };
      case 'ImprovementMeasureCompleted':
        return { ...state, status: 'done', outcome: event.data.outcome, completedAt: event.data.completedAt, completedOnTime: event.data.onTime };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'RecordImprovementMeasure') {
      const { measureId, stage, departmentId, ownerId, dueOn } = command.data;
      if (state) throw new RuleViolation('improvement-measure-exists', `Improvement measure ${measureId} was already recorded`);
      if (dueOn < localDateOf(DEFAULT_TIME_ZONE, at)) {
        throw new RuleViolation('due-date-in-the-past', `An improvement measure is due today or later, not ${dueOn} (P-6.3)`);
      }
      const basis = command.data.basis?.trim();
      return [
        {
          type: 'ImprovementMeasureRecorded',
          data: {
            measureId,
            stage: ensureProcessStage(stage),
            departmentId: required(departmentId, 'department'),
            ownerId: required(ownerId, 'owner'),
            description: required(command.data.description, 'description'),
            ...(basis ? { basis } : {}),
            dueOn,
            recordedAt: at,
            recordedBy: actor.userId,
          },
        },
      ];
    }
    if (!state) throw new NotFoundError('Improvement measure', command.data.measureId);
    const { measureId } = state;
    if (state.status === 'done') {
      throw new RuleViolation('improvement-measure-done', `Improvement measure ${measureId} is done and is no longer followed up`);
    }
    const overdue = localDateOf(DEFAULT_TIME_ZONE, at) > state.dueOn;
    switch (command.type) {
      case 'FollowUpImprovementMeasure':
        return [
          {
            type: 'ImprovementMeasureFollowedUp',
            data: { measureId, note: required(command.data.note, 'follow-up note'), followedUpAt: at, followedUpBy: actor.userId, overdue },
          },
        ];
      case 'LinkImprovementFinding': {
        const { findingId } = command.data;
        if (state.findingIds.includes(findingId)) return [];
        return [{ type: 'ImprovementFindingLinked', data: { measureId, findingId, linkedAt: at } }];
      }
      case 'CompleteImprovementMeasure':
        return [
          {
            type: 'ImprovementMeasureCompleted',
            data: { measureId, outcome: required(command.data.outcome, 'outcome'), completedAt: at, completedBy: actor.userId, onTime: !overdue },
          },
        ];
    }
  },
};

/** A measure's stream is `quality-monitoring.improvement-<id>`; it is its department's, as a finding is. */
export const improvementMeasures: Aggregate<ImprovementMeasureCommand, ImprovementMeasureEvent, ImprovementMeasureState> = {
  name: 'Improvement measure',
  streamPrefix: 'quality-monitoring.improvement-',
  decider: improvementMeasure,
  idOf: (command) => command.data.measureId,
  creates: ['RecordImprovementMeasure'],
  scope: (state) => ({ departments: state ? [state.departmentId] : [] }),
};

export const improvementMeasureStream = (measureId: string): string => streamOf(improvementMeasures, measureId);

function required(value: string | undefined, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new RuleViolation('field-required', `An improvement measure needs its ${what}`);
  return trimmed;
}
