import { ContractMapper, RelayOptions, contractMessageFor } from '@serviceledger/platform/messaging';
import {
  COMPLAINT_REGISTERED_V1,
  COMPLAINT_RESOLVED_V1,
  DEMAND_ASSIGNED_V1,
  DEMAND_CLOSED_V1,
  DEMAND_COORDINATION_AGREED_V1,
  DEMAND_RECLASSIFIED_V1,
  DEMAND_REGISTERED_V1,
  DEMAND_RELEASED_TO_DELIVERY_V1,
  DEMAND_REPLY_SENT_V1,
  DEMAND_RESOLVED_V1,
  DEMAND_RESUMED_V1,
  DEMAND_TRIAGED_V1,
  DEMAND_WAITING_ON_CUSTOMER_V1,
  DEMAND_WAITING_ON_THIRD_PARTY_V1,
  DEMAND_WITHDRAWN_V1,
  INTAKE_SOURCE,
  IntakeContractData,
  OpenDemandStatus,
} from '@serviceledger/intake/contracts';
import {
  DemandEvent,
  DemandStatus,
  DepartmentResponsibility,
} from '@serviceledger/intake/domain';

/** Keyed and subjected by the demand id, so that a demand's events stay in order on the topic. */
const message = contractMessageFor<IntakeContractData>({ source: INTAKE_SOURCE, keyOf: (data) => data.demandId });

/**
 * Intake's domain events → its public contract events (DESIGN.md §4, "Integration events").
 *
 * Only demand events are published. Everything else stays inside intake and maps to nothing:
 * customer events (personal data, R-3.1), triage rule books and the department registry
 * (configuration), the convening of a coordination meeting (only its agreed outcome matters outside),
 * internal notes, messages received from customers, and complaint handling steps and result texts
 * (the result reaching the customer is published as the reply it also is).
 *
 * Each public payload is built field by field from the domain event, never by spreading it, so that a
 * field added to a domain event (a contact, a body) cannot leak into a contract unnoticed.
 */
export const mapIntakeEvent: ContractMapper = (envelope) => {
  const event = { type: envelope.type, data: envelope.data } as DemandEvent;
  switch (event.type) {
    case 'DemandRegistered': {
      const d = event.data;
      return message(envelope, DEMAND_REGISTERED_V1, {
        demandId: d.demandId,
        reference: d.reference,
        customerId: d.customerId,
        customerTier: d.customerTier,
        channel: d.channel,
        ...(d.subChannel !== undefined ? { subChannel: d.subChannel } : {}),
        kind: d.kind,
        subject: d.subject,
        ...(d.businessCategory !== undefined ? { businessCategory: d.businessCategory } : {}),
        impact: d.impact,
        urgency: d.urgency,
        priority: d.priority,
        registeredAt: d.registeredAt,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'ComplaintRegistered': {
      const d = event.data;
      return message(envelope, COMPLAINT_REGISTERED_V1, {
        demandId: d.demandId,
        priority: d.priority,
        promisedHandlingHours: d.promisedHandlingHours,
        dueAt: d.dueAt,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandTriaged': {
      const d = event.data;
      return message(envelope, DEMAND_TRIAGED_V1, {
        demandId: d.demandId,
        complexity: d.complexity,
        priority: d.priority,
        businessCategory: d.businessCategory,
        overridden: [...d.overridden],
        decidedBy: d.decidedBy,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandReclassified': {
      const d = event.data;
      return message(envelope, DEMAND_RECLASSIFIED_V1, {
        demandId: d.demandId,
        kind: d.kind,
        previousKind: d.previousKind,
        reason: d.reason,
        reclassifiedBy: d.reclassifiedBy,
        reclassifiedAt: d.reclassifiedAt,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandAssigned': {
      const d = event.data;
      return message(envelope, DEMAND_ASSIGNED_V1, {
        demandId: d.demandId,
        departmentId: d.departmentId,
        ownerId: d.ownerId,
        assignedBy: d.assignedBy,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandReassigned': {
      const d = event.data;
      return message(envelope, DEMAND_ASSIGNED_V1, {
        demandId: d.demandId,
        departmentId: d.to.departmentId,
        ownerId: d.to.ownerId,
        assignedBy: d.reassignedBy,
        reassignment: {
          previousDepartmentId: d.from.departmentId,
          previousOwnerId: d.from.ownerId,
          reason: d.reason,
        },
        occurredAt: envelope.occurredAt,
      });
    }
    case 'CoordinationRecorded': {
      const d = event.data;
      return message(envelope, DEMAND_COORDINATION_AGREED_V1, {
        demandId: d.demandId,
        meetingId: d.meetingId,
        leadDepartmentId: d.leadDepartmentId,
        responsibilities: responsibilities(d.responsibilities),
        cooperation: d.cooperation,
        jointSolution: d.jointSolution,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandReleasedToDelivery': {
      const d = event.data;
      return message(envelope, DEMAND_RELEASED_TO_DELIVERY_V1, {
        demandId: d.demandId,
        reference: d.reference,
        customerId: d.customerId,
        departmentId: d.departmentId,
        ownerId: d.ownerId,
        complexity: d.complexity,
        ...(d.leadDepartmentId !== undefined ? { leadDepartmentId: d.leadDepartmentId } : {}),
        ...(d.responsibilities?.length ? { responsibilities: responsibilities(d.responsibilities) } : {}),
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
      return message(envelope, COMPLAINT_RESOLVED_V1, {
        demandId: d.demandId,
        dueAt: d.dueAt,
        resolvedAt: d.resolvedAt,
        withinPromise: d.withinPromise,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandClosed': {
      const d = event.data;
      return message(envelope, DEMAND_CLOSED_V1, {
        demandId: d.demandId,
        reason: d.reason,
        occurredAt: envelope.occurredAt,
      });
    }
    case 'DemandWithdrawn': {
      const d = event.data;
      return message(envelope, DEMAND_WITHDRAWN_V1, {
        demandId: d.demandId,
        reason: d.reason,
        previousStatus: openStatus(d.previousStatus),
        occurredAt: envelope.occurredAt,
      });
    }
    case 'CoordinationMeetingConvened':
    case 'CustomerMessageReceived':
    case 'InternalNoteAdded':
    case 'ComplaintHandlingStepRecorded':
    case 'ComplaintResultCommunicated':
      return undefined;
    default:
      return notADemandEvent(event);
  }
};

/** What the relay needs besides the store and the bus: read the demand streams, map with `mapIntakeEvent`. */
export const intakeRelay = {
  filter: { streamPrefixes: ['intake.demand-'] },
  map: mapIntakeEvent,
} satisfies Pick<RelayOptions, 'filter' | 'map'>;

function responsibilities(agreed: readonly DepartmentResponsibility[]): DepartmentResponsibility[] {
  return agreed.map(({ departmentId, responsibility }) => ({ departmentId, responsibility }));
}

/**
 * The decider withdraws only open demands (`ensureOpen`), which is all the contract admits. Typed so that
 * an open status added to the domain fails to compile here until the contract's vocabulary has it.
 */
function openStatus(status: DemandStatus): OpenDemandStatus {
  return status as Exclude<DemandStatus, 'resolved' | 'closed' | 'withdrawn'>;
}

/**
 * Customer, triage-rule and registry events, and anything else that is not a demand event, are never
 * published. Typed `never` so that a demand event added to the domain fails to compile here until it is
 * mapped or listed above as internal.
 */
function notADemandEvent(_event: never): undefined {
  return undefined;
}
