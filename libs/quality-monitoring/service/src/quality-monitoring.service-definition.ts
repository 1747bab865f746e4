import { ServiceDefinition } from '@serviceledger/platform/nest';
import { INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { QUALITY_MONITORING_TOPICS } from '@serviceledger/quality-monitoring/contracts';
import { clockConsumer } from './clocks/clock-consumer';
import { clockDueSender, clockSchedule } from './clocks/clock-schedule';
import { qualityRelay } from './contracts/quality-contract-mapper';
import { checksProjection } from './checks/checks.projection';
import { findingsProjection } from './findings/findings.projection';
import { clocksProjection } from './projections/clocks.projection';

/**
 * What the platform runs for quality monitoring: the clocks projection, the consumer of intake's demand
 * events that drives the clocks, the schedule that raises warnings and breaches, and the relay of its
 * public clock events.
 */
export const qualityMonitoringService: ServiceDefinition = {
  name: 'quality-monitoring',
  projections: [clocksProjection, findingsProjection, checksProjection],
  relay: qualityRelay,
  topics: [...Object.values(QUALITY_MONITORING_TOPICS), INTAKE_DEMAND_TOPIC],
  consumers: [clockConsumer],
  schedules: [{ definition: clockSchedule, sender: clockDueSender }],
};
