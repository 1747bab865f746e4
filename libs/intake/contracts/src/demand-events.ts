import { defineIntakeContract } from './contract';
import { INTAKE_DEMAND_TOPIC } from './topics';
import {
  complexitySchema,
  conversationChannelSchema,
  demandChannelSchema,
  demandIdAndTime,
  customerTierSchema,
  demandKindSchema,
  departmentIdsSchema,
  idSchema,
  instantSchema,
  levelSchema,
  openDemandStatusSchema,
  prioritySchema,
  processStageSchema,
  referenceSchema,
  releasedDemandProperties,
  releasedDemandRequired,
  responsibilitiesSchema,
  textSchema,
  triageFieldSchema,
  waitedOnSchema,
  webSubChannelSchema,
} from './schema-fragments';
import {
  Complexity,
  ConversationChannel,
  CustomerTier,
  DemandChannel,
  DemandKind,
  DepartmentResponsibility,
  Level,
  OpenDemandStatus,
  Priority,
  ProcessStage,
  TriageField,
  WaitedOn,
  WebSubChannel,
} from './vocabulary';

/**
 * The public events of a demand's lifecycle (P-1.1 … P-2.2), on `serviceledger.intake.demand.v1`,
 * keyed by the demand id. Each carries the demand id and `occurredAt`, the instant intake decided it.
 *
 * What stays inside intake. Contracts leave the service: they are copied to other services' read
 * models, logs and dead-letter topics, where intake's access control cannot follow them. So no
 * contract carries personal data — the contact person's name, phone or e-mail address, a sender's
 * address — nor the free text a customer or an agent wrote: the demand's description, message and
 * reply bodies, internal notes, the resolution. Customer personal data stays in intake under access
 * control and erasure (R-3.1); a consumer that must reach the customer asks intake, by demand or
 * customer id, with the caller's own rights. Nor does any contract intake publishes carry the text
 * staff write on a customer's demand: the reasons for a reclassification, a reassignment, a closure or a
 * withdrawal, and what departments agreed in coordination are encrypted with the customer's key and
 * erased with them (ADR 0016), which a copy on Kafka or in a consumer would outlive. The versions that
 * carried it are retired (`RETIRED_INTAKE_CONTRACTS`): consumers still read them for what was published
 * before. Who a demand waits on (`party`, a vendor or a partner) is not the customer's and travels.
 */

// demand.registered

export interface DemandRegisteredV1 {
  demandId: string;
  /** What the customer quotes, e.g. `SR-2026-000123`. */
  reference: string;
  customerId: string;
  /** The customer's tier when the demand was registered: SLA policies match on it. */
  customerTier: CustomerTier;
  channel: DemandChannel;
  /** Present for the web channel only. */
  subChannel?: WebSubChannel;
  kind: DemandKind;
  subject: string;
  businessCategory?: string;
  impact: Level;
  urgency: Level;
  /** From the impact × urgency matrix; triage may change it (see `demand.triaged`). */
  priority: Priority;
  registeredAt: string;
  /**
   * 二(一)2: when the demand reached us (the call taken, the mail delivered), earlier than `registeredAt`.
   * Absent: received when registered (the portal; and every demand published before it was carried).
   */
  receivedAt?: string;
  /**
   * 二(一)2: the department whose staff registered the demand, which answers for recording it promptly
   * (customer service for the portal and e-mail). Absent: not said (every demand published before it was
   * carried); a consumer then holds the department the demand is assigned to answerable.
   */
  registeringDepartmentId?: string;
  occurredAt: string;
}

