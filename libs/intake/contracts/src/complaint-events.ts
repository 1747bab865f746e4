import { defineIntakeContract } from './contract';
import { INTAKE_DEMAND_TOPIC } from './topics';
import { demandIdAndTime, instantSchema, prioritySchema } from './schema-fragments';
import { Priority } from './vocabulary';

/**
 * Complaints (C-2.3). A complaint is a demand of kind `complaint`, so its events go to the demand topic
 * under the demand's key, in order with the demand's own events: complaint.registered right after
 * demand.registered (or after the demand.reclassified that made the demand a complaint),
 * complaint.resolved right after demand.resolved. The handling steps and the result
 * text stay in intake; the result reaching the customer is published as demand.reply-sent.
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
    properties: {
      ...demandIdAndTime,
      priority: prioritySchema,
      promisedHandlingHours: { type: 'number', exclusiveMinimum: 0 },
      dueAt: instantSchema,
    },
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
    properties: {
      ...demandIdAndTime,
      dueAt: instantSchema,
      resolvedAt: instantSchema,
      withinPromise: { type: 'boolean' },
    },
  },
});
