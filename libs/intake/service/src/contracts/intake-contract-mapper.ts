import { EventEnvelope, deterministicUuid } from '@serviceledger/platform/core';
import { IntegrationMessage, RelayOptions, VersionedContractMapper, contractMessageFor } from '@serviceledger/platform/messaging';
import {
  COMPLAINT_REGISTERED_V1,
  COMPLAINT_REGISTERED_V3,
  COMPLAINT_RESOLVED_V1,
  COMPLAINT_RESOLVED_V2,
  CUSTOMER_ERASED_V1,
  DEMAND_ASSIGNED_V2,
  DEMAND_CLOSED_V2,
  DEMAND_COORDINATION_AGREED_V2,
  DEMAND_RECLASSIFIED_V2,
  DEMAND_REGISTERED_V2,
  DEMAND_RELEASED_TO_DELIVERY_V3,
  DEMAND_REPLY_SENT_V1,
  DEMAND_RESOLVED_V1,
  DEMAND_RESUMED_V1,
  DEMAND_TRIAGED_V1,
  DEMAND_WAITING_ON_CUSTOMER_V1,
  DEMAND_WAITING_ON_THIRD_PARTY_V1,
  DEMAND_WITHDRAWN_V2,
  INTAKE_CONTRACTS,
  INTAKE_SOURCE,
  DemandTriagedV1,
  IntakeContract,
  IntakeContractData,
  IntakeContractType,
  OpenDemandStatus,
} from '@serviceledger/intake/contracts';
import { CustomerEvent, DemandEvent, DemandStatus, DepartmentResponsibility, registeringDepartmentOf } from '@serviceledger/intake/domain';

/** Keyed and subjected by the demand id, so that a demand's events stay in order on the topic; a customer's erasure by the customer id. */
const message = contractMessageFor<IntakeContractData>({ source: INTAKE_SOURCE, keyOf: (data) => ('demandId' in data ? data.demandId : data.customerId) });

/**
 * Intake's domain events → its public contract events (DESIGN.md §4, "Integration events").
 *
 * Demand events are published, and a customer's erasure (its id and time only), so that the services
 * keeping personal data of the customer erase theirs. Everything else stays inside intake and maps to
 * nothing: the other customer events (personal data, R-3.1), triage rule books and the department registry
 * (configuration), the convening of a coordination meeting (only its agreed outcome matters outside),
 * internal notes, messages received from customers, and complaint handling steps and result texts
 * (the result reaching the customer is published as the reply it also is).
 *
 * Each public payload is built field by field from the domain event, never by spreading it, so that a
 * field added to a domain event (a contact, a body) cannot leak into a contract unnoticed.
 *
 * A contract's next version is published beside the one before it (ADR 0012), for the events both can
 * express: complaint.resolved v2 for complaints promised a result (C-2.3), complaint.registered v3 for
 * every complaint. The versions that carried the customer's free text or the text staff wrote on their
 * demand are retired, not published beside their successors, since a copy outside intake would outlive
 * the customer's erasure (R-3.1, ADR 0016): demand.registered v1 (the subject), complaint.registered v2
 * (the promised result; v3 says only whether one was promised), demand.reclassified v1, demand.closed
 * v1, demand.withdrawn v1 and demand.assigned v1 (the reasons), demand.coordination-agreed v1 and
 * demand.released-to-delivery v1 and v2 (what each department took on, the cooperation, the joint
 * solution; the successors name the departments only). Each successor is published alone, yet under an
 * id of its own as every later version is: a consumer that took the retired version takes this too.
 */