export const DEMAND_REGISTERED_V1 = defineIntakeContract({
  event: 'demand.registered',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A demand was registered from the phone, the web or e-mail (P-1.1, P-1.2). Carries no contact data: ' +
    'that stays in intake under access control (R-3.1). Opens the demand for quality monitoring and SLA clocks. ' +
    'receivedAt, when present, is when the demand reached us before it was registered, and registeringDepartmentId ' +
    'the department that registered it and answers for its timely recording (二(一)2 及時記錄).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [
      'demandId',
      'reference',
      'customerId',
      'customerTier',
      'channel',
      'kind',
      'subject',
      'impact',
      'urgency',
      'priority',
      'registeredAt',
      'occurredAt',
    ],
    properties: {
      ...demandIdAndTime,
      reference: referenceSchema,
      customerId: idSchema,
      customerTier: customerTierSchema,
      channel: demandChannelSchema,
      subChannel: webSubChannelSchema,
      kind: demandKindSchema,
      subject: { type: 'string' },
      businessCategory: idSchema,
      impact: levelSchema,
      urgency: levelSchema,
      priority: prioritySchema,
      registeredAt: instantSchema,
      receivedAt: instantSchema,
      registeringDepartmentId: idSchema,
    },
    // A web demand says whether it came by the portal or the chat; no other channel has a sub-channel.
    if: { properties: { channel: { const: 'web' } } },
    then: { required: ['subChannel'] },
    else: { not: { required: ['subChannel'] } },
  },
});

/**
 * Version 1 without the subject, which is the customer's free text (personal data, ADR 0016): a copy on
 * Kafka and in consumers would outlive the customer's erasure. Intake publishes this version only; a
 * consumer keeps reading version 1 for the messages published before (and the signals it recorded).
 */
export type DemandRegisteredV2 = Omit<DemandRegisteredV1, 'subject'>;

export const DEMAND_REGISTERED_V2 = defineIntakeContract({
  event: 'demand.registered',
  version: 2,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A demand was registered from the phone, the web or e-mail (P-1.1, P-1.2): version 1 without the subject, ' +
    'which is the customer\'s personal free text and stays in intake with the description (R-3.1, erased with ' +
    'the customer). Replaces version 1, which intake no longer publishes. Opens the demand for quality monitoring ' +
    'and SLA clocks; receivedAt and registeringDepartmentId as in version 1 (二(一)2 及時記錄).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: (DEMAND_REGISTERED_V1.schema.required as string[]).filter((name) => name !== 'subject'),
    properties: Object.fromEntries(Object.entries(DEMAND_REGISTERED_V1.schema.properties as object).filter(([name]) => name !== 'subject')),
    if: DEMAND_REGISTERED_V1.schema.if,
    then: DEMAND_REGISTERED_V1.schema.then,
    else: DEMAND_REGISTERED_V1.schema.else,
  },
});

// demand.triaged

export interface DemandTriagedV1 {
  demandId: string;
  complexity: Complexity;
  priority: Priority;
  businessCategory: string;
  /** The fields where the agent departed from the triage rules' suggestion; empty when they agreed. */
  overridden: TriageField[];
  /** The user id of the agent who confirmed or overrode the suggestion. */
  decidedBy: string;
  occurredAt: string;
}

export const DEMAND_TRIAGED_V1 = defineIntakeContract({
  event: 'demand.triaged',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'An agent confirmed or overrode the triage suggestion: complexity, priority and business category (P-1.3). ' +
    'Published again when triage is revised; the latest one holds.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'complexity', 'priority', 'businessCategory', 'overridden', 'decidedBy', 'occurredAt'],
    properties: {
      ...demandIdAndTime,
      complexity: complexitySchema,
      priority: prioritySchema,
      businessCategory: idSchema,
      overridden: { type: 'array', items: triageFieldSchema, uniqueItems: true },
      decidedBy: idSchema,
    },
  },
});

// demand.reclassified

export interface DemandReclassifiedV1 {
  demandId: string;
  /** What the demand is now, and what it was registered or last reclassified as. */
  kind: DemandKind;
  previousKind: DemandKind;
  /** Why the agent changed it. */
  reason: string;
  /** The user id of the agent who changed it. */
  reclassifiedBy: string;
  reclassifiedAt: string;
  occurredAt: string;
}

