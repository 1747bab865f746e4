import { EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionDefinition, ProjectionTables } from '@serviceledger/platform/read-models';
import { DemandEvent } from '@serviceledger/intake/domain';
import { DemandDepartmentRow, DemandMessageRow, DemandRow, TimelineEntryRow, TimelineVisibility } from './demand-rows';

export const DEMANDS_PROJECTION = 'intake.demands';

const text = { type: 'text' as const, nullable: true };
const str = { type: String, nullable: true };

/** Demands for lists, detail and queues; their timelines; the message ids that thread e-mail. */
export const demandsProjection: ProjectionDefinition = {
  name: DEMANDS_PROJECTION,
  // 2: a reassignment or a new meeting takes the demand away from departments no longer involved.
  version: 2,
  filter: { streamPrefixes: ['intake.demand-'] },
  tables: {
    demand: {
      columns: {
        demandId: { type: String, primary: true, name: 'demand_id' },
        reference: { type: String, unique: true },
        customerId: { type: String, name: 'customer_id' },
        channel: { type: String },
        subChannel: { ...str, name: 'sub_channel' },
        kind: { type: String },
        subject: { type: 'text' },
        description: { type: 'text' },
        businessCategory: { ...str, name: 'business_category' },
        impact: { type: Number },
        urgency: { type: Number },
        priority: { type: String },
        complexity: { ...str },
        status: { type: String },
        departmentId: { ...str, name: 'department_id' },
        ownerId: { ...str, name: 'owner_id' },
        leadDepartmentId: { ...str, name: 'lead_department_id' },
        contactName: { type: String, name: 'contact_name' },
        contactPhone: { ...str, name: 'contact_phone' },
        contactEmail: { ...str, name: 'contact_email' },
        emailMessageId: { ...text, name: 'email_message_id' },
        waitingSince: { ...str, name: 'waiting_since' },
        waitingOnThirdPartySince: { ...str, name: 'waiting_on_third_party_since' },
        waitingOnThirdParty: { ...text, name: 'waiting_on_third_party' },
        registeredAt: { type: String, name: 'registered_at' },
        firstResponseAt: { ...str, name: 'first_response_at' },
        resolvedAt: { ...str, name: 'resolved_at' },
        closedAt: { ...str, name: 'closed_at' },
        complaintDueAt: { ...str, name: 'complaint_due_at' },
        complaintResolvedAt: { ...str, name: 'complaint_resolved_at' },
        complaintWithinPromise: { type: Boolean, nullable: true, name: 'complaint_within_promise' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [
        { columns: ['status'] },
        { columns: ['customerId'] },
        { columns: ['departmentId', 'status'] },
        { columns: ['registeredAt'] },
        { columns: ['complaintDueAt'] },
      ],
    },
    department: {
      columns: {
        demandId: { type: String, primary: true, name: 'demand_id' },
        departmentId: { type: String, primary: true, name: 'department_id' },
        assigned: { type: Boolean, default: false },
        coordinating: { type: Boolean, default: false },
      },
      indices: [{ columns: ['departmentId'] }],
    },
    timeline: {
      columns: {
        demandId: { type: String, primary: true, name: 'demand_id' },
        position: { type: Number, primary: true },
        at: { type: String },
        entry: { type: String },
        visibility: { type: String },
        actorId: { type: String, name: 'actor_id' },
        details: { type: 'text' },
      },
    },
    message: {
      columns: {
        messageId: { type: String, primary: true, name: 'message_id' },
        demandId: { type: String, name: 'demand_id' },
      },
    },
  },
  async apply(events, tables) {
    for (const event of events) await applyEvent(event as EventEnvelope & DemandEvent, tables);
  },
};

const NOT_WAITING = { waitingSince: null, waitingOnThirdPartySince: null, waitingOnThirdParty: null } satisfies Partial<DemandRow>;

async function applyEvent(event: EventEnvelope & DemandEvent, tables: ProjectionTables): Promise<void> {
  const demands = tables.repository<DemandRow>('demand');
  const id = event.data.demandId;
  const update = (changes: Partial<DemandRow>) => demands.update({ demandId: id }, { ...changes, updatedAt: event.occurredAt });
  const departments = tables.repository<DemandDepartmentRow>('department');
  /** Scoping follows the decider's `departmentsOf`: the assigned department and those at the last meeting. */
  const involve = async (departmentId: string, as: Partial<Pick<DemandDepartmentRow, 'assigned' | 'coordinating'>>) => {
    const current = await departments.findOneBy({ demandId: id, departmentId });
    await departments.upsert(
      { demandId: id, departmentId, assigned: current?.assigned ?? false, coordinating: current?.coordinating ?? false, ...as },
      ['demandId', 'departmentId'],
    );
  };
  const prune = () => departments.delete({ demandId: id, assigned: false, coordinating: false });
  const thread = (messageId: string | undefined) =>
    messageId ? tables.repository<DemandMessageRow>('message').upsert({ messageId, demandId: id }, ['messageId']) : undefined;

  switch (event.type) {
    case 'DemandRegistered': {
      const d = event.data;
      await demands.upsert(
        {
          demandId: id,
          reference: d.reference,
          customerId: d.customerId,
          channel: d.channel,
          subChannel: d.subChannel ?? null,
          kind: d.kind,
          subject: d.subject,
          description: d.description,
          businessCategory: d.businessCategory ?? null,
          impact: d.impact,
          urgency: d.urgency,
          priority: d.priority,
          complexity: null,
          status: 'registered',
          departmentId: null,
          ownerId: null,
          leadDepartmentId: null,
          contactName: d.contact.name,
          contactPhone: d.contact.phone ?? null,
          contactEmail: d.contact.email ?? null,
          emailMessageId: d.emailMessageId ?? null,
          waitingSince: null,
          waitingOnThirdPartySince: null,
          waitingOnThirdParty: null,
          registeredAt: d.registeredAt,
          firstResponseAt: null,
          resolvedAt: null,
          closedAt: null,
          complaintDueAt: null,
          complaintResolvedAt: null,
          complaintWithinPromise: null,
          updatedAt: event.occurredAt,
        },
        ['demandId'],
      );
      await thread(d.emailMessageId);
      break;
    }
    case 'ComplaintRegistered':
      await update({ complaintDueAt: event.data.dueAt });
      break;
    case 'DemandTriaged':
      await update({
        status: 'triaged',
        complexity: event.data.complexity,
        priority: event.data.priority,
        businessCategory: event.data.businessCategory,
      });
      break;
    case 'DemandReclassified':
      await update({ kind: event.data.kind });
      break;
    case 'DemandAssigned':
      await update({ status: 'assigned', departmentId: event.data.departmentId, ownerId: event.data.ownerId });
      await involve(event.data.departmentId, { assigned: true });
      break;
    case 'DemandReassigned':
      await update({ departmentId: event.data.to.departmentId, ownerId: event.data.to.ownerId });
      await departments.update({ demandId: id, departmentId: event.data.from.departmentId }, { assigned: false });
      await involve(event.data.to.departmentId, { assigned: true });
      await prune();
      break;
    case 'CoordinationMeetingConvened':
      await update({ status: 'coordinating' });
      await departments.update({ demandId: id }, { coordinating: false });
      for (const p of event.data.participants) await involve(p.departmentId, { coordinating: true });
      await prune();
      break;
    case 'CoordinationRecorded':
      await update({ status: 'coordinated', leadDepartmentId: event.data.leadDepartmentId });
      for (const r of event.data.responsibilities) await involve(r.departmentId, { coordinating: true });
      break;
    case 'DemandReleasedToDelivery':
      await update({ status: 'in-delivery' });
      break;
    case 'CustomerReplySent': {
      const current = await demands.findOneBy({ demandId: id });
      if (current && !current.firstResponseAt) await update({ firstResponseAt: event.data.sentAt });
      await thread(event.data.messageId);
      break;
    }
    case 'CustomerMessageReceived':
      await thread(event.data.messageId);
      break;
    case 'DemandWaitingOnCustomer':
      await update({ waitingSince: event.data.since });
      break;
    case 'DemandWaitingOnThirdParty':
      await update({ waitingOnThirdPartySince: event.data.since, waitingOnThirdParty: event.data.party });
      break;
    case 'DemandResumed': {
      if (event.data.waitedOn === 'third-party') {
        await update(NOT_WAITING);
        break;
      }
      // As the decider does: a wait on the customer moves the complaint's promised time on (C-2.3).
      const current = await demands.findOneBy({ demandId: id });
      const waited = Date.parse(event.data.resumedAt) - Date.parse(event.data.waitingSince);
      const due = current?.complaintDueAt ? new Date(Date.parse(current.complaintDueAt) + waited).toISOString() : null;
      await update({ ...NOT_WAITING, ...(due ? { complaintDueAt: due } : {}) });
      break;
    }
    case 'DemandResolved':
      await update({ status: 'resolved', resolvedAt: event.data.resolvedAt, ...NOT_WAITING });
      break;
    case 'ComplaintResolved':
      await update({ complaintResolvedAt: event.data.resolvedAt, complaintWithinPromise: event.data.withinPromise });
      break;
    case 'DemandClosed':
      await update({ status: 'closed', closedAt: event.occurredAt });
      break;
    case 'DemandWithdrawn':
      await update({ status: 'withdrawn', closedAt: event.occurredAt, ...NOT_WAITING });
      break;
    case 'InternalNoteAdded':
    case 'ComplaintHandlingStepRecorded':
    case 'ComplaintResultCommunicated':
      break;
  }
  await tables.repository<TimelineEntryRow>('timeline').upsert(timelineEntry(event), ['demandId', 'position']);
}

const CUSTOMER_VISIBLE = new Set<string>(['DemandRegistered', 'CustomerReplySent', 'CustomerMessageReceived', 'DemandResolved', 'DemandClosed', 'DemandWithdrawn', 'ComplaintResultCommunicated']);

/** Every event is a timeline entry: the customer's view shows only the ones marked for them. */
function timelineEntry(event: EventEnvelope & DemandEvent): TimelineEntryRow {
  const visibility: TimelineVisibility = CUSTOMER_VISIBLE.has(event.type) ? 'customer' : 'internal';
  const { demandId: _demandId, ...details } = event.data as { demandId: string } & Record<string, unknown>;
  if (event.type === 'DemandRegistered') delete details.contact;
  return {
    demandId: event.data.demandId,
    position: event.streamPosition,
    at: event.occurredAt,
    entry: event.type,
    visibility,
    actorId: event.metadata.actor.userId,
    details: JSON.stringify(details),
  };
}
