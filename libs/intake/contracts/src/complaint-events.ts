import { defineIntakeContract } from './contract';
import { INTAKE_DEMAND_TOPIC } from './topics';
import { demandIdAndTime, instantSchema, prioritySchema, textSchema } from './schema-fragments';
import { Priority } from './vocabulary';

/**
 * Complaints (C-2.3). A complaint is a demand of kind `complaint`, so its events go to the demand topic
 * under the demand's key, in order with the demand's own events: complaint.registered right after
 * demand.registered (or after the demand.reclassified that made the demand a complaint),
 * complaint.resolved right after demand.resolved. The handling steps and the result
 * text stay in intake; the result reaching the customer is published as demand.reply-sent.
 *
 * C-2.3 "向客戶承諾處理時間和結果": the promise covers the handling time and the result. Version 2 of each
 * event carries the result promised and whether it was delivered; it is published beside version 1
 * (ADR 0012), under its own message id, for every complaint promised a result. A consumer reads one
 * version of an event, never both: the same complaint arrives once as each. complaint.registered.v3 has
 * replaced v2: it says whether a result was promised, not what (the text is the customer's, R-3.1).
 */

// complaint.registered

export interface ComplaintRegisteredV1 {
  demandId: string;
  priority: Priority;
  /** The handling time promised to the customer, in hours: the agent's, or the default for the priority. */
  promisedHandlingHours: number;
  /**
   * When the promise falls due, counted from when it was given (`occurredAt`: the registration, or the
   * reclassification that made the demand a complaint); waiting on the customer moves it in intake.
   */
  dueAt: string;
  occurredAt: string;
}

const complaintRegisteredProperties = {
  ...demandIdAndTime,
  priority: prioritySchema,
  promisedHandlingHours: { type: 'number', exclusiveMinimum: 0 },
  dueAt: instantSchema,
} as const;

export const COMPLAINT_REGISTERED_V1 = defineIntakeContract({
  event: 'complaint.registered',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A complaint was registered with the handling time promised to the customer (C-2.3), due from occurredAt. ' +
    'Follows the demand.registered of the same demand, or the demand.reclassified that made it a complaint.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'priority', 'promisedHandlingHours', 'dueAt', 'occurredAt'],
    properties: complaintRegisteredProperties,
  },
});

/** Version 1 and the result promised to the customer. */
export interface ComplaintRegisteredV2 extends ComplaintRegisteredV1 {
  /** What the handling is promised to bring the customer, as the agent told them. */
  promisedResult: string;
}

export const COMPLAINT_REGISTERED_V2 = defineIntakeContract({
  event: 'complaint.registered',
  version: 2,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A complaint was registered with the handling time and the result promised to the customer (C-2.3 ' +
    '向客戶承諾處理時間和結果), due from occurredAt. Published beside complaint.registered.v1 for every ' +
    'complaint promised a result.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'priority', 'promisedHandlingHours', 'promisedResult', 'dueAt', 'occurredAt'],
    properties: { ...complaintRegisteredProperties, promisedResult: textSchema },
  },
});

/**
 * Version 1 and whether a result was promised, without the promise's text: the text is the customer's
 * personal free text (ADR 0016), and a copy on Kafka would outlive the customer's erasure. Published beside
 * version 1 for every complaint, in place of version 2, which intake no longer publishes.
 */
export interface ComplaintRegisteredV3 extends ComplaintRegisteredV1 {
  /** A result was promised to the customer (its text stays in intake); false for a complaint registered before results were promised. */
  resultPromised: boolean;
}

export const COMPLAINT_REGISTERED_V3 = defineIntakeContract({
  event: 'complaint.registered',
  version: 3,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A complaint was registered with the handling time promised to the customer, due from occurredAt, and ' +
    'whether a result was promised too (C-2.3 向客戶承諾處理時間和結果); the result\'s text stays in intake with ' +
    'the customer\'s other free text (R-3.1). Published beside complaint.registered.v1 for every complaint; ' +
    'replaces version 2, which intake no longer publishes.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'priority', 'promisedHandlingHours', 'resultPromised', 'dueAt', 'occurredAt'],
    properties: { ...complaintRegisteredProperties, resultPromised: { type: 'boolean' } },
  },
});

// complaint.resolved

export interface ComplaintResolvedV1 {
  demandId: string;
  /** The promise's due time when the complaint was resolved, pauses for the customer included. */
  dueAt: string;
  resolvedAt: string;
  /** Whether the promise to the customer was kept. */
  withinPromise: boolean;
  occurredAt: string;
}

const complaintResolvedProperties = {
  ...demandIdAndTime,
  dueAt: instantSchema,
  resolvedAt: instantSchema,
  withinPromise: { type: 'boolean' },
} as const;

export const COMPLAINT_RESOLVED_V1 = defineIntakeContract({
  event: 'complaint.resolved',
  version: 1,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A complaint was resolved, after its result was communicated to the customer (C-2.3), and whether the ' +
    'promised handling time was kept. Follows the demand.resolved of the same demand.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'dueAt', 'resolvedAt', 'withinPromise', 'occurredAt'],
    properties: complaintResolvedProperties,
  },
});

/** Version 1 and whether the promised result was delivered. */
export interface ComplaintResolvedV2 extends ComplaintResolvedV1 {
  /** Whether the complaint got the result it was promised (complaint.registered.v2 `promisedResult`). */
  promisedResultDelivered: boolean;
}

export const COMPLAINT_RESOLVED_V2 = defineIntakeContract({
  event: 'complaint.resolved',
  version: 2,
  topic: INTAKE_DEMAND_TOPIC,
  description:
    'A complaint was resolved, with whether the promised handling time was kept and whether the promised ' +
    'result was delivered (C-2.3 向客戶承諾處理時間和結果). Published beside complaint.resolved.v1 for every ' +
    'complaint promised a result; why a result was not delivered stays in intake.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demandId', 'dueAt', 'resolvedAt', 'withinPromise', 'promisedResultDelivered', 'occurredAt'],
    properties: { ...complaintResolvedProperties, promisedResultDelivered: { type: 'boolean' } },
  },
});