export const DEMAND_RECLASSIFIED_V1 = defineIntakeContract({
  event: 'demand.reclassified',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'An agent changed what a demand is (P-1.1), with the reason: an e-mail, which arrives as an enquiry, or a ' +
    'call turned out to be a complaint, say. A demand that becomes a complaint is followed by complaint.registered, ' +
    'its promise due from the reclassification; a complaint keeps its kind.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'kind', 'previousKind', 'reason', 'reclassifiedBy', 'reclassifiedAt', 'occurredAt'],
    properties: {
      ...demandIdAndTime,
      kind: demandKindSchema,
      previousKind: demandKindSchema,
      reason: textSchema,
      reclassifiedBy: idSchema,
      reclassifiedAt: instantSchema,
    },
  },
});

/**
 * Version 1 without the reason, which staff wrote on the customer's demand and which is erased with the
 * customer (R-3.1, ADR 0016). Intake publishes this version only; the reason stays in intake's timeline.
 */
export type DemandReclassifiedV2 = Omit<DemandReclassifiedV1, 'reason'>;

export const DEMAND_RECLASSIFIED_V2 = defineIntakeContract({
  event: 'demand.reclassified',
  version: 2,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'An agent changed what a demand is (P-1.1): an e-mail, which arrives as an enquiry, or a call turned out to be ' +
    'a complaint, say. Version 1 without the reason, which stays in intake with the demand (R-3.1, erased with the ' +
    'customer); replaces version 1, which intake no longer publishes. A demand that becomes a complaint is followed ' +
    'by complaint.registered, its promise due from the reclassification; a complaint keeps its kind.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'kind', 'previousKind', 'reclassifiedBy', 'reclassifiedAt', 'occurredAt'],
    properties: {
      ...demandIdAndTime,
      kind: demandKindSchema,
      previousKind: demandKindSchema,
      reclassifiedBy: idSchema,
      reclassifiedAt: instantSchema,
    },
  },
});

// demand.assigned

export interface DemandAssignedV1 {
  demandId: string;
  departmentId: string;
  /** The user id of the person in the department who owns the demand. */
  ownerId: string;
  /** The user id of whoever assigned or reassigned it. */
  assignedBy: string;
  /** Present when the demand moved from one department or owner to another. */
  reassignment?: {
    previousDepartmentId: string;
    previousOwnerId: string;
    reason: string;
  };
  occurredAt: string;
}

export const DEMAND_ASSIGNED_V1 = defineIntakeContract({
  event: 'demand.assigned',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A demand was assigned to a department and an owner there (P-2.1), or reassigned, with the previous ' +
    'department, owner and the reason. Feeds department queues and workload; delivery starts from ' +
    'demand.released-to-delivery, not from this event.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'departmentId', 'ownerId', 'assignedBy', 'occurredAt'],
    properties: {
      ...demandIdAndTime,
      departmentId: idSchema,
      ownerId: idSchema,
      assignedBy: idSchema,
      reassignment: {
        type: 'object',
        additionalProperties: false,
        required: ['previousDepartmentId', 'previousOwnerId', 'reason'],
        properties: { previousDepartmentId: idSchema, previousOwnerId: idSchema, reason: textSchema },
      },
    },
  },
});

/**
 * Version 1 with a reassignment's departments and owners, without its reason: the reason is staff text on
 * the customer's demand, erased with the customer (R-3.1, ADR 0016). Intake publishes this version only.
 */
export interface DemandAssignedV2 extends Omit<DemandAssignedV1, 'reassignment'> {
  /** Present when the demand moved from one department or owner to another; why stays in intake. */
  reassignment?: {
    previousDepartmentId: string;
    previousOwnerId: string;
  };
}

