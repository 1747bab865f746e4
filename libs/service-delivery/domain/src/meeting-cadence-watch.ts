import { Aggregate, Command, Decider, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { isAfter } from './due-times';
import { CADENCE_KINDS, CadenceKind, CadencePeriod, periodEndsAt, periodOf } from './meeting-cadence';

/**
 * The watch over one kind of regular meeting (C-1.1): which departments are expected to report at it
 * (versioned configuration), the meetings held in each period, and, when a period ends, whether its
 * meeting was missed. The scheduler closes each period at its end and notes each meeting held; both
 * are decided here, once.
 */

// Commands

export type SetMeetingCadence = Command<'SetMeetingCadence', { kind: CadenceKind; expectedDepartments: string[] }>;
export type NoteCadenceMeeting = Command<
  'NoteCadenceMeeting',
  { kind: CadenceKind; meetingId: string; heldAt: string; reportingDepartments: string[] }
>;
export type CloseMeetingPeriod = Command<'CloseMeetingPeriod', { kind: CadenceKind } & CadencePeriod>;

export type MeetingCadenceCommand = SetMeetingCadence | NoteCadenceMeeting | CloseMeetingPeriod;

// Events

export type MeetingCadenceSet = {
  type: 'MeetingCadenceSet';
  data: {
    kind: CadenceKind;
    version: number;
    expectedDepartments: string[];
    /** The period in force when the version was set: the watch closes it, then each one after. */
    period: CadencePeriod;
    setBy: string;
    setAt: string;
  };
};
export type CadenceMeetingHeld = {
  type: 'CadenceMeetingHeld';
  data: { kind: CadenceKind; periodKey: string; meetingId: string; heldAt: string };
};
export type DepartmentsDidNotReport = {
  type: 'DepartmentsDidNotReport';
  data: {
    kind: CadenceKind;
    periodKey: string;
    meetingId: string;
    heldAt: string;
    cadenceVersion: number;
    departmentIds: string[];
  };
};
export type MeetingPeriodClosed = {
  type: 'MeetingPeriodClosed';
  data: { kind: CadenceKind; period: CadencePeriod; meetingIds: string[] };
};
export type MeetingMissed = {
  type: 'MeetingMissed';
  data: { kind: CadenceKind; period: CadencePeriod; cadenceVersion: number; expectedDepartments: string[]; endedAt: string };
};

export type MeetingCadenceEvent = MeetingCadenceSet | CadenceMeetingHeld | DepartmentsDidNotReport | MeetingPeriodClosed | MeetingMissed;

// State

export interface MeetingCadenceWatch {
  kind: CadenceKind;
  version: number;
  expectedDepartments: string[];
  /** The first period watched: earlier ones were before the cadence was set and are never missed. */
  firstPeriodKey: string;
  /** The last period closed: period keys of a kind order as text. */
  closedThrough: string | null;
  /** The meetings held in each period not closed yet. */
  held: Record<string, string[]>;
}

export type MeetingCadenceState = MeetingCadenceWatch | null;

export const meetingCadenceWatch: Decider<MeetingCadenceCommand, MeetingCadenceEvent, MeetingCadenceState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'MeetingCadenceSet': {
        const { kind, version, expectedDepartments, period } = event.data;
        return state
          ? { ...state, version, expectedDepartments }
          : { kind, version, expectedDepartments, firstPeriodKey: period.key, closedThrough: null, held: {} };
      }
      case 'CadenceMeetingHeld': {
        if (!state) return state;
        const { periodKey, meetingId } = event.data;
        return { ...state, held: { ...state.held, [periodKey]: [...(state.held[periodKey] ?? []), meetingId] } };
      }
      case 'DepartmentsDidNotReport':
        return state;
      case 'MeetingPeriodClosed':
      case 'MeetingMissed': {
        if (!state) return state;
        const { [event.data.period.key]: _closed, ...held } = state.held;
        return { ...state, closedThrough: event.data.period.key, held };
      }
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'SetMeetingCadence':
        return cadenceSet(command, state);
      case 'NoteCadenceMeeting':
        return state ? meetingNoted(command, state) : [];
      case 'CloseMeetingPeriod':
        return state ? periodClosed(command, state) : [];
    }
  },
};

