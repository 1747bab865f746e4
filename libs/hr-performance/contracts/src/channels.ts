import { ChannelDefinition } from '@serviceledger/platform/core';
import { HR_STAFF_TOPIC } from './topics';

/** Hr-performance's topics as subscribers see them (the AsyncAPI document's channels). */
export const HR_PERFORMANCE_CHANNELS: readonly ChannelDefinition[] = [
  {
    topic: HR_STAFF_TOPIC,
    description:
      'Every public event about a member of staff: training completed, onboarding overdue, departures, finalised ' +
      'appraisals and promotion decisions. Risk reads departures and overdue onboarding as signals.',
    key: 'The employee id (`employeeId`, the identity provider’s subject): one person’s events stay in order.',
  },
];