export const DEMAND_ASSIGNED_V2 = defineIntakeContract({
  event: 'demand.assigned',
  version: 2,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A demand was assigned to a department and an owner there (P-2.1), or reassigned, with the previous ' +
    'department and owner; the reason for a reassignment stays in intake (R-3.1, erased with the customer). ' +
    'Replaces version 1, which intake no longer publishes. Feeds department queues and workload; delivery ' +
    'starts from demand.released-to-delivery, not from this event.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'departmentId', 'ownerId', 'assignedBy', 'occurredAt'],
    properties: {
      ...demandIdAndTime,
      departmentId: idSchema,
      ownerId: idSchema,
      assignedBy: idSchema,
      reassignment: {
        type: 'object',
        additionalProperties: false,
        required: ['previousDepartmentId', 'previousOwnerId'],
        properties: { previousDepartmentId: idSchema, previousOwnerId: idSchema },
      },
    },
  },
});

// demand.coordination-agreed

export interface DemandCoordinationAgreedV1 {
  demandId: string;
  meetingId: string;
  leadDepartmentId: string;
  /** Every department at the meeting, with what it takes on. */
  responsibilities: DepartmentResponsibility[];
  /** How the departments will work together. */
  cooperation: string;
  jointSolution: string;
  occurredAt: string;
}

export const DEMAND_COORDINATION_AGREED_V1 = defineIntakeContract({
  event: 'demand.coordination-agreed',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'The coordination meeting of a demand that involves several departments was recorded: each department’s ' +
    'responsibilities, how they cooperate, the lead department and the joint solution (P-2.2). The demand can now go to delivery.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [
      'demandId',
      'meetingId',
      'leadDepartmentId',
      'responsibilities',
      'cooperation',
      'jointSolution',
      'occurredAt',
    ],
    properties: {
      ...demandIdAndTime,
      meetingId: idSchema,
      leadDepartmentId: idSchema,
      responsibilities: responsibilitiesSchema,
      cooperation: textSchema,
      jointSolution: textSchema,
    },
  },
});

/**
 * Version 1 with the departments that took on responsibilities, not what each took on, nor the cooperation
 * and the joint solution: that is staff text on the customer's demand, erased with the customer (R-3.1,
 * ADR 0016). Whoever needs it reads the demand in intake with their own rights. Intake publishes this version only.
 */
export interface DemandCoordinationAgreedV2 {
  demandId: string;
  meetingId: string;
  leadDepartmentId: string;
  /** Every department at the meeting that took on a responsibility, the lead among them. */
  responsibleDepartmentIds: string[];
  occurredAt: string;
}

export const DEMAND_COORDINATION_AGREED_V2 = defineIntakeContract({
  event: 'demand.coordination-agreed',
  version: 2,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'The coordination meeting of a demand that involves several departments was recorded (P-2.2): the lead ' +
    'department and the departments that took on responsibilities. What each took on, how they cooperate and the ' +
    'joint solution stay in intake (R-3.1, erased with the customer). Replaces version 1, which intake no longer ' +
    'publishes. The demand can now go to delivery.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'meetingId', 'leadDepartmentId', 'responsibleDepartmentIds', 'occurredAt'],
    properties: {
      ...demandIdAndTime,
      meetingId: idSchema,
      leadDepartmentId: idSchema,
      responsibleDepartmentIds: departmentIdsSchema,
    },
  },
});

// demand.released-to-delivery

/** What every version of a release to delivery carries. */
export interface ReleasedDemand {
  demandId: string;
  /** What the customer quotes, e.g. `SR-2026-000123`: the delivery case is known by it too. */
  reference: string;
  customerId: string;
  /** The department that holds the demand, and its owner there. */
  departmentId: string;
  ownerId: string;
  complexity: Complexity;
  occurredAt: string;
}

export interface DemandReleasedToDeliveryV1 extends ReleasedDemand {
  /** For a coordinated (complex) demand: the department that leads delivery. */
  leadDepartmentId?: string;
  /** For a coordinated (complex) demand: the departments and the responsibilities agreed in coordination. */
  responsibilities?: DepartmentResponsibility[];
}

