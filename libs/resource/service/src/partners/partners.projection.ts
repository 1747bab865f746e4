import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionTables, TableSpec, aggregateStatesTable, foldEvent, namedIn } from '@serviceledger/platform/read-models';
import {
  AgreementEvent,
  InformationShared,
  PartnerEvent,
  PartnerMeetingEvent,
  agreement,
  agreements,
  informationSharingLogs,
  sharingOverdue,
  partner,
  partnerMeeting,
  partnerMeetings,
  partners,
} from '@serviceledger/resource/domain';

export const PARTNERS_PROJECTION = 'resource-partners';

/** A partner: the decider's state (JSON, with its contacts) and the columns its list uses. */
export interface PartnerRow {
  partnerId: string;
  name: string;
  kind: string;
  departmentId: string;
  state: string;
  updatedAt: string;
}

/** An agreement: the decider's state (JSON) and the columns its filters use, both pure functions of that state. */
export interface AgreementRow {
  agreementId: string;
  partnerId: string;
  version: number;
  validFrom: string;
  validTo: string;
  nextMeetingDueOn: string;
  /** No meeting was held by `nextMeetingDueOn` (the scheduler marked it). */
  meetingOverdue: boolean;
  /** The version in force reached its renewal notice. */
  renewalDue: boolean;
  /** A kind of information was not shared by its due date (the scheduler marked it). */
  sharingOverdue: boolean;
  state: string;
  updatedAt: string;
}

/** Each signed version with its full terms: the history an agreement keeps (the decider needs only the one in force). */
export interface AgreementVersionRow {
  agreementId: string;
  version: number;
  terms: string;
  signedBy: string;
  signedAt: string;
}

/** The minutes of a meeting with a partner (the event's own; the decider keeps only the actions' state). */
export interface PartnerMeetingRow {
  meetingId: string;
  agreementId: string;
  partnerId: string;
  heldAt: string;
  minutes: string;
  /** The actions with whether each is done (JSON). */
  actions: string;
  recordedBy: string;
}

/** One entry of a partner's information-sharing log: the log is append-only, its rows are its events. */
export interface SharedInformationRow {
  sharingId: string;
  partnerId: string;
  kind: string;
  subject: string;
  summary: string;
  channel: string;
  sharedAt: string;
  sharedBy: string;
  agreementId: string | null;
  /** The area of cooperation it serves (technology, market), when named. */
  cooperationArea: string | null;
}

const key = (name: string) => ({ type: String, primary: true, name });
const text = { type: 'text' as const };

/** Partners, their agreements (with each version), meetings and what was shared with them (C-3.1, C-3.2). */
export const partnersProjection: ProjectionDefinition = {
  name: PARTNERS_PROJECTION,
  version: 2,
  filter: { streamPrefixes: [partners.streamPrefix, agreements.streamPrefix, partnerMeetings.streamPrefix, informationSharingLogs.streamPrefix] },
  tables: {
    partner: {
      columns: {
        partnerId: key('partner_id'),
        name: { ...text },
        kind: { type: String },
        departmentId: { type: String, name: 'department_id' },
        state: { ...text },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['kind'] }],
    } satisfies TableSpec<PartnerRow>,
    agreement: {
      columns: {
        agreementId: key('agreement_id'),
        partnerId: { type: String, name: 'partner_id' },
        version: { type: Number },
        validFrom: { type: String, name: 'valid_from' },
        validTo: { type: String, name: 'valid_to' },
        nextMeetingDueOn: { type: String, name: 'next_meeting_due_on' },
        meetingOverdue: { type: Boolean, name: 'meeting_overdue' },
        renewalDue: { type: Boolean, name: 'renewal_due' },
        sharingOverdue: { type: Boolean, name: 'sharing_overdue' },
        state: { ...text },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['partnerId'] }, { columns: ['meetingOverdue'] }, { columns: ['sharingOverdue'] }, { columns: ['validTo'] }],
    } satisfies TableSpec<AgreementRow>,
    agreement_version: {
      columns: {
        agreementId: key('agreement_id'),
        version: { type: Number, primary: true },
        terms: { ...text },
        signedBy: { type: String, name: 'signed_by' },
        signedAt: { type: String, name: 'signed_at' },
      },
    } satisfies TableSpec<AgreementVersionRow>,
    meeting: {
      columns: {
        meetingId: key('meeting_id'),
        agreementId: { type: String, name: 'agreement_id' },
        partnerId: { type: String, name: 'partner_id' },
        heldAt: { type: String, name: 'held_at' },
        minutes: { ...text },
        actions: { ...text },
        recordedBy: { type: String, name: 'recorded_by' },
      },
      indices: [{ columns: ['agreementId', 'heldAt'] }],
    } satisfies TableSpec<PartnerMeetingRow>,
    shared_information: {
      columns: {
        sharingId: key('sharing_id'),
        partnerId: { type: String, name: 'partner_id' },
        kind: { type: String },
        subject: { ...text },
        summary: { ...text },
        channel: { type: String },
        sharedAt: { type: String, name: 'shared_at' },
        sharedBy: { type: String, name: 'shared_by' },
        agreementId: { type: String, name: 'agreement_id', nullable: true },
        cooperationArea: { type: String, name: 'cooperation_area', nullable: true },
      },
      indices: [{ columns: ['partnerId', 'sharedAt'] }],
    } satisfies TableSpec<SharedInformationRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    await tables.table<PartnerMeetingRow>('meeting').load(namedIn(events, 'meetingId'));
    for (const event of events) {
      if (event.stream.startsWith(partners.streamPrefix)) await applyPartner(event as EventEnvelope & PartnerEvent, tables);
      else if (event.stream.startsWith(agreements.streamPrefix)) await applyAgreement(event as EventEnvelope & AgreementEvent, tables);
      else if (event.stream.startsWith(partnerMeetings.streamPrefix)) await applyMeeting(event as EventEnvelope & PartnerMeetingEvent, tables);
      else await applySharing(event as EventEnvelope & InformationShared, tables);
    }
  },
};

