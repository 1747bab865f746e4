import { ChannelDefinition } from '@serviceledger/platform/core';
import { QUALITY_CHECK_TOPIC, QUALITY_CLOCK_TOPIC, QUALITY_FINDING_TOPIC, QUALITY_PERIOD_TOPIC } from './topics';

/** Quality-monitoring's topics as subscribers see them (the AsyncAPI document's channels). */
export const QUALITY_MONITORING_CHANNELS: readonly ChannelDefinition[] = [
  {
    topic: QUALITY_CLOCK_TOPIC,
    description: 'SLA clocks of a case (`spec/sla-and-metrics.md`): a warning threshold reached, a breach, an escalation, a clock stopped with its result. Risk reads breaches as signals.',
    key: 'The case id (`caseId`, the demand id): one case’s clock events stay in order.',
  },
  {
    topic: QUALITY_PERIOD_TOPIC,
    description: 'Closed evaluation periods with their frozen scorecards, and later adjustments (Q-2.2). HR appraisals are fed from it.',
    key: 'The period (`period`): `YYYY-MM` for a month, `YYYY-Qn` for a quarter.',
  },
  {
    topic: QUALITY_FINDING_TOPIC,
    description: 'Quality findings and their rectification rounds (Q-3): raised, scheduled, reported, re-checked. Risk reads them as signals (K-3.2).',
    key: 'The finding id (`findingId`): a finding’s rounds stay in order.',
  },
  {
    topic: QUALITY_CHECK_TOPIC,
    description: 'Daily checks’ results (Q-2.1). Risk reads them as signals (K-3.2).',
    key: 'The id of the case checked (`caseId`).',
  },
];
