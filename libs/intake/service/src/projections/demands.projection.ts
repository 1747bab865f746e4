import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionTables, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { Demand, DemandEvent, demand } from '@serviceledger/intake/domain';
import { DemandDepartmentRow, DemandMessageRow, DemandRow, TimelineEntryRow, TimelineVisibility } from './demand-rows';

export const DEMANDS_PROJECTION = 'intake.demands';

const text = { type: 'text' as const, nullable: true };
const str = { type: String, nullable: true };

/** Demands for lists, detail and queues; their timelines; the message ids that thread e-mail. */
export const demandsProjection: ProjectionDefinition = {
  name: DEMANDS_PROJECTION,
  // 3: rows fold the decider's state, so a re-triage keeps the status the decider keeps.
  version: 3,
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
    } satisfies TableSpec<DemandRow>,
    department: {
      columns: {
        demandId: { type: String, primary: true, name: 'demand_id' },
        departmentId: { type: String, primary: true, name: 'department_id' },
        assigned: { type: Boolean, default: false },
        coordinating: { type: Boolean, default: false },
      },
      indices: [{ columns: ['departmentId'] }],
    } satisfies TableSpec<DemandDepartmentRow>,
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
    } satisfies TableSpec<TimelineEntryRow>,
    message: {
      columns: {
        messageId: { type: String, primary: true, name: 'message_id' },
        demandId: { type: String, name: 'demand_id' },
      },
    } satisfies TableSpec<DemandMessageRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events as Array<EventEnvelope & DemandEvent>) {
      const folded = await foldEvent(tables, event, demand);
      if (!folded?.after) continue;
      const { before, after } = folded;
      const rows = tables.repository<DemandRow>('demand');
      const previous = await rows.findOneBy({ demandId: after.demandId });
      await rows.upsert({ ...recorded(event, previous), ...demandColumns(after), updatedAt: event.occurredAt }, ['demandId']);
      await involveDepartments(after, tables);
      await threadMessages(before, after, tables);
      await tables.repository<TimelineEntryRow>('timeline').upsert(timelineEntry(event), ['demandId', 'position']);
    }
  },
};

/** The row as the decider's state has it. */
function demandColumns(state: Demand): Omit<DemandRow, RecordedColumn | 'updatedAt'> {
  return {
    demandId: state.demandId,
    reference: state.reference,
    customerId: state.customerId,
    channel: state.channel,
    kind: state.kind,
    subject: state.subject,
    description: state.description,
    businessCategory: state.businessCategory ?? null,
    impact: state.impact,
    urgency: state.urgency,
    priority: state.priority,
    complexity: state.complexity ?? null,
    status: state.status,
    departmentId: state.assignment?.departmentId ?? null,
    ownerId: state.assignment?.ownerId ?? null,
    leadDepartmentId: state.leadDepartmentId ?? null,
    waitingSince: state.waitingOnCustomerSince ?? null,
    waitingOnThirdPartySince: state.waitingOnThirdParty?.since ?? null,
    waitingOnThirdParty: state.waitingOnThirdParty?.party ?? null,
    complaintDueAt: state.complaint?.promise.dueAt ?? null,
  };
}

type RecordedColumn =
  | 'subChannel'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'emailMessageId'
  | 'registeredAt'
  | 'firstResponseAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'complaintResolvedAt'
  | 'complaintWithinPromise';

/** The decider keeps no contact details nor when things happened (no decision needs them): the events say. */
function recorded(event: EventEnvelope & DemandEvent, previous: DemandRow | null): Pick<DemandRow, RecordedColumn> {
  if (event.type === 'DemandRegistered') {
    const d = event.data;
    return {
      subChannel: d.subChannel ?? null,
      contactName: d.contact.name,
      contactPhone: d.contact.phone ?? null,
      contactEmail: d.contact.email ?? null,
      emailMessageId: d.emailMessageId ?? null,
      registeredAt: d.registeredAt,
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      complaintResolvedAt: null,
      complaintWithinPromise: null,
    };
  }
  const kept = previous as DemandRow;
  switch (event.type) {
    case 'CustomerReplySent':
      return { ...kept, firstResponseAt: kept.firstResponseAt ?? event.data.sentAt };
    case 'DemandResolved':
      return { ...kept, resolvedAt: event.data.resolvedAt };
    case 'ComplaintResolved':
      return { ...kept, complaintResolvedAt: event.data.resolvedAt, complaintWithinPromise: event.data.withinPromise };
    case 'DemandClosed':
    case 'DemandWithdrawn':
      return { ...kept, closedAt: event.occurredAt };
    default:
      return kept;
  }
}

/** Who may see the demand, as the decider has it: the department it is assigned to and those at its last meeting. */
async function involveDepartments(state: Demand, tables: ProjectionTables): Promise<void> {
  const departments = tables.repository<DemandDepartmentRow>('department');
  const involved = new Map<string, DemandDepartmentRow>();
  const involve = (departmentId: string, as: 'assigned' | 'coordinating') => {
    const row = involved.get(departmentId) ?? { demandId: state.demandId, departmentId, assigned: false, coordinating: false };
    involved.set(departmentId, { ...row, [as]: true });
  };
  if (state.assignment) involve(state.assignment.departmentId, 'assigned');
  for (const departmentId of state.meeting?.departmentIds ?? []) involve(departmentId, 'coordinating');
  const current = await departments.findBy({ demandId: state.demandId });
  const unchanged = (row: DemandDepartmentRow) => {
    const wanted = involved.get(row.departmentId);
    return wanted?.assigned === row.assigned && wanted.coordinating === row.coordinating;
  };
  if (current.length === involved.size && current.every(unchanged)) return;
  await departments.delete({ demandId: state.demandId });
  if (involved.size) await departments.insert([...involved.values()]);
}

/** The Message-IDs on the demand's conversation, to thread e-mail replies onto it. */
async function threadMessages(before: Demand | null, after: Demand, tables: ProjectionTables): Promise<void> {
  const added = after.messageIds.filter((messageId) => !before?.messageIds.includes(messageId));
  for (const messageId of added) {
    await tables.repository<DemandMessageRow>('message').upsert({ messageId, demandId: after.demandId }, ['messageId']);
  }
}

const CUSTOMER_VISIBLE = new Set<string>(['DemandRegistered', 'CustomerReplySent', 'CustomerMessageReceived', 'DemandResolved', 'DemandClosed', 'DemandWithdrawn', 'ComplaintResultCommunicated']);

/** Every event is a timeline entry (the history, not the state): the customer's view shows only the ones marked for them. */
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
