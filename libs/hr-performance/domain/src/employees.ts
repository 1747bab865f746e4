import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { ONBOARDING_TOPICS, OnboardingTopic, PostTrack } from './posts';
import { addDays } from './staff-calendar';

/**
 * An employee's record (H-1.1, H-1.2): only what HR needs about a person — their name, department, post,
 * track and level (grade), hire date and leaving date — with the history of their placements, and their
 * onboarding (H-1.2, 四(一)2 "新員工入職后,組織開展入職培訓"): on hiring, the post's programme is due within
 * the programme's days; each topic completed is recorded; the scheduler marks it overdue when the due date
 * passes first. The employee's id is the identity provider's subject (the `userId` of their tokens).
 */
export const LEAVING_REASONS = ['resigned', 'contract-ended', 'dismissed', 'retired', 'other'] as const;
export type LeavingReason = (typeof LEAVING_REASONS)[number];

/** What a name reads as once the employee's personal data was erased (crypto-shredding, ADR 0016). */
export const ERASED = '[erased]';

/** The post as a placement needs it, read from the post by the use case. */
export interface PostSnapshot {
  postId: string;
  departmentId: string;
  track: PostTrack;
}

/**
 * How the candidate measured up to each part of the post's recruitment standards (H-1.1, 四(一)1 "招聘具備相關專業
 * 知識、技能和良好服務意識的人員"): a hire meets all three.
 */
export interface RecruitmentAssessment {
  knowledge: boolean;
  skills: boolean;
  serviceAttitude: boolean;
}

/** The post's onboarding programme as a hire needs it. */
export interface ProgrammeSnapshot {
  version: number;
  topics: OnboardingTopic[];
  dueWithinDays: number;
}

export interface Placement extends PostSnapshot {
  level: string;
  from: string;
  /** The day before the next placement, or the leaving date. */
  to?: string;
}

export type OnboardingStatus = 'due' | 'overdue' | 'completed';

export interface Onboarding {
  postId: string;
  programmeVersion: number;
  topics: OnboardingTopic[];
  dueOn: string;
  completed: Array<{ topic: OnboardingTopic; completedOn: string; sessionId: string }>;
  status: OnboardingStatus;
  completedOn?: string;
}

export interface Employee {
  employeeId: string;
  name: string;
  departmentId: string;
  postId: string;
  track: PostTrack;
  level: string;
  /** Since when the employee holds their level: the start of the first placement at it, in a row. */
  levelSince: string;
  hiredOn: string;
  /** The version of the post's recruitment standards the employee was recruited against. */
  standardsVersion: number;
  leftOn?: string;
  leavingReason?: LeavingReason;
  placements: Placement[];
  onboarding: Onboarding;
  erased: boolean;
}
export type EmployeeState = Employee | null;

export type HireEmployee = Command<
  'HireEmployee',
  { employeeId: string; name: string; hiredOn: string; level: string; post: PostSnapshot; standardsVersion: number; assessment: RecruitmentAssessment; programme?: ProgrammeSnapshot }
>;
export type PlaceEmployee = Command<'PlaceEmployee', { employeeId: string; level: string; from: string; post: PostSnapshot }>;
export type RecordOnboardingTopicCompleted = Command<'RecordOnboardingTopicCompleted', { employeeId: string; topic: OnboardingTopic; completedOn: string; sessionId: string }>;
export type MarkOnboardingOverdue = Command<'MarkOnboardingOverdue', { employeeId: string; dueOn: string }>;
export type RecordLeaving = Command<'RecordLeaving', { employeeId: string; leftOn: string; reason: LeavingReason }>;
export type EraseEmployeeData = Command<'EraseEmployeeData', { employeeId: string }>;
export type EmployeeCommand = HireEmployee | PlaceEmployee | RecordOnboardingTopicCompleted | MarkOnboardingOverdue | RecordLeaving | EraseEmployeeData;

export type EmployeeHired = {
  type: 'EmployeeHired';
  data: { employeeId: string; name: string; departmentId: string; postId: string; track: PostTrack; level: string; hiredOn: string; standardsVersion: number; hiredAt: string; hiredBy: string };
};
export type OnboardingAssigned = { type: 'OnboardingAssigned'; data: { employeeId: string; postId: string; programmeVersion: number; topics: OnboardingTopic[]; dueOn: string } };
export type EmployeePlaced = { type: 'EmployeePlaced'; data: PostSnapshot & { employeeId: string; level: string; from: string; placedAt: string; placedBy: string } };
export type OnboardingTopicCompleted = { type: 'OnboardingTopicCompleted'; data: { employeeId: string; topic: OnboardingTopic; completedOn: string; sessionId: string } };
export type OnboardingCompleted = { type: 'OnboardingCompleted'; data: { employeeId: string; completedOn: string; late: boolean } };
export type OnboardingOverdue = { type: 'OnboardingOverdue'; data: { employeeId: string; departmentId: string; postId: string; dueOn: string; missingTopics: OnboardingTopic[] } };
export type EmployeeLeft = {
  type: 'EmployeeLeft';
  data: { employeeId: string; departmentId: string; postId: string; leftOn: string; reason: LeavingReason; recordedAt: string; recordedBy: string };
};
export type EmployeeDataErased = { type: 'EmployeeDataErased'; data: { employeeId: string; erasedAt: string; erasedBy: string } };
export type EmployeeEvent =
  | EmployeeHired
  | OnboardingAssigned
  | EmployeePlaced
  | OnboardingTopicCompleted
  | OnboardingCompleted
  | OnboardingOverdue
  | EmployeeLeft
  | EmployeeDataErased;

