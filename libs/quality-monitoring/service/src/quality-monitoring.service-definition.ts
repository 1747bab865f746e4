import { ServiceDefinition } from '@serviceledger/platform/nest';
import { INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { QUALITY_MONITORING_CHANNELS, QUALITY_MONITORING_TOPICS } from '@serviceledger/quality-monitoring/contracts';
import { clockConsumer } from './clocks/clock-consumer';
import { clockDueSender, clockSchedule } from './clocks/clock-schedule';
import { checksProjection } from './checks/checks.projection';
import { findingsProjection } from './findings/findings.projection';
import { attributionConsumer } from './improvement/attribution-consumer';
import { stageAnalysisProjection } from './improvement/stage-analysis.projection';
import { clocksProjection } from './projections/clocks.projection';
import { SERVICE_DELIVERY_CASE_TOPIC, SERVICE_DELIVERY_STANDARD_TOPIC } from '@serviceledger/service-delivery/contracts';
import { deliveryStandardConsumer } from './checks/delivery-standard-consumer';
import { performanceFactConsumer } from './periods/performance-fact-consumer';
import { performanceFactsProjection } from './periods/performance-facts.projection';
import { qualityMonitoringRelay } from './periods/period-relay';
import { PARTNER_TOPIC } from '@serviceledger/resource/contracts';
import { partnerPolicyConsumer } from './administration/partner-policies';
import { QUALITY_MONITORING_ANALYTICS_VIEWS } from './analytics-views';

/**
 * What the platform runs for quality monitoring: the clocks projection, the consumer of intake's demand
 * events and service-delivery's case events (next-update clocks) that drives the clocks, the schedule that raises warnings and breaches, and the relay of its
 * public clock events.
 * Period evaluation adds the performance-facts projection, the consumer that keeps intake's and
 * service-delivery's facts for the indicators, and `period.closed` / `period.scorecard-adjusted` on the relay.
 * Continuous improvement (P-6.3) adds the consumer that attributes after-sales problems from both ways in to
 * process stages, and the stage-analysis projection of those and of the improvement measures.
 * Partners (C-3.1) add the consumer that keeps each partner's signed service standards as its UC policies.
 */
export const qualityMonitoringService: ServiceDefinition = {
  name: 'quality-monitoring',
  description:
    'Business calendars, SLA policies and clocks, daily checks, findings with rectification and re-check, improvement measures, monthly and quarterly department scorecards and ranking',
  projections: [clocksProjection, findingsProjection, checksProjection, performanceFactsProjection, stageAnalysisProjection],
  analyticsViews: QUALITY_MONITORING_ANALYTICS_VIEWS,
  relay: qualityMonitoringRelay,
  channels: QUALITY_MONITORING_CHANNELS,
  topics: [...Object.values(QUALITY_MONITORING_TOPICS), INTAKE_DEMAND_TOPIC, SERVICE_DELIVERY_CASE_TOPIC, SERVICE_DELIVERY_STANDARD_TOPIC, PARTNER_TOPIC],
  consumers: [clockConsumer, performanceFactConsumer, attributionConsumer, deliveryStandardConsumer, partnerPolicyConsumer],
  schedules: [{ definition: clockSchedule, sender: clockDueSender }],
};
