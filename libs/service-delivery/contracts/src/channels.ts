import { ChannelDefinition } from '@serviceledger/platform/core';
import { SERVICE_DELIVERY_CASE_TOPIC, SERVICE_DELIVERY_MEETING_TOPIC, SERVICE_DELIVERY_STANDARD_TOPIC } from './topics';

/** Service-delivery's topics as subscribers see them (the AsyncAPI document's channels). */
export const SERVICE_DELIVERY_CHANNELS: readonly ChannelDefinition[] = [
  {
    topic: SERVICE_DELIVERY_CASE_TOPIC,
    description:
      'Every event about one service case: its plan and approval, delivery, milestones, progress reports, acceptance and ' +
      'rectification, follow-up visits, after-sales problems, closure or cancellation. Quality monitoring runs its clocks and ' +
      'facts on it; resource and risk read signals from it.',
    key: 'The case id (`caseId`), which is the id of the demand the case was opened for.',
  },
  {
    topic: SERVICE_DELIVERY_STANDARD_TOPIC,
    description: 'Published versions of technical standards (P-4.2), which quality monitoring checks deliveries against.',
    key: 'The standard id (`standardId`).',
  },
  {
    topic: SERVICE_DELIVERY_MEETING_TOPIC,
    description:
      'Internal meetings (C-1.1): a weekly, monthly or quarterly meeting missed at the end of its period, a meeting held ' +
      'without a report from a department its cadence expects, an action agreed at a meeting left open past its due date.',
    key: 'The meeting kind (`kind`) for missed meetings and departments not reporting; the meeting id (`meetingId`) for overdue actions.',
  },
];