export const employee: Decider<EmployeeCommand, EmployeeEvent, EmployeeState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'EmployeeHired') {
      const { employeeId, name, departmentId, postId, track, level, hiredOn, standardsVersion } = event.data;
      return {
        employeeId,
        name,
        departmentId,
        postId,
        track,
        level,
        levelSince: hiredOn,
        hiredOn,
        standardsVersion,
        placements: [{ postId, departmentId, track, level, from: hiredOn }],
        onboarding: { postId, programmeVersion: 0, topics: [], dueOn: hiredOn, completed: [], status: 'due' },
        erased: false,
      };
    }
    if (!state) return state;
    switch (event.type) {
      case 'OnboardingAssigned': {
        const { postId, programmeVersion, topics, dueOn } = event.data;
        return { ...state, onboarding: { postId, programmeVersion, topics, dueOn, completed: [], status: 'due' } };
      }
      case 'EmployeePlaced': {
        const { postId, departmentId, track, level, from } = event.data;
        const placements = state.placements.map((p, i) => (i === state.placements.length - 1 ? { ...p, to: addDays(from, -1) } : p));
        const levelSince = level === state.level && track === state.track ? state.levelSince : from;
        return { ...state, postId, departmentId, track, level, levelSince, placements: [...placements, { postId, departmentId, track, level, from }] };
      }
      case 'OnboardingTopicCompleted': {
        const { topic, completedOn, sessionId } = event.data;
        return { ...state, onboarding: { ...state.onboarding, completed: [...state.onboarding.completed, { topic, completedOn, sessionId }] } };
      }
      case 'OnboardingCompleted':
        return { ...state, onboarding: { ...state.onboarding, status: 'completed', completedOn: event.data.completedOn } };
      case 'OnboardingOverdue':
        return { ...state, onboarding: { ...state.onboarding, status: 'overdue' } };
      case 'EmployeeLeft': {
        const { leftOn, reason } = event.data;
        const placements = state.placements.map((p, i) => (i === state.placements.length - 1 ? { ...p, to: leftOn } : p));
        return { ...state, leftOn, leavingReason: reason, placements };
      }
      case 'EmployeeDataErased':
        return { ...state, name: ERASED, erased: true };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'HireEmployee') {
      const { employeeId, hiredOn, post, programme, standardsVersion, assessment } = command.data;
      if (state) throw new RuleViolation('employee-exists', `Employee ${employeeId} was already hired on ${state.hiredOn}`);
      const name = command.data.name.trim();
      const level = command.data.level.trim();
      if (!name || !level) throw new RuleViolation('field-required', `An employee needs their ${name ? 'level' : 'name'}`);
      const unmet = (
        [
          ['knowledge', 'knowledge'],
          ['skills', 'skills'],
          ['serviceAttitude', 'service attitude'],
        ] as const
      )
        .filter(([part]) => !assessment[part])
        .map(([, what]) => what);
      if (unmet.length > 0) {
        throw new RuleViolation('standards-not-met', `${employeeId} does not meet the ${unmet.join(', ')} of post ${post.postId}'s recruitment standards (version ${standardsVersion}, H-1.1)`);
      }
      if (!programme) {
        throw new RuleViolation('post-without-onboarding', `Post ${post.postId} has no onboarding programme: set one before hiring into it (H-1.2)`);
      }
      return [
        { type: 'EmployeeHired', data: { employeeId, name, ...post, level, hiredOn, standardsVersion, hiredAt: at, hiredBy: actor.userId } },
        { type: 'OnboardingAssigned', data: { employeeId, postId: post.postId, programmeVersion: programme.version, topics: [...programme.topics], dueOn: addDays(hiredOn, programme.dueWithinDays) } },
      ];
    }
    if (!state) throw new NotFoundError('Employee', command.data.employeeId);
    const { employeeId } = state;
    switch (command.type) {
      case 'PlaceEmployee': {
        ensureEmployed(state);
        const { post, from } = command.data;
        const level = command.data.level.trim();
        if (!level) throw new RuleViolation('field-required', 'A placement needs its level');
        const current = state.placements[state.placements.length - 1];
        if (from <= current.from) throw new RuleViolation('placement-before-current', `A new placement starts after the current one, which started on ${current.from}`);
        if (post.postId === state.postId && level === state.level) return [];
        return [{ type: 'EmployeePlaced', data: { employeeId, ...post, level, from, placedAt: at, placedBy: actor.userId } }];
      }
      case 'RecordOnboardingTopicCompleted': {
        const { topic, completedOn, sessionId } = command.data;
        const { onboarding } = state;
        if (onboarding.status === 'completed' || !onboarding.topics.includes(topic) || onboarding.completed.some((c) => c.topic === topic)) return [];
        const done: EmployeeEvent[] = [{ type: 'OnboardingTopicCompleted', data: { employeeId, topic, completedOn, sessionId } }];
        const missing = missingTopics(onboarding).filter((t) => t !== topic);
        if (missing.length === 0) done.push({ type: 'OnboardingCompleted', data: { employeeId, completedOn, late: completedOn > onboarding.dueOn } });
        return done;
      }
      case 'MarkOnboardingOverdue': {
        const { onboarding } = state;
        if (state.leftOn || onboarding.status !== 'due' || onboarding.dueOn !== command.data.dueOn) return [];
        return [{ type: 'OnboardingOverdue', data: { employeeId, departmentId: state.departmentId, postId: onboarding.postId, dueOn: onboarding.dueOn, missingTopics: missingTopics(onboarding) } }];
      }
      case 'RecordLeaving': {
        ensureEmployed(state);
        const { leftOn, reason } = command.data;
        if (leftOn < state.placements[state.placements.length - 1].from) {
          throw new RuleViolation('left-before-placement', `${employeeId} cannot leave on ${leftOn}, before their current placement started`);
        }
        return [{ type: 'EmployeeLeft', data: { employeeId, departmentId: state.departmentId, postId: state.postId, leftOn, reason, recordedAt: at, recordedBy: actor.userId } }];
      }
      case 'EraseEmployeeData': {
        if (!state.leftOn) throw new RuleViolation('employee-not-left', `${employeeId} is still employed: a record is erased only after leaving`);
        if (state.erased) return [];
        return [{ type: 'EmployeeDataErased', data: { employeeId, erasedAt: at, erasedBy: actor.userId } }];
      }
    }
  },
};

