import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import {
  DEFAULT_RENEWAL_NOTICE_DAYS,
  MAX_INTERVAL_DAYS,
  MAX_TARGET_MINUTES,
  PRIORITIES,
  Priority,
  addDays,
  ensureDate,
  ensureWholeNumber,
  requireText,
} from './partner-terms';

/**
 * A cooperation agreement with a partner (六(三)1 合作協議簽訂, C-3.1), in versions: each signing (the first,
 * an amendment, a renewal) is a version with every term the regulation names — both parties' rights and
 * duties, the scope of the cooperation, measurable service standards and the ways of communicating — and
 * its validity. A version missing a term is refused, naming it. Before a version expires, the scheduler
 * warns of its renewal; the agreement sets how often the parties meet (六(三)2 定期溝通會議), and a
 * meeting not held by its due date is marked overdue.
 */

/** A measurable standard: how soon the partner answers and resolves what we hand over, per priority, in business minutes. */
export interface ServiceTarget {
  priority: Priority;
  responseMinutes: number;
  resolutionMinutes: number;
}

export interface ServiceStandards {
  targets: ServiceTarget[];
  /** The business calendar (quality monitoring's) the minutes count on; none: 24×7. */
  calendarId?: string;
}

export const CHANNEL_KINDS = ['email', 'phone', 'meeting', 'instant-messaging', 'portal'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface CommunicationChannel {
  kind: ChannelKind;
  /** What the channel is used for, and its business address (a shared mailbox, a hotline, a group). */
  detail: string;
}

/** What a version of the agreement says: the terms are optional here so that a missing one is refused by name. */
export interface AgreementTerms {
  rights?: string[];
  duties?: string[];
  scope?: string;
  serviceStandards?: ServiceStandards;
  communicationChannels?: CommunicationChannel[];
  validFrom: string;
  validTo: string;
  /** Days between meetings with the partner (六(三)2). */
  meetingIntervalDays: number;
  /** Days before `validTo` that renewal is warned of; default 30. */
  renewalNoticeDays?: number;
}

export interface AgreementVersion {
  version: number;
  rights: string[];
  duties: string[];
  scope: string;
  serviceStandards: ServiceStandards;
  communicationChannels: CommunicationChannel[];
  validFrom: string;
  validTo: string;
  meetingIntervalDays: number;
  renewalNoticeDays: number;
}

// Commands

export type SignAgreement = Command<'SignAgreement', { agreementId: string; partnerId: string } & AgreementTerms>;
/** Scheduler: renewal of `version` falls due (its notice period began). */
export type MarkAgreementExpiring = Command<'MarkAgreementExpiring', { agreementId: string; version: number }>;
/** Scheduler: the meeting due on `dueOn` was not held by the end of that day. */
export type MarkPartnerMeetingOverdue = Command<'MarkPartnerMeetingOverdue', { agreementId: string; dueOn: string }>;
/** The minutes of a meeting under this agreement were recorded: the next one falls due an interval later. */
export type NotePartnerMeetingHeld = Command<'NotePartnerMeetingHeld', { agreementId: string; meetingId: string; heldOn: string }>;
export type AgreementCommand = SignAgreement | MarkAgreementExpiring | MarkPartnerMeetingOverdue | NotePartnerMeetingHeld;

// Events

export type AgreementSigned = {
  type: 'AgreementSigned';
  data: { agreementId: string; partnerId: string; nextMeetingDueOn: string; signedBy: string; signedAt: string } & AgreementVersion;
};
export type AgreementExpiring = {
  type: 'AgreementExpiring';
  data: { agreementId: string; partnerId: string; version: number; validTo: string; warnedAt: string };
};
export type PartnerMeetingOverdue = {
  type: 'PartnerMeetingOverdue';
  data: { agreementId: string; partnerId: string; dueOn: string; markedAt: string };
};
export type PartnerMeetingHeld = {
  type: 'PartnerMeetingHeld';
  data: { agreementId: string; partnerId: string; meetingId: string; heldOn: string; nextMeetingDueOn: string };
};
export type AgreementEvent = AgreementSigned | AgreementExpiring | PartnerMeetingOverdue | PartnerMeetingHeld;

// State

export interface Agreement {
  agreementId: string;
  partnerId: string;
  current: AgreementVersion;
  /** When the cooperation under this agreement began: the first version's start. */
  startedOn: string;
  lastMeetingOn?: string;
  nextMeetingDueOn: string;
  meetingIds: string[];
  overdueDueOns: string[];
  warnedVersions: number[];
}
export type AgreementState = Agreement | null;

export const agreement: Decider<AgreementCommand, AgreementEvent, AgreementState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'AgreementSigned': {
        const { agreementId, partnerId, nextMeetingDueOn, signedBy: _b, signedAt: _a, ...current } = event.data;
        if (!state) {
          return { agreementId, partnerId, current, startedOn: current.validFrom, nextMeetingDueOn, meetingIds: [], overdueDueOns: [], warnedVersions: [] };
        }
        return { ...state, current, nextMeetingDueOn };
      }
      case 'AgreementExpiring':
        return state && { ...state, warnedVersions: [...state.warnedVersions, event.data.version] };
      case 'PartnerMeetingOverdue':
        return state && { ...state, overdueDueOns: [...state.overdueDueOns, event.data.dueOn] };
      case 'PartnerMeetingHeld': {
        if (!state) return state;
        const lastMeetingOn = state.lastMeetingOn && state.lastMeetingOn > event.data.heldOn ? state.lastMeetingOn : event.data.heldOn;
        return { ...state, lastMeetingOn, nextMeetingDueOn: event.data.nextMeetingDueOn, meetingIds: [...state.meetingIds, event.data.meetingId] };
      }
    }
  },
  decide(command, state) {
    if (command.type === 'SignAgreement') return [signed(command, state)];
    if (!state) throw new NotFoundError('Agreement', command.data.agreementId);
    const { agreementId, partnerId } = state;
    const at = command.metadata.at;
    switch (command.type) {
      case 'MarkAgreementExpiring': {
        // A renewal signed meanwhile superseded the version the warning was planned for.
        const { version } = command.data;
        if (version !== state.current.version || state.warnedVersions.includes(version)) return [];
        return [{ type: 'AgreementExpiring', data: { agreementId, partnerId, version, validTo: state.current.validTo, warnedAt: at } }];
      }
      case 'MarkPartnerMeetingOverdue': {
        const { dueOn } = command.data;
        // A meeting held since moved the due date; an agreement that ended owes no meeting.
        if (dueOn !== state.nextMeetingDueOn || state.overdueDueOns.includes(dueOn) || dueOn > state.current.validTo) return [];
        return [{ type: 'PartnerMeetingOverdue', data: { agreementId, partnerId, dueOn, markedAt: at } }];
      }
      case 'NotePartnerMeetingHeld': {
        const { meetingId } = command.data;
        if (state.meetingIds.includes(meetingId)) return [];
        const heldOn = ensureDate(command.data.heldOn, 'The day of the meeting');
        const last = state.lastMeetingOn && state.lastMeetingOn > heldOn ? state.lastMeetingOn : heldOn;
        const nextMeetingDueOn = addDays(last, state.current.meetingIntervalDays);
        return [{ type: 'PartnerMeetingHeld', data: { agreementId, partnerId, meetingId, heldOn, nextMeetingDueOn } }];
      }
    }
  },
};