export const DEMAND_RELEASED_TO_DELIVERY_V1 = defineIntakeContract({
  event: 'demand.released-to-delivery',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A demand went to delivery: a routine one once assigned, a complex one once its coordination was ' +
    'recorded (P-2.2). Service-delivery opens its service case from this event, with the department, ' +
    'owner and, for a coordinated demand, the lead department and the responsibilities agreed. Published ' +
    'beside demand.released-to-delivery.v2 only for the releases it can express (complex and coordinated, or ' +
    'routine and not); v2 carries every release.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...releasedDemandRequired, 'occurredAt'],
    properties: {
      ...releasedDemandProperties,
      leadDepartmentId: idSchema,
      responsibilities: responsibilitiesSchema,
    },
    dependentRequired: { responsibilities: ['leadDepartmentId'] },
    // Only a complex demand is coordinated, and it is released only once its coordination is recorded.
    if: { properties: { complexity: { const: 'complex' } } },
    then: { required: ['leadDepartmentId', 'responsibilities'] },
    else: { not: { anyOf: [{ required: ['leadDepartmentId'] }, { required: ['responsibilities'] }] } },
  },
});

/**
 * Version 2 (P-2.2 "對於涉及多個部門的復雜需求"): coordination follows the departments a demand involves,
 * not its complexity. A complex demand of one department is released without a meeting, so it has no
 * lead department; a routine one of several may have been coordinated, so it may have one. Version 1
 * read "complex" as "coordinated"; it is still published, beside version 2 and under its own message id,
 * for the releases it can express (complex and coordinated, or routine and not), and for no other.
 */
export interface DemandReleasedToDeliveryV2 extends ReleasedDemand {
  /** Every department the demand involves, the holding one first: two or more make it a cross-department demand. */
  departmentIds: string[];
  /** For a coordinated demand (any complexity): the department that leads delivery. */
  leadDepartmentId?: string;
  /** For a coordinated demand: each department at the meeting and the responsibilities it took on. */
  responsibilities?: DepartmentResponsibility[];
}

export const DEMAND_RELEASED_TO_DELIVERY_V2 = defineIntakeContract({
  event: 'demand.released-to-delivery',
  version: 2,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A demand went to delivery (P-2.2): one department’s demand, routine or complex, once assigned; a demand ' +
    'of several departments once assigned, or once its coordination meeting was recorded, which a complex ' +
    'one needs. Carries the departments involved and, for a coordinated demand, the lead department and the ' +
    'responsibilities agreed. Service-delivery opens its service case from it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...releasedDemandRequired, 'departmentIds', 'occurredAt'],
    properties: {
      ...releasedDemandProperties,
      departmentIds: { type: 'array', minItems: 1, uniqueItems: true, items: idSchema },
      leadDepartmentId: idSchema,
      responsibilities: responsibilitiesSchema,
    },
    dependentRequired: { responsibilities: ['leadDepartmentId'], leadDepartmentId: ['responsibilities'] },
    // A complex demand of several departments reaches delivery only through its coordination meeting.
    if: {
      required: ['complexity', 'departmentIds'],
      properties: { complexity: { const: 'complex' }, departmentIds: { type: 'array', minItems: 2 } },
    },
    then: { required: ['leadDepartmentId', 'responsibilities'] },
  },
});

/**
 * Version 3: version 2 with the departments that took on responsibilities in coordination, not what each
 * took on, which is staff text on the customer's demand, erased with the customer (R-3.1, ADR 0016).
 * Intake publishes this version only, for every release; versions 1 and 2 are retired.
 */
export interface DemandReleasedToDeliveryV3 extends ReleasedDemand {
  /** Every department the demand involves, the holding one first: two or more make it a cross-department demand. */
  departmentIds: string[];
  /** For a coordinated demand (any complexity): the department that leads delivery. */
  leadDepartmentId?: string;
  /** For a coordinated demand: each department that took on a responsibility at the meeting, the lead among them. */
  responsibleDepartmentIds?: string[];
}

