import { ServiceDefinition } from '@serviceledger/platform/nest';

/**
 * What the platform runs for HR performance: its projections, the relay of its public staff events, the topics,
 * consumers and schedules, and the personal data its events carry.
 */
export const hrPerformanceService: ServiceDefinition = {
  name: 'hr-performance',
  projections: [],
  topics: [],
  consumers: [],
  schedules: [],
};