/** One watch per kind; a kind without a cadence set is not watched, and its meetings are not noted. */
export const meetingCadences: Aggregate<MeetingCadenceCommand, MeetingCadenceEvent, MeetingCadenceState> = {
  name: 'Meeting cadence',
  streamPrefix: 'service-delivery.cadence-',
  decider: meetingCadenceWatch,
  idOf: (command) => command.data.kind,
  creates: ['SetMeetingCadence', 'NoteCadenceMeeting', 'CloseMeetingPeriod'],
};

export const meetingCadenceStream = (kind: CadenceKind): string => streamOf(meetingCadences, kind);

function cadenceSet(command: SetMeetingCadence, state: MeetingCadenceState): MeetingCadenceEvent[] {
  const { kind } = command.data;
  if (!(CADENCE_KINDS as readonly string[]).includes(kind)) {
    throw new RuleViolation('not-a-cadence-kind', `Only ${CADENCE_KINDS.join(', ')} meetings have a cadence, not ${kind} (C-1.1)`);
  }
  const expectedDepartments = command.data.expectedDepartments.map((d) => d.trim());
  if (expectedDepartments.length === 0 || expectedDepartments.some((d) => d === '')) {
    throw new RuleViolation('expected-departments-required', `A ${kind} meeting names the departments expected to report at it (C-1.1)`);
  }
  if (new Set(expectedDepartments).size !== expectedDepartments.length) {
    throw new RuleViolation('department-expected-twice', `A department is expected once at the ${kind} meeting`);
  }
  const sorted = [...expectedDepartments].sort();
  if (state && sorted.join('\n') === [...state.expectedDepartments].sort().join('\n')) return [];
  const { at, actor } = command.metadata;
  return [
    {
      type: 'MeetingCadenceSet',
      data: { kind, version: (state?.version ?? 0) + 1, expectedDepartments: sorted, period: periodOf(kind, at), setBy: actor.userId, setAt: at },
    },
  ];
}

/**
 * A meeting held once the watch began is noted in its period, with the expected departments that did not
 * report at it. One recorded after its period closed does not reopen it: a missed meeting stays raised.
 */
function meetingNoted(command: NoteCadenceMeeting, state: MeetingCadenceWatch): MeetingCadenceEvent[] {
  const { kind, meetingId, heldAt, reportingDepartments } = command.data;
  const periodKey = periodOf(kind, heldAt).key;
  if (periodKey < state.firstPeriodKey || Object.values(state.held).some((ids) => ids.includes(meetingId))) return [];
  const closed = state.closedThrough !== null && periodKey <= state.closedThrough;
  const held: CadenceMeetingHeld[] = closed ? [] : [{ type: 'CadenceMeetingHeld', data: { kind, periodKey, meetingId, heldAt } }];
  const reporting = new Set(reportingDepartments);
  const departmentIds = state.expectedDepartments.filter((d) => !reporting.has(d));
  if (departmentIds.length === 0) return held;
  return [...held, { type: 'DepartmentsDidNotReport', data: { kind, periodKey, meetingId, heldAt, cadenceVersion: state.version, departmentIds } }];
}

/** At its end a period is closed once: held, with its meetings, or missed. */
function periodClosed(command: CloseMeetingPeriod, state: MeetingCadenceWatch): MeetingCadenceEvent[] {
  const { kind, key, from, to } = command.data;
  const period = { key, from, to };
  if (key < state.firstPeriodKey || (state.closedThrough !== null && key <= state.closedThrough)) return [];
  const endedAt = periodEndsAt(period);
  if (isAfter(endedAt, command.metadata.at)) {
    throw new RuleViolation('period-not-over', `The ${kind} period ${key} is not over before ${endedAt}`);
  }
  const meetingIds = state.held[key] ?? [];
  if (meetingIds.length > 0) return [{ type: 'MeetingPeriodClosed', data: { kind, period, meetingIds } }];
  return [{ type: 'MeetingMissed', data: { kind, period, cadenceVersion: state.version, expectedDepartments: state.expectedDepartments, endedAt } }];
}