export const DEMAND_RELEASED_TO_DELIVERY_V3 = defineIntakeContract({
  event: 'demand.released-to-delivery',
  version: 3,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A demand went to delivery (P-2.2), as in version 2, with the departments that took on responsibilities in ' +
    'coordination but not what each took on, which stays in intake (R-3.1, erased with the customer). Replaces ' +
    'versions 1 and 2, which intake no longer publishes. Service-delivery opens its service case from it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...releasedDemandRequired, 'departmentIds', 'occurredAt'],
    properties: {
      ...releasedDemandProperties,
      departmentIds: departmentIdsSchema,
      leadDepartmentId: idSchema,
      responsibleDepartmentIds: departmentIdsSchema,
    },
    dependentRequired: { responsibleDepartmentIds: ['leadDepartmentId'], leadDepartmentId: ['responsibleDepartmentIds'] },
    // A complex demand of several departments reaches delivery only through its coordination meeting.
    if: {
      required: ['complexity', 'departmentIds'],
      properties: { complexity: { const: 'complex' }, departmentIds: { type: 'array', minItems: 2 } },
    },
    then: { required: ['leadDepartmentId', 'responsibleDepartmentIds'] },
  },
});

// demand.reply-sent

export interface DemandReplySentV1 {
  demandId: string;
  channel: ConversationChannel;
  /** True for the first communication the customer could see: what first-response time measures. */
  firstResponse: boolean;
  sentAt: string;
  /** The user id of the sender. */
  sentBy: string;
  occurredAt: string;
}

export const DEMAND_REPLY_SENT_V1 = defineIntakeContract({
  event: 'demand.reply-sent',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A communication the customer can see was sent (a reply, or a complaint result). The first one stops ' +
    'the first-response clock. Carries no body: the conversation stays in intake.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'channel', 'firstResponse', 'sentAt', 'sentBy', 'occurredAt'],
    properties: {
      ...demandIdAndTime,
      channel: conversationChannelSchema,
      firstResponse: { type: 'boolean' },
      sentAt: instantSchema,
      sentBy: idSchema,
    },
  },
});

// demand.waiting-on-customer

export interface DemandWaitingOnCustomerV1 {
  demandId: string;
  /** From when the demand waits on the customer: SLA clocks pause here. */
  since: string;
  occurredAt: string;
}

export const DEMAND_WAITING_ON_CUSTOMER_V1 = defineIntakeContract({
  event: 'demand.waiting-on-customer',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'The demand waits on the customer (information, a test, an appointment): SLA clocks pause from `since` ' +
    'until demand.resumed.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'since', 'occurredAt'],
    properties: { ...demandIdAndTime, since: instantSchema },
  },
});

// demand.waiting-on-third-party

export interface DemandWaitingOnThirdPartyV1 {
  demandId: string;
  /** Who the demand waits on, as the agent named them: a vendor, a partner (C-3.1), a carrier. */
  party: string;
  /** From when the demand waits on the third party: clocks that pause on `waiting-on-third-party` pause here. */
  since: string;
  /**
   * The partner waited on, by its id in the resource service (C-3.1): quality monitoring measures the wait
   * against that partner's UC policy. Added later: absent, the party is no registered partner (or the wait
   * was published before partners were named by id), and no UC policy measures the wait; `party` stays as a note.
   */
  partnerId?: string;
  occurredAt: string;
}

export const DEMAND_WAITING_ON_THIRD_PARTY_V1 = defineIntakeContract({
  event: 'demand.waiting-on-third-party',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'The demand waits on a third party (a vendor, a partner, a carrier) named by `party`: clocks whose policy ' +
    'pauses on waiting-on-third-party pause from `since` until demand.resumed. The reason stays in intake, and ' +
    'a complaint’s promise keeps running.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'party', 'since', 'occurredAt'],
    properties: { ...demandIdAndTime, party: textSchema, since: instantSchema, partnerId: idSchema },
  },
});

// demand.resumed

export interface DemandResumedV1 {
  demandId: string;
  /** When the pause began: the `since` of the wait that ended. */
  waitingSince: string;
  /** SLA clocks run again from here. */
  resumedAt: string;
  /** An agent resumed it, or a message from the customer ended a wait on the customer. */
  trigger: 'agent' | 'customer-message';
  /** Which wait ended. Added later: absent, it was a wait on the customer. */
  waitedOn?: WaitedOn;
  occurredAt: string;
}

