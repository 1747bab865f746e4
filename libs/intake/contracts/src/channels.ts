import { ChannelDefinition } from '@serviceledger/platform/core';
import { INTAKE_CUSTOMER_TOPIC, INTAKE_DEMAND_TOPIC } from './topics';

/** Intake's topics as subscribers see them (the AsyncAPI document's channels). */
export const INTAKE_CHANNELS: readonly ChannelDefinition[] = [
  {
    topic: INTAKE_DEMAND_TOPIC,
    description:
      "Every event about one customer's demand, from its registration to its closure or withdrawal, complaints included " +
      '(a complaint is a demand of kind `complaint`, in the same stream): triage, assignment, coordination, release to ' +
      'service delivery, replies, waits, resolution. Service delivery opens cases from it, quality monitoring runs the ' +
      'SLA clocks on it, risk and resource read signals from it.',
    key: 'The demand id (`demandId`): one demand’s events stay on one partition, in the order they happened.',
  },
  {
    topic: INTAKE_CUSTOMER_TOPIC,
    description:
      'A customer’s erasure (R-3.1): subscribers erase what they keep about the customer. Nothing else about customers ' +
      'is published; their data is personal.',
    key: 'The customer id (`customerId`).',
  },
];
