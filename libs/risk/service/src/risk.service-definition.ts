import { ServiceDefinition } from '@serviceledger/platform/nest';

/**
 * What the platform runs for risk: the register's, assessments' and reviews' projections, the relay of the
 * register's public events, the schedules of rounds, reviews and response actions, and the indicators'
 * consumers and early warnings.
 */
export const riskService: ServiceDefinition = {
  name: 'risk',
  projections: [],
  topics: [],
  consumers: [],
  schedules: [],
};