/** Agreements are the company's: the route's permission decides who reads and signs them. */
export const agreements: Aggregate<AgreementCommand, AgreementEvent, AgreementState> = {
  name: 'Agreement',
  streamPrefix: 'resource.agreement-',
  decider: agreement,
  idOf: (command) => command.data.agreementId,
  creates: ['SignAgreement'],
};

export const agreementStream = (agreementId: string): string => streamOf(agreements, agreementId);

/** The day a version's renewal is warned of. */
export function renewalWarningOn(version: Pick<AgreementVersion, 'validTo' | 'renewalNoticeDays'>): string {
  return addDays(version.validTo, -version.renewalNoticeDays);
}

function signed(command: SignAgreement, state: AgreementState): AgreementSigned {
  const { data, metadata } = command;
  if (state && state.partnerId !== data.partnerId) {
    throw new RuleViolation('agreement-partner-fixed', `Agreement ${data.agreementId} is with partner ${state.partnerId}, not ${data.partnerId}`);
  }
  const version: AgreementVersion = { version: (state?.current.version ?? 0) + 1, ...terms(data) };
  // The cadence counts from the last meeting held, or from when the cooperation began.
  const nextMeetingDueOn = addDays(state?.lastMeetingOn ?? state?.startedOn ?? version.validFrom, version.meetingIntervalDays);
  return {
    type: 'AgreementSigned',
    data: { agreementId: data.agreementId, partnerId: data.partnerId, ...version, nextMeetingDueOn, signedBy: metadata.actor.userId, signedAt: metadata.at },
  };
}