export const DEMAND_RESUMED_V1 = defineIntakeContract({
  event: 'demand.resumed',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'The wait on the customer or on a third party ended, by an agent, or by a message from the customer for a ' +
    'wait on the customer: SLA clocks run again. `waitedOn` says which wait; absent, the customer.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'waitingSince', 'resumedAt', 'trigger', 'occurredAt'],
    properties: {
      ...demandIdAndTime,
      waitingSince: instantSchema,
      resumedAt: instantSchema,
      trigger: { type: 'string', enum: ['agent', 'customer-message'] },
      waitedOn: waitedOnSchema,
    },
  },
});

// demand.resolved

export interface DemandResolvedV1 {
  demandId: string;
  /**
   * An after-sales demand's: the stage of the service process the problem points back to (P-6.3). Absent
   * on any other kind, and on after-sales demands resolved before it was recorded: not attributed.
   */
  processStage?: ProcessStage;
  resolvedAt: string;
  occurredAt: string;
}

export const DEMAND_RESOLVED_V1 = defineIntakeContract({
  event: 'demand.resolved',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'The demand was resolved; resolution clocks stop. The resolution text stays in intake. A complaint ' +
    'also publishes complaint.resolved. An after-sales demand names the process stage it points back to.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'resolvedAt', 'occurredAt'],
    properties: { ...demandIdAndTime, processStage: processStageSchema, resolvedAt: instantSchema },
  },
});

// demand.closed

export interface DemandClosedV1 {
  demandId: string;
  reason: string;
  occurredAt: string;
}

export const DEMAND_CLOSED_V1 = defineIntakeContract({
  event: 'demand.closed',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description: 'A resolved demand was closed, with the reason. Nothing more happens to it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'reason', 'occurredAt'],
    properties: { ...demandIdAndTime, reason: textSchema },
  },
});

/** Version 1 without the reason, staff text erased with the customer (R-3.1, ADR 0016). Intake publishes this version only. */
export type DemandClosedV2 = Omit<DemandClosedV1, 'reason'>;

export const DEMAND_CLOSED_V2 = defineIntakeContract({
  event: 'demand.closed',
  version: 2,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A resolved demand was closed. Nothing more happens to it. The reason stays in intake (R-3.1, erased with the ' +
    'customer); replaces version 1, which intake no longer publishes.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'occurredAt'],
    properties: { ...demandIdAndTime },
  },
});

// demand.withdrawn

export interface DemandWithdrawnV1 {
  demandId: string;
  reason: string;
  /** Where the demand stood; `in-delivery` tells service-delivery to stop the case it opened. */
  previousStatus: OpenDemandStatus;
  occurredAt: string;
}

export const DEMAND_WITHDRAWN_V1 = defineIntakeContract({
  event: 'demand.withdrawn',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'An open demand was withdrawn before resolution, with the reason and the status it had. Its clocks stop ' +
    'and any delivery of it stops.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'reason', 'previousStatus', 'occurredAt'],
    properties: { ...demandIdAndTime, reason: textSchema, previousStatus: openDemandStatusSchema },
  },
});

/** Version 1 without the reason, staff text erased with the customer (R-3.1, ADR 0016). Intake publishes this version only. */
export type DemandWithdrawnV2 = Omit<DemandWithdrawnV1, 'reason'>;

export const DEMAND_WITHDRAWN_V2 = defineIntakeContract({
  event: 'demand.withdrawn',
  version: 2,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'An open demand was withdrawn before resolution, with the status it had. Its clocks stop and any delivery of ' +
    'it stops. The reason stays in intake (R-3.1, erased with the customer); replaces version 1, which intake no ' +
    'longer publishes.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'previousStatus', 'occurredAt'],
    properties: { ...demandIdAndTime, previousStatus: openDemandStatusSchema },
  },
});