/**
 * An employee's stream is `hr-performance.employee-<employeeId>`: hiring, placements, onboarding, leaving —
 * bounded by one person's career. HR acts on every department's staff, so the route's permission (`hr:manage`)
 * suffices; reads are scoped by the queries.
 */
export const employees: Aggregate<EmployeeCommand, EmployeeEvent, EmployeeState> = {
  name: 'Employee',
  streamPrefix: 'hr-performance.employee-',
  decider: employee,
  idOf: (command) => command.data.employeeId,
  creates: ['HireEmployee'],
};

export const employeeStream = (employeeId: string): string => streamOf(employees, employeeId);

/** The programme topics not completed yet, in the programme's order. */
export function missingTopics(onboarding: Onboarding): OnboardingTopic[] {
  return ONBOARDING_TOPICS.filter((topic) => onboarding.topics.includes(topic) && !onboarding.completed.some((c) => c.topic === topic));
}

function ensureEmployed(state: Employee): void {
  if (state.leftOn) throw new RuleViolation('employee-left', `${state.employeeId} left on ${state.leftOn}`);
}

/**
 * The record as it stands on a date (`YYYY-MM-DD`): a placement takes effect on its `from`, so a promotion
 * decided today for next month leaves today's level as it is and is scheduled. The placement in effect is the
 * last one started by the date (before the hire: the first; after leaving: the last); `levelSince` is the start
 * of the run of placements at its track and level; `scheduled` are the placements that start after the date.
 * Computed when read, since a projection does not learn that a date has come.
 */
export function placementOn(state: Pick<Employee, 'placements'>, date: string): { placement: Placement; levelSince: string; scheduled: Placement[] } {
  const started = state.placements.filter((p) => p.from <= date);
  const placement = started[started.length - 1] ?? state.placements[0];
  const index = state.placements.indexOf(placement);
  let levelSince = placement.from;
  for (let i = index - 1; i >= 0; i--) {
    const p = state.placements[i];
    if (p.track !== placement.track || p.level !== placement.level) break;
    levelSince = p.from;
  }
  return { placement, levelSince, scheduled: state.placements.slice(index + 1) };
}

/** The employee as on a date: post, department, track and level in effect then, and the placements scheduled after it. */
export function employeeOn(state: Employee, date: string): Employee & { scheduled: Placement[] } {
  const { placement, levelSince, scheduled } = placementOn(state, date);
  const { postId, departmentId, track, level } = placement;
  return { ...state, postId, departmentId, track, level, levelSince, scheduled };
}