export const mapIntakeEvent: VersionedContractMapper = (envelope) => {
  const event = { type: envelope.type, data: envelope.data } as DemandEvent | CustomerEvent;
  switch (event.type) {
    case 'DemandRegistered': {
      const d = event.data;
      return besideMessage(envelope, DEMAND_REGISTERED_V2, {
        demandId: d.demandId,
        reference: d.reference,
        customerId: d.customerId,
        customerTier: d.customerTier,
        channel: d.channel,
        ...(d.subChannel !== undefined ? { subChannel: d.subChannel } : {}),
        kind: d.kind,
        ...(d.businessCategory !== undefined ? { businessCategory: d.businessCategory } : {}),
        impact: d.impact,
        urgency: d.urgency,
        priority: d.priority,
        registeredAt: d.registeredAt,
        ...(d.receivedAt !== undefined ? { receivedAt: d.receivedAt } : {}),
        registeringDepartmentId: registeringDepartmentOf(envelope.metadata.actor),
        occurredAt: envelope.occurredAt,
      });
    }
    case 'ComplaintRegistered': {
      const d = event.data;
      const v1 = {
        demandId: d.demandId,
        priority: d.priority,
        promisedHandlingHours: d.promisedHandlingHours,
        dueAt: d.dueAt,
        occurredAt: envelope.occurredAt,
      };
      return [message(envelope, COMPLAINT_REGISTERED_V1, v1), besideMessage(envelope, COMPLAINT_REGISTERED_V3, { ...v1, resultPromised: d.promisedResult !== undefined })];
    }
    case 'DemandTriaged':
      return triageMessage(envelope, event.data, [...event.data.overridden], event.data.decidedBy);
    // An SLA escalation's raise (demand-escalation.ts) is a revision of triage: published as one, so that quality
    // monitoring re-targets the demand's clocks to the raised priority. Only the priority changed, so it is the
    // one field overridden; decidedBy is the service actor that applied the escalation step.
    case 'DemandPriorityEscalated':
      return triageMessage(envelope, event.data, ['priority'], envelope.metadata.actor.userId);
    case 'DemandReclassified': {
      const d = event.data;
      return besideMessage(envelope, DEMAND_RECLASSIFIED_V2, {
        demandId: d.demandId,
        kind: d.kind,
        previousKind: d.previousKind,
        reclassifiedBy: d.reclassifiedBy,
        reclassifiedAt: d.reclassifiedAt,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandAssigned': {
      const d = event.data;
      return besideMessage(envelope, DEMAND_ASSIGNED_V2, {
        demandId: d.demandId,
        departmentId: d.departmentId,
        ownerId: d.ownerId,
        assignedBy: d.assignedBy,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandReassigned': {
      const d = event.data;
      return besideMessage(envelope, DEMAND_ASSIGNED_V2, {
        demandId: d.demandId,
        departmentId: d.to.departmentId,
        ownerId: d.to.ownerId,
        assignedBy: d.reassignedBy,
        reassignment: { previousDepartmentId: d.from.departmentId, previousOwnerId: d.from.ownerId },
        occurredAt: envelope.occurredAt,
      });
    }
    case 'CoordinationRecorded': {
      const d = event.data;
      return besideMessage(envelope, DEMAND_COORDINATION_AGREED_V2, {
        demandId: d.demandId,
        meetingId: d.meetingId,
        leadDepartmentId: d.leadDepartmentId,
        responsibleDepartmentIds: responsibleDepartments(d.responsibilities),
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandReleasedToDelivery': {
      const d = event.data;
      const coordination =
        d.leadDepartmentId !== undefined && d.responsibilities?.length
          ? { leadDepartmentId: d.leadDepartmentId, responsibleDepartmentIds: responsibleDepartments(d.responsibilities) }
          : undefined;
      // A release recorded before the departments were: the holding one and those that took on responsibilities.
      const departmentIds = d.departmentIds ?? [...new Set([d.departmentId, ...(coordination?.responsibleDepartmentIds ?? [])])];
      return besideMessage(envelope, DEMAND_RELEASED_TO_DELIVERY_V3, {
        demandId: d.demandId,
        reference: d.reference,
        customerId: d.customerId,
        departmentId: d.departmentId,
        ownerId: d.ownerId,
        complexity: d.complexity,
        departmentIds,
        ...coordination,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'CustomerReplySent': {
      const d = event.data;
      return message(envelope, DEMAND_REPLY_SENT_V1, {
        demandId: d.demandId,
        channel: d.channel,
        firstResponse: d.firstResponse,
        sentAt: d.sentAt,
        sentBy: d.sentBy,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandWaitingOnCustomer': {
      const d = event.data;
      return message(envelope, DEMAND_WAITING_ON_CUSTOMER_V1, {
        demandId: d.demandId,
        since: d.since,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandWaitingOnThirdParty': {
      const d = event.data;
      return message(envelope, DEMAND_WAITING_ON_THIRD_PARTY_V1, {
        demandId: d.demandId,
        party: d.party,
        since: d.since,
        ...(d.partnerId ? { partnerId: d.partnerId } : {}),
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandResumed': {
      const d = event.data;
      return message(envelope, DEMAND_RESUMED_V1, {
        demandId: d.demandId,
        waitingSince: d.waitingSince,
        resumedAt: d.resumedAt,
        trigger: d.trigger,
        waitedOn: d.waitedOn,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandResolved': {
      const d = event.data;
      return message(envelope, DEMAND_RESOLVED_V1, {
        demandId: d.demandId,
        ...(d.processStage ? { processStage: d.processStage } : {}),
        resolvedAt: d.resolvedAt,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'ComplaintResolved': {
      const d = event.data;
      const v1 = {
        demandId: d.demandId,
        dueAt: d.dueAt,
        resolvedAt: d.resolvedAt,
        withinPromise: d.withinPromise,
        occurredAt: envelope.occurredAt,
      };
      return [
        message(envelope, COMPLAINT_RESOLVED_V1, v1),
        ...(d.promisedResultDelivered !== undefined
          ? [besideMessage(envelope, COMPLAINT_RESOLVED_V2, { ...v1, promisedResultDelivered: d.promisedResultDelivered })]
          : []),
      ];
    }
    case 'DemandClosed': {
      const d = event.data;
      return besideMessage(envelope, DEMAND_CLOSED_V2, { demandId: d.demandId, occurredAt: envelope.occurredAt });
    }
    case 'DemandWithdrawn': {
      const d = event.data;
      return besideMessage(envelope, DEMAND_WITHDRAWN_V2, {
        demandId: d.demandId,
        previousStatus: openStatus(d.previousStatus),
        occurredAt: envelope.occurredAt,
      });
    }
    case 'CustomerErased': {
      const d = event.data;
      return message(envelope, CUSTOMER_ERASED_V1, { customerId: d.customerId, erasedAt: d.erasedAt, occurredAt: envelope.occurredAt });
    }
    case 'CustomerRegistered':
    case 'CustomerUpdated':
    case 'CustomerReviewCleared':
    case 'CoordinationMeetingConvened':
    case 'CustomerMessageReceived':
    case 'InternalNoteAdded':
    case 'ComplaintHandlingStepRecorded':
    case 'ComplaintResultCommunicated':
    // The hand-back answers service delivery's own case.cancelled; nobody outside intake needs it again.
    case 'DemandReturnedFromDelivery':
    // An escalation step recorded for staff (whom to notify, or a raise that changed nothing) answers quality
    // monitoring's own clock.escalated; publishing it would only loop back.
    case 'DemandEscalationRecorded':
      return undefined;
    default:
      return notADemandEvent(event);
  }
};

/**
 * What the relay needs besides the store and the bus: read the demand and customer streams, map with
 * `mapIntakeEvent`. It read demand streams only before customer erasures were published: the erasures
 * recorded until then were passed, so it catches up on the customer streams once (R-3.1: every service
 * that keeps a customer's data learns of every erasure; erasing again is a no-op there).
 */
export const intakeRelay = {
  filter: { streamPrefixes: ['intake.demand-', 'intake.customer-'] },
  map: mapIntakeEvent,
  contracts: INTAKE_CONTRACTS,
  catchUp: { name: 'customer-streams', filter: { streamPrefixes: ['intake.customer-'] } },
} satisfies Pick<RelayOptions, 'filter' | 'map' | 'contracts' | 'catchUp'>;

/**
 * A later version's message of the same event, published beside the first: its own id, derived from the
 * event's and the version, so that a consumer's inbox, which records every id it sees, takes each.
 */
/** A triage decided, or revised by an escalation, as `demand.triaged.v1`. */
function triageMessage(
  envelope: EventEnvelope,
  d: Pick<DemandTriagedV1, 'demandId' | 'complexity' | 'priority' | 'businessCategory'>,
  overridden: DemandTriagedV1['overridden'],
  decidedBy: string,
) {
  const { demandId, complexity, priority, businessCategory } = d;
  return message(envelope, DEMAND_TRIAGED_V1, { demandId, complexity, priority, businessCategory, overridden, decidedBy, occurredAt: envelope.occurredAt });
}

function besideMessage<Type extends IntakeContractType>(
  envelope: EventEnvelope,
  contract: IntakeContract<Type>,
  data: IntakeContractData[Type],
): IntegrationMessage<IntakeContractData[Type]> {
  return { ...message(envelope, contract, data), id: deterministicUuid(`${envelope.id}:${contract.type}`) };
}

/** The departments that took on responsibilities, each once; what they took on stays in intake. */
function responsibleDepartments(agreed: readonly DepartmentResponsibility[]): string[] {
  return [...new Set(agreed.map(({ departmentId }) => departmentId))];
}

/**
 * The decider withdraws only open demands (`ensureOpen`), which is all the contract admits. Typed so that
 * an open status added to the domain fails to compile here until the contract's vocabulary has it.
 */
function openStatus(status: DemandStatus): OpenDemandStatus {
  return status as Exclude<DemandStatus, 'resolved' | 'closed' | 'withdrawn'>;
}

/**
 * Triage-rule and registry events, and anything else that is neither a demand nor a customer event, are
 * never published. Typed `never` so that a demand or customer event added to the domain fails to compile
 * here until it is mapped or listed above as internal.
 */
function notADemandEvent(_event: never): undefined {
  return undefined;
}
