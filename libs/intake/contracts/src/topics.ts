/** The CloudEvents `source` of everything intake publishes. */
export const INTAKE_SOURCE = '/serviceledger/intake';

/**
 * Every event about one demand, complaints included (a complaint is a demand of kind `complaint`, in
 * the same stream), goes to one topic keyed by the demand id, so a consumer sees a demand's events in
 * the order they happened. The topic's version changes only for a change that breaks its consumers.
 */
export const INTAKE_DEMAND_TOPIC = 'serviceledger.intake.demand.v1';

/**
 * A customer's erasure, keyed by the customer id. Nothing else about customers is published: their data
 * is personal.
 */
export const INTAKE_CUSTOMER_TOPIC = 'serviceledger.intake.customer.v1';

/** Intake's topics, by what they carry. */
export const INTAKE_TOPICS = { demand: INTAKE_DEMAND_TOPIC, customer: INTAKE_CUSTOMER_TOPIC } as const;

export type IntakeTopic = (typeof INTAKE_TOPICS)[keyof typeof INTAKE_TOPICS];