/** The terms of a version, each one the regulation names required (六(三)1: 權利義務、合作內容、服務標準、溝通方式). */
function terms(data: AgreementTerms): Omit<AgreementVersion, 'version'> {
  const clauses = (list: string[] | undefined, code: string, what: string): string[] => {
    const kept = (list ?? []).map((c) => (typeof c === 'string' ? c.trim() : '')).filter(Boolean);
    if (kept.length === 0) throw new RuleViolation(code, `The agreement states ${what} (六(三)1)`);
    return kept;
  };
  const rights = clauses(data.rights, 'rights-required', 'the parties’ rights');
  const duties = clauses(data.duties, 'duties-required', 'the parties’ duties');
  const scope = requireText(data.scope, 'scope-required', 'The agreement states the scope of the cooperation (六(三)1)');
  const serviceStandards = standards(data.serviceStandards);
  const communicationChannels = channels(data.communicationChannels);
  const validFrom = ensureDate(data.validFrom, 'The first day the agreement is valid');
  const validTo = ensureDate(data.validTo, 'The last day the agreement is valid');
  if (validTo < validFrom) throw new RuleViolation('invalid-validity', `The agreement cannot end (${validTo}) before it begins (${validFrom})`);
  const meetingIntervalDays = ensureWholeNumber(
    data.meetingIntervalDays,
    1,
    MAX_INTERVAL_DAYS,
    'invalid-meeting-interval',
    `The parties meet every 1 to ${MAX_INTERVAL_DAYS} days (六(三)2), not every ${data.meetingIntervalDays}`,
  );
  const renewalNoticeDays = ensureWholeNumber(
    data.renewalNoticeDays ?? DEFAULT_RENEWAL_NOTICE_DAYS,
    0,
    MAX_INTERVAL_DAYS,
    'invalid-renewal-notice',
    `Renewal is warned of 0 to ${MAX_INTERVAL_DAYS} days ahead, not ${data.renewalNoticeDays}`,
  );
  return { rights, duties, scope, serviceStandards, communicationChannels, validFrom, validTo, meetingIntervalDays, renewalNoticeDays };
}

function standards(given: ServiceStandards | undefined): ServiceStandards {
  if (!given || !Array.isArray(given.targets) || given.targets.length === 0) {
    throw new RuleViolation(
      'service-standards-required',
      'The agreement states its service standards: response and resolution targets in business minutes per priority (六(三)1)',
    );
  }
  const seen = new Set<string>();
  const targets = given.targets.map((target) => {
    if (!(PRIORITIES as readonly string[]).includes(target.priority)) {
      throw new RuleViolation('unknown-priority', `"${target.priority}" is not a priority (${PRIORITIES.join(', ')})`);
    }
    if (seen.has(target.priority)) throw new RuleViolation('duplicate-priority', `The standards set ${target.priority} twice`);
    seen.add(target.priority);
    const minutes = (value: number, what: string) =>
      ensureWholeNumber(value, 1, MAX_TARGET_MINUTES, 'invalid-target', `The ${what} target for ${target.priority} is 1 to ${MAX_TARGET_MINUTES} business minutes, not ${value}`);
    const responseMinutes = minutes(target.responseMinutes, 'response');
    const resolutionMinutes = minutes(target.resolutionMinutes, 'resolution');
    if (resolutionMinutes < responseMinutes) {
      throw new RuleViolation('resolution-before-response', `For ${target.priority} the partner cannot resolve (${resolutionMinutes}) sooner than it answers (${responseMinutes})`);
    }
    return { priority: target.priority, responseMinutes, resolutionMinutes };
  });
  targets.sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority));
  const calendarId = given.calendarId?.trim();
  return { targets, ...(calendarId ? { calendarId } : {}) };
}

function channels(given: CommunicationChannel[] | undefined): CommunicationChannel[] {
  if (!given || given.length === 0) {
    throw new RuleViolation('communication-channels-required', 'The agreement states how the parties communicate (六(三)1)');
  }
  return given.map((channel) => {
    if (!(CHANNEL_KINDS as readonly string[]).includes(channel.kind)) {
      throw new RuleViolation('unknown-channel', `"${channel.kind}" is not a way of communicating (${CHANNEL_KINDS.join(', ')})`);
    }
    return { kind: channel.kind, detail: requireText(channel.detail, 'channel-detail-required', `The ${channel.kind} channel says what it is used for and where`) };
  });
}
