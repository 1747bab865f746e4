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
import { SHARED_INFORMATION_KINDS, SharedInformationKind } from './information-sharing';

/**
 * A cooperation agreement with a partner (六(三)1 合作協議簽訂, C-3.1), in versions: each signing (the first,
 * an amendment, a renewal) is a version with every term the regulation names — both parties' rights and
 * duties, the scope of the cooperation, measurable service standards and the ways of communicating — and
 * its validity. A version missing a term is refused, naming it. Before a version expires, the scheduler
 * warns of its renewal; the agreement sets how often the parties meet (六(三)2 定期溝通會議), and a
 * meeting not held by its due date is marked overdue. It may set how often each kind of information is
 * shared with the partner (六(三)3 信息共享與協同, 及時): a kind not shared by its due date is marked overdue.
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
  /** Days between sharings, per kind of information (六(三)3 及時); a kind absent has no cadence. */
  sharingIntervalDays?: SharingIntervals;
}

export type SharingIntervals = Partial<Record<SharedInformationKind, number>>;

/** Per kind of information with a cadence: when it was last shared under the agreement and when next due. */
export interface SharingCadence {
  lastSharedOn?: string;
  nextDueOn?: string;
  /** The due dates the scheduler found missed. */
  overdueDueOns: string[];
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
  sharingIntervalDays?: SharingIntervals;
}

// Commands

export type SignAgreement = Command<'SignAgreement', { agreementId: string; partnerId: string } & AgreementTerms>;
/** Scheduler: renewal of `version` falls due (its notice period began). */
export type MarkAgreementExpiring = Command<'MarkAgreementExpiring', { agreementId: string; version: number }>;
/** Scheduler: the meeting due on `dueOn` was not held by the end of that day. */
export type MarkPartnerMeetingOverdue = Command<'MarkPartnerMeetingOverdue', { agreementId: string; dueOn: string }>;
/** The minutes of a meeting under this agreement were recorded: the next one falls due an interval later. */
export type NotePartnerMeetingHeld = Command<'NotePartnerMeetingHeld', { agreementId: string; meetingId: string; heldOn: string }>;
/** Information of `kind` was shared with the partner under this agreement: the next sharing falls due an interval later. */
export type NoteInformationShared = Command<'NoteInformationShared', { agreementId: string; kind: SharedInformationKind; sharedOn: string }>;
/** Scheduler: no information of `kind` was shared by the end of `dueOn`. */
export type MarkInformationSharingOverdue = Command<'MarkInformationSharingOverdue', { agreementId: string; kind: SharedInformationKind; dueOn: string }>;
export type AgreementCommand =
  | SignAgreement
  | MarkAgreementExpiring
  | MarkPartnerMeetingOverdue
  | NotePartnerMeetingHeld
  | NoteInformationShared
  | MarkInformationSharingOverdue;

// Events

export type AgreementSigned = {
  type: 'AgreementSigned';
  data: {
    agreementId: string;
    partnerId: string;
    nextMeetingDueOn: string;
    /** Per kind with a cadence in this version, the day a sharing is next due. */
    nextSharingDueOn?: Partial<Record<SharedInformationKind, string>>;
    signedBy: string;
    signedAt: string;
  } & AgreementVersion;
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
export type AgreementInformationShared = {
  type: 'AgreementInformationShared';
  data: { agreementId: string; partnerId: string; kind: SharedInformationKind; sharedOn: string; nextDueOn?: string };
};
export type InformationSharingOverdue = {
  type: 'InformationSharingOverdue';
  data: { agreementId: string; partnerId: string; kind: SharedInformationKind; dueOn: string; markedAt: string };
};
export type AgreementEvent =
  | AgreementSigned
  | AgreementExpiring
  | PartnerMeetingOverdue
  | PartnerMeetingHeld
  | AgreementInformationShared
  | InformationSharingOverdue;

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
  /** Per kind of information shared or with a cadence (六(三)3). */
  sharing: Partial<Record<SharedInformationKind, SharingCadence>>;
}
export type AgreementState = Agreement | null;

