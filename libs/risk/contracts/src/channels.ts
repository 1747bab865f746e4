import { ChannelDefinition } from '@serviceledger/platform/core';
import { RISK_REGISTER_TOPIC, RISK_WARNING_TOPIC } from './topics';

/** Risk's topics as subscribers see them (the AsyncAPI document's channels). */
export const RISK_CHANNELS: readonly ChannelDefinition[] = [
  {
    topic: RISK_REGISTER_TOPIC,
    description: 'The risk register’s public events (K-1.2, K-2.1, K-3.1): assessments, overdue response actions and overdue reviews.',
    key: 'The risk id (`riskId`): one risk’s events stay in order.',
  },
  {
    topic: RISK_WARNING_TOPIC,
    description: 'Early warnings (K-3.2): raised from indicators over the other services’ signals, acknowledged, closed.',
    key: 'The warning id (`warningId`).',
  },
];
