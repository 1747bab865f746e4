import {
  COMPLAINT_REGISTERED_V1,
  COMPLAINT_REGISTERED_V2,
  COMPLAINT_REGISTERED_V3,
  COMPLAINT_RESOLVED_V1,
  COMPLAINT_RESOLVED_V2,
  ComplaintRegisteredV1,
  ComplaintRegisteredV2,
  ComplaintRegisteredV3,
  ComplaintResolvedV1,
  ComplaintResolvedV2,
} from './complaint-events';
import { IntakeContract } from './contract';
import { CUSTOMER_ERASED_V1, CustomerErasedV1 } from './customer-events';
import {
  DEMAND_ASSIGNED_V1,
  DEMAND_ASSIGNED_V2,
  DEMAND_CLOSED_V1,
  DEMAND_CLOSED_V2,
  DEMAND_COORDINATION_AGREED_V1,
  DEMAND_COORDINATION_AGREED_V2,
  DEMAND_RECLASSIFIED_V1,
  DEMAND_RECLASSIFIED_V2,
  DEMAND_REGISTERED_V1,
  DEMAND_REGISTERED_V2,
  DEMAND_RELEASED_TO_DELIVERY_V1,
  DEMAND_RELEASED_TO_DELIVERY_V2,
  DEMAND_RELEASED_TO_DELIVERY_V3,
  DEMAND_REPLY_SENT_V1,
  DEMAND_RESOLVED_V1,
  DEMAND_RESUMED_V1,
  DEMAND_TRIAGED_V1,
  DEMAND_WAITING_ON_CUSTOMER_V1,
  DEMAND_WAITING_ON_THIRD_PARTY_V1,
  DEMAND_WITHDRAWN_V1,
  DEMAND_WITHDRAWN_V2,
  DemandAssignedV1,
  DemandAssignedV2,
  DemandClosedV1,
  DemandClosedV2,
  DemandCoordinationAgreedV1,
  DemandCoordinationAgreedV2,
  DemandReclassifiedV1,
  DemandReclassifiedV2,
  DemandRegisteredV1,
  DemandRegisteredV2,
  DemandReleasedToDeliveryV1,
  DemandReleasedToDeliveryV2,
  DemandReleasedToDeliveryV3,
  DemandReplySentV1,
  DemandResolvedV1,
  DemandResumedV1,
  DemandTriagedV1,
  DemandWaitingOnCustomerV1,
  DemandWaitingOnThirdPartyV1,
  DemandWithdrawnV1,
  DemandWithdrawnV2,
} from './demand-events';

/**
 * Every public event intake publishes or has published, in lifecycle order, each version after the one
 * before it (ADR 0012: a new version is published beside the old): for documentation, tests and consumers'
 * checks. The retired ones (`RETIRED_INTAKE_CONTRACTS`) stay listed so that consumers still take the
 * messages published before.
 */
export const INTAKE_CONTRACTS = [
  DEMAND_REGISTERED_V1,
  DEMAND_REGISTERED_V2,
  COMPLAINT_REGISTERED_V1,
  COMPLAINT_REGISTERED_V2,
  COMPLAINT_REGISTERED_V3,
  DEMAND_TRIAGED_V1,
  DEMAND_RECLASSIFIED_V1,
  DEMAND_RECLASSIFIED_V2,
  DEMAND_ASSIGNED_V1,
  DEMAND_ASSIGNED_V2,
  DEMAND_COORDINATION_AGREED_V1,
  DEMAND_COORDINATION_AGREED_V2,
  DEMAND_RELEASED_TO_DELIVERY_V1,
  DEMAND_RELEASED_TO_DELIVERY_V2,
  DEMAND_RELEASED_TO_DELIVERY_V3,
  DEMAND_REPLY_SENT_V1,
  DEMAND_WAITING_ON_CUSTOMER_V1,
  DEMAND_WAITING_ON_THIRD_PARTY_V1,
  DEMAND_RESUMED_V1,
  DEMAND_RESOLVED_V1,
  COMPLAINT_RESOLVED_V1,
  COMPLAINT_RESOLVED_V2,
  DEMAND_CLOSED_V1,
  DEMAND_CLOSED_V2,
  DEMAND_WITHDRAWN_V1,
  DEMAND_WITHDRAWN_V2,
  CUSTOMER_ERASED_V1,
] as const satisfies readonly IntakeContract[];

export type IntakeContractType = (typeof INTAKE_CONTRACTS)[number]['type'];