export const agreement: Decider<AgreementCommand, AgreementEvent, AgreementState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'AgreementSigned': {
        const { agreementId, partnerId, nextMeetingDueOn, nextSharingDueOn, signedBy: _b, signedAt: _a, ...current } = event.data;
        const sharing = withSharingDue(state?.sharing ?? {}, nextSharingDueOn ?? {});
        if (!state) {
          return { agreementId, partnerId, current, startedOn: current.validFrom, nextMeetingDueOn, meetingIds: [], overdueDueOns: [], warnedVersions: [], sharing };
        }
        return { ...state, current, nextMeetingDueOn, sharing };
      }
      case 'AgreementInformationShared': {
        if (!state) return state;
        const { kind, sharedOn, nextDueOn } = event.data;
        const cadence = state.sharing[kind] ?? { overdueDueOns: [] };
        const { nextDueOn: _previous, ...kept } = cadence;
        return { ...state, sharing: { ...state.sharing, [kind]: { ...kept, lastSharedOn: sharedOn, ...(nextDueOn ? { nextDueOn } : {}) } } };
      }
      case 'InformationSharingOverdue': {
        if (!state) return state;
        const { kind, dueOn } = event.data;
        const cadence = state.sharing[kind] ?? { overdueDueOns: [] };
        return { ...state, sharing: { ...state.sharing, [kind]: { ...cadence, overdueDueOns: [...cadence.overdueDueOns, dueOn] } } };
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
      case 'NoteInformationShared': {
        const { kind } = command.data;
        const sharedOn = ensureDate(command.data.sharedOn, 'The day the information was shared');
        const last = state.sharing[kind]?.lastSharedOn;
        // Shared on or before a sharing already noted: nothing moves (a retried note appends nothing).
        if (last && last >= sharedOn) return [];
        const interval = state.current.sharingIntervalDays?.[kind];
        const nextDueOn = interval ? addDays(sharedOn, interval) : undefined;
        return [{ type: 'AgreementInformationShared', data: { agreementId, partnerId, kind, sharedOn, ...(nextDueOn ? { nextDueOn } : {}) } }];
      }
      case 'MarkInformationSharingOverdue': {
        const { kind, dueOn } = command.data;
        const cadence = state.sharing[kind];
        // A sharing since moved the due date; an agreement that ended owes no sharing.
        if (!cadence || dueOn !== cadence.nextDueOn || cadence.overdueDueOns.includes(dueOn) || dueOn > state.current.validTo) return [];
        return [{ type: 'InformationSharingOverdue', data: { agreementId, partnerId, kind, dueOn, markedAt: at } }];
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

/** Whether information of a kind is overdue: its due date passed without a sharing. */
export function sharingOverdue(cadence: SharingCadence | undefined): boolean {
  return !!cadence?.nextDueOn && cadence.overdueDueOns.includes(cadence.nextDueOn);
}

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
  // Each kind's cadence counts from its last sharing under the agreement, or from when the cooperation began.
  const nextSharingDueOn: Partial<Record<SharedInformationKind, string>> = {};
  for (const [kind, days] of Object.entries(version.sharingIntervalDays ?? {}) as Array<[SharedInformationKind, number]>) {
    nextSharingDueOn[kind] = addDays(state?.sharing[kind]?.lastSharedOn ?? state?.startedOn ?? version.validFrom, days);
  }
  return {
    type: 'AgreementSigned',
    data: {
      agreementId: data.agreementId,
      partnerId: data.partnerId,
      ...version,
      nextMeetingDueOn,
      ...(version.sharingIntervalDays ? { nextSharingDueOn } : {}),
      signedBy: metadata.actor.userId,
      signedAt: metadata.at,
    },
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
  const sharingIntervalDays = sharingIntervals(data.sharingIntervalDays);
  return {
    rights,
    duties,
    scope,
    serviceStandards,
    communicationChannels,
    validFrom,
    validTo,
    meetingIntervalDays,
    renewalNoticeDays,
    ...(sharingIntervalDays ? { sharingIntervalDays } : {}),
  };
}

/** How often each kind of information is shared (六(三)3 及時): 1 to 366 days, per known kind. */
function sharingIntervals(given: SharingIntervals | undefined): SharingIntervals | undefined {
  if (given === undefined) return undefined;
  const kept: SharingIntervals = {};
  for (const [kind, days] of Object.entries(given)) {
    if (!(SHARED_INFORMATION_KINDS as readonly string[]).includes(kind)) {
      throw new RuleViolation('unknown-information-kind', `"${kind}" is not a kind of information (${SHARED_INFORMATION_KINDS.join(', ')})`);
    }
    kept[kind as SharedInformationKind] = ensureWholeNumber(
      days as number,
      1,
      MAX_INTERVAL_DAYS,
      'invalid-sharing-interval',
      `${kind} information is shared every 1 to ${MAX_INTERVAL_DAYS} days (六(三)3), not every ${days}`,
    );
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** The state's sharing after a signing: each kind with a cadence gets its due date; a kind whose cadence was dropped keeps only its last sharing. */
function withSharingDue(
  sharing: Partial<Record<SharedInformationKind, SharingCadence>>,
  due: Partial<Record<SharedInformationKind, string>>,
): Partial<Record<SharedInformationKind, SharingCadence>> {
  const next: Partial<Record<SharedInformationKind, SharingCadence>> = {};
  for (const kind of SHARED_INFORMATION_KINDS) {
    const { nextDueOn: _previous, ...kept } = sharing[kind] ?? { overdueDueOns: [] };
    if (due[kind]) next[kind] = { ...kept, nextDueOn: due[kind] };
    else if (sharing[kind]) next[kind] = kept;
  }
  return next;
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
