import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionTables, TableSpec, aggregateStatesTable, foldEvent, namedIn } from '@serviceledger/platform/read-models';
import { Demand, DemandEvent, DemandRegistered, demand } from '@serviceledger/intake/domain';
import { CUSTOMER_STREAM_PREFIX, appliedCustomerEvent } from './contact-erasure';
import { DemandDepartmentRow, DemandMessageRow, DemandRow, TimelineEntryRow, TimelineVisibility } from './demand-rows';

export const DEMANDS_PROJECTION = 'intake.demands';

const text = { type: 'text' as const, nullable: true };
const str = { type: String, nullable: true };

/** Demands for lists, detail and queues; their timelines; the message ids that thread e-mail. */
export const demandsProjection: ProjectionDefinition = {
  name: DEMANDS_PROJECTION,
  // 4: the departments triage names (P-2.2) and the promised result of a complaint (C-2.3). 5: when it was received (二(一)2).
  version: 5,
  filter: { streamPrefixes: ['intake.demand-', CUSTOMER_STREAM_PREFIX] },
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
        departmentsNamedBy: { ...str, name: 'departments_named_by' },
        contactName: { type: String, name: 'contact_name' },
        contactPhone: { ...str, name: 'contact_phone' },
        contactEmail: { ...str, name: 'contact_email' },
        emailMessageId: { ...text, name: 'email_message_id' },
        senderNotVerified: { type: Boolean, default: false, name: 'sender_not_verified' },
        waitingSince: { ...str, name: 'waiting_since' },
        waitingOnThirdPartySince: { ...str, name: 'waiting_on_third_party_since' },
        waitingOnThirdParty: { ...text, name: 'waiting_on_third_party' },
        receivedAt: { type: String, name: 'received_at' },
        registeredAt: { type: String, name: 'registered_at' },
        firstResponseAt: { ...str, name: 'first_response_at' },
        resolvedAt: { ...str, name: 'resolved_at' },
        closedAt: { ...str, name: 'closed_at' },
        complaintDueAt: { ...str, name: 'complaint_due_at' },
        complaintResolvedAt: { ...str, name: 'complaint_resolved_at' },
        complaintWithinPromise: { type: Boolean, nullable: true, name: 'complaint_within_promise' },
        complaintPromisedResult: { ...text, name: 'complaint_promised_result' },
        complaintPromisedResultDelivered: { type: Boolean, nullable: true, name: 'complaint_promised_result_delivered' },
        complaintPromisedResultNote: { ...text, name: 'complaint_promised_result_note' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [
        { columns: ['status'] },
        { columns: ['customerId'] },
        { columns: ['departmentId', 'status'] },
        // The list's default order (newest first, ties by id in the same direction): a page reads its rows off this index.
        { columns: ['registeredAt', 'demandId'] },
        // The same within a status (the queues' open demands, the resolved ones): a page reads off it, sorting nothing.
        { columns: ['status', 'registeredAt', 'demandId'] },
        { columns: ['complaintDueAt'] },
      ],
    } satisfies TableSpec<DemandRow>,
    department: {
      columns: {
        demandId: { type: String, primary: true, name: 'demand_id' },
        departmentId: { type: String, primary: true, name: 'department_id' },
        assigned: { type: Boolean, default: false },
        coordinating: { type: Boolean, default: false },
        involved: { type: Boolean, default: false },
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
    await tables.table<DemandRow>('demand').load(namedIn(events, 'demandId'));
    for (const event of events as Array<EventEnvelope & DemandEvent>) {
      if (await appliedCustomerEvent(event, tables)) continue;
      const folded = await foldEvent(tables, event, demand);
      if (!folded?.after) continue;
      const { before, after } = folded;
      const rows = tables.table<DemandRow>('demand');
      const columns = { ...demandColumns(after), updatedAt: event.occurredAt };
      if (event.type === 'DemandRegistered') rows.upsert({ ...registration(event), ...columns });
      else await rows.update({ demandId: after.demandId }, { ...recorded(event, after.firstResponseSent && !before?.firstResponseSent), ...columns });
      await involveDepartments(before, after, tables);
      await threadMessages(before, after, tables);
      tables.table<TimelineEntryRow>('timeline').upsert(timelineEntry(event));
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
    departmentsNamedBy: state.involvement?.namedBy ?? null,
    waitingSince: state.waitingOnCustomerSince ?? null,
    waitingOnThirdPartySince: state.waitingOnThirdParty?.since ?? null,
    waitingOnThirdParty: state.waitingOnThirdParty?.party ?? null,
    complaintDueAt: state.complaint?.promise.dueAt ?? null,
    complaintPromisedResult: state.complaint?.promise.promisedResult ?? null,
    senderNotVerified: state.senderNotVerified === true,
  };
}

type RecordedColumn =
  | 'subChannel'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'emailMessageId'
  | 'receivedAt'
  | 'registeredAt'
  | 'firstResponseAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'complaintResolvedAt'
  | 'complaintWithinPromise'
  | 'complaintPromisedResultDelivered'
  | 'complaintPromisedResultNote';

/** The contact and when things happened, which the decider does not keep (no decision needs them), come from the events. */
function registration({ data }: EventEnvelope & DemandRegistered): Pick<DemandRow, RecordedColumn> {
  return {
    subChannel: data.subChannel ?? null,
    contactName: data.contact.name,
    contactPhone: data.contact.phone ?? null,
    contactEmail: data.contact.email ?? null,
    emailMessageId: data.emailMessageId ?? null,
    receivedAt: data.receivedAt ?? data.registeredAt,
    registeredAt: data.registeredAt,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    complaintResolvedAt: null,
    complaintWithinPromise: null,
    complaintPromisedResultDelivered: null,
    complaintPromisedResultNote: null,
  };
}

/** When the demand was first answered, resolved and ended, as the events that did it say. */
function recorded(event: EventEnvelope & DemandEvent, firstResponse: boolean): Partial<Pick<DemandRow, RecordedColumn>> {
  switch (event.type) {
    case 'CustomerReplySent':
      return firstResponse ? { firstResponseAt: event.data.sentAt } : {};
    case 'DemandResolved':
      return { resolvedAt: event.data.resolvedAt };
    case 'ComplaintResolved': {
      const { resolvedAt, withinPromise, promisedResultDelivered, promisedResultNote } = event.data;
      return {
        complaintResolvedAt: resolvedAt,
        complaintWithinPromise: withinPromise,
        complaintPromisedResultDelivered: promisedResultDelivered ?? null,
        complaintPromisedResultNote: promisedResultNote ?? null,
      };
    }
    case 'DemandClosed':
    case 'DemandWithdrawn':
      return { closedAt: event.occurredAt };
    default:
      return {};
  }
}

/** Who may see the demand, as the decider has it: the department it is assigned to, those triage named and those at its last meeting. */
async function involveDepartments(before: Demand | null, after: Demand, tables: ProjectionTables): Promise<void> {
  const involved = departmentsOf(after);
  if (before && JSON.stringify(departmentsOf(before)) === JSON.stringify(involved)) return;
  const departments = tables.table<DemandDepartmentRow>('department');
  // The stored rows are those of the state before: deleted by key, they need no read.
  for (const { demandId, departmentId } of before ? departmentsOf(before) : []) await departments.delete({ demandId, departmentId });
  departments.upsert(...involved);
}

function departmentsOf(state: Demand): DemandDepartmentRow[] {
  const involved = new Map<string, DemandDepartmentRow>();
  const involve = (departmentId: string, as: 'assigned' | 'coordinating' | 'involved') => {
    const row = involved.get(departmentId) ?? { demandId: state.demandId, departmentId, assigned: false, coordinating: false, involved: false };
    involved.set(departmentId, { ...row, [as]: true });
  };
  if (state.assignment) involve(state.assignment.departmentId, 'assigned');
  for (const departmentId of state.involvement?.departmentIds ?? []) involve(departmentId, 'involved');
  for (const departmentId of state.meeting?.departmentIds ?? []) involve(departmentId, 'coordinating');
  return [...involved.values()];
}

/** The Message-IDs on the demand's conversation, to thread e-mail replies onto it. */
async function threadMessages(before: Demand | null, after: Demand, tables: ProjectionTables): Promise<void> {
  const added = after.messageIds.filter((messageId) => !before?.messageIds.includes(messageId));
  for (const messageId of added) {
    tables.table<DemandMessageRow>('message').upsert({ messageId, demandId: after.demandId });
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