/**
 * Contracts intake no longer publishes, without a version beside them: they carried the customer's free
 * text (the demand's subject, the complaint's promised result) or the text staff wrote on the customer's
 * demand (the reasons for a reclassification, a reassignment, a closure or a withdrawal; the coordination
 * agreed), which must not outlive the customer's erasure in copies outside intake (R-3.1, ADR 0016).
 * Their successors: demand.registered.v2, complaint.registered.v3, demand.reclassified.v2,
 * demand.assigned.v2, demand.coordination-agreed.v2, demand.released-to-delivery.v3, demand.closed.v2,
 * demand.withdrawn.v2. Consumers keep reading them for what was published before.
 */
export const RETIRED_INTAKE_CONTRACTS: readonly IntakeContract[] = [
  DEMAND_REGISTERED_V1,
  COMPLAINT_REGISTERED_V2,
  DEMAND_RECLASSIFIED_V1,
  DEMAND_ASSIGNED_V1,
  DEMAND_COORDINATION_AGREED_V1,
  DEMAND_RELEASED_TO_DELIVERY_V1,
  DEMAND_RELEASED_TO_DELIVERY_V2,
  DEMAND_CLOSED_V1,
  DEMAND_WITHDRAWN_V1,
];

/** The payload (CloudEvents `data`) of each contract, by its CloudEvents type. */
export interface IntakeContractData {
  [DEMAND_REGISTERED_V1.type]: DemandRegisteredV1;
  [DEMAND_REGISTERED_V2.type]: DemandRegisteredV2;
  [COMPLAINT_REGISTERED_V1.type]: ComplaintRegisteredV1;
  [COMPLAINT_REGISTERED_V2.type]: ComplaintRegisteredV2;
  [COMPLAINT_REGISTERED_V3.type]: ComplaintRegisteredV3;
  [DEMAND_TRIAGED_V1.type]: DemandTriagedV1;
  [DEMAND_RECLASSIFIED_V1.type]: DemandReclassifiedV1;
  [DEMAND_RECLASSIFIED_V2.type]: DemandReclassifiedV2;
  [DEMAND_ASSIGNED_V1.type]: DemandAssignedV1;
  [DEMAND_ASSIGNED_V2.type]: DemandAssignedV2;
  [DEMAND_COORDINATION_AGREED_V1.type]: DemandCoordinationAgreedV1;
  [DEMAND_COORDINATION_AGREED_V2.type]: DemandCoordinationAgreedV2;
  [DEMAND_RELEASED_TO_DELIVERY_V1.type]: DemandReleasedToDeliveryV1;
  [DEMAND_RELEASED_TO_DELIVERY_V2.type]: DemandReleasedToDeliveryV2;
  [DEMAND_RELEASED_TO_DELIVERY_V3.type]: DemandReleasedToDeliveryV3;
  [DEMAND_REPLY_SENT_V1.type]: DemandReplySentV1;
  [DEMAND_WAITING_ON_CUSTOMER_V1.type]: DemandWaitingOnCustomerV1;
  [DEMAND_WAITING_ON_THIRD_PARTY_V1.type]: DemandWaitingOnThirdPartyV1;
  [DEMAND_RESUMED_V1.type]: DemandResumedV1;
  [DEMAND_RESOLVED_V1.type]: DemandResolvedV1;
  [COMPLAINT_RESOLVED_V1.type]: ComplaintResolvedV1;
  [COMPLAINT_RESOLVED_V2.type]: ComplaintResolvedV2;
  [DEMAND_CLOSED_V1.type]: DemandClosedV1;
  [DEMAND_CLOSED_V2.type]: DemandClosedV2;
  [DEMAND_WITHDRAWN_V1.type]: DemandWithdrawnV1;
  [DEMAND_WITHDRAWN_V2.type]: DemandWithdrawnV2;
  [CUSTOMER_ERASED_V1.type]: CustomerErasedV1;
}

/** Any intake contract event as `{ type, data }`: narrow on `type` to get the matching payload. */
export type IntakeContractEvent = {
  [Type in IntakeContractType]: { type: Type; data: IntakeContractData[Type] };
}[IntakeContractType];

/** The contract with this CloudEvents type, or undefined when intake publishes no such event. */
export function findIntakeContract(type: string): (typeof INTAKE_CONTRACTS)[number] | undefined {
  return INTAKE_CONTRACTS.find((contract) => contract.type === type);
}

/**
 * For consumers: whether a received message (an IntegrationMessage, or anything with `type` and `data`)
 * is this contract's event, narrowing its `data` to the contract's payload. It compares the type only:
 * an `InboxConsumer` given `INTAKE_CONTRACTS` has checked `data` against the contract's schema before
 * its handler runs, and `assertContract` checks it again where a broken payload would do lasting harm.
 */
export function isIntakeEvent<Type extends IntakeContractType, Message extends { type: string; data: unknown }>(
  message: Message,
  contract: IntakeContract<Type>,
): message is Message & { type: Type; data: IntakeContractData[Type] } {
  return message.type === contract.type;
}