async function applyPartner(event: EventEnvelope & PartnerEvent, tables: ProjectionTables): Promise<void> {
  const after = (await foldEvent(tables, event, partner))?.after;
  if (!after) return;
  const { partnerId, name, kind, departmentId } = after;
  tables.table<PartnerRow>('partner').upsert({ partnerId, name, kind, departmentId, state: JSON.stringify(after), updatedAt: event.occurredAt });
}

async function applyAgreement(event: EventEnvelope & AgreementEvent, tables: ProjectionTables): Promise<void> {
  const after = (await foldEvent(tables, event, agreement))?.after;
  if (!after) return;
  const { agreementId, partnerId, current, nextMeetingDueOn } = after;
  tables.table<AgreementRow>('agreement').upsert({
    agreementId,
    partnerId,
    version: current.version,
    validFrom: current.validFrom,
    validTo: current.validTo,
    nextMeetingDueOn,
    meetingOverdue: after.overdueDueOns.includes(nextMeetingDueOn),
    renewalDue: after.warnedVersions.includes(current.version),
    sharingOverdue: Object.values(after.sharing).some(sharingOverdue),
    state: JSON.stringify(after),
    updatedAt: event.occurredAt,
  });
  if (event.type === 'AgreementSigned') {
    const { signedBy, signedAt } = event.data;
    tables.table<AgreementVersionRow>('agreement_version').upsert({ agreementId, version: current.version, terms: JSON.stringify(current), signedBy, signedAt });
  }
}

async function applyMeeting(event: EventEnvelope & PartnerMeetingEvent, tables: ProjectionTables): Promise<void> {
  const after = (await foldEvent(tables, event, partnerMeeting))?.after;
  if (!after) return;
  const meetings = tables.table<PartnerMeetingRow>('meeting');
  if (event.type === 'PartnerMeetingRecorded') {
    const { meetingId, agreementId, partnerId, heldAt, recordedBy, actions: _actions, ...minutes } = event.data;
    meetings.upsert({ meetingId, agreementId, partnerId, heldAt, minutes: JSON.stringify(minutes), actions: JSON.stringify(after.actions), recordedBy });
    return;
  }
  // The decider keeps whether an action is done; the row keeps its outcome too, as the completion said it.
  const row = await meetings.get({ meetingId: after.meetingId });
  if (!row) throw new Error(`Partner meeting ${after.meetingId} has no row to complete an action in`);
  const { actionNumber, outcome, late, completedBy, completedAt } = event.data;
  const completions = new Map((JSON.parse(row.actions) as MeetingActionView[]).map((a) => [a.actionNumber, a]));
  const actions: MeetingActionView[] = after.actions.map((a) =>
    a.actionNumber === actionNumber ? { ...a, outcome, late, completedBy, completedAt } : { ...completions.get(a.actionNumber), ...a },
  );
  await meetings.update({ meetingId: after.meetingId }, { actions: JSON.stringify(actions) });
}

/** An action as the minutes list it: the decider's, with how it was completed. */
export interface MeetingActionView {
  actionNumber: number;
  description: string;
  ownerId: string;
  dueOn: string;
  cooperationArea?: string;
  done: boolean;
  outcome?: string;
  late?: boolean;
  completedBy?: string;
  completedAt?: string;
}

async function applySharing(event: EventEnvelope & InformationShared, tables: ProjectionTables): Promise<void> {
  const { sharingId, partnerId, kind, subject, summary, channel, sharedAt, sharedBy } = event.data;
  const agreementId = event.data.agreementId ?? null;
  const cooperationArea = event.data.cooperationArea ?? null;
  tables.table<SharedInformationRow>('shared_information').upsert({ sharingId, partnerId, kind, subject, summary, channel, sharedAt, sharedBy, agreementId, cooperationArea });
}
