/** The CloudEvents `source` of everything quality-monitoring publishes. */
export const QUALITY_MONITORING_SOURCE = '/serviceledger/quality-monitoring';

/**
 * Every event about one SLA clock goes to one topic keyed by the case id (the demand id), so a consumer
 * sees a case's clock events in the order they happened. The version changes only for a breaking change.
 */
export const QUALITY_CLOCK_TOPIC = 'serviceledger.quality-monitoring.clock.v1';

/** Closed periods and their adjustments, keyed by the period (`YYYY-MM`, `YYYY-Qn`). */
export const QUALITY_PERIOD_TOPIC = 'serviceledger.quality-monitoring.period.v1';

/** Quality findings and their rectification rounds (Q-3; K-3.2 signals), keyed by the finding id. */
export const QUALITY_FINDING_TOPIC = 'serviceledger.quality-monitoring.finding.v1';

/** Daily checks' results (Q-2.1; K-3.2 signals), keyed by the case checked. */
export const QUALITY_CHECK_TOPIC = 'serviceledger.quality-monitoring.check.v1';

export const QUALITY_MONITORING_TOPICS = { clock: QUALITY_CLOCK_TOPIC, period: QUALITY_PERIOD_TOPIC, finding: QUALITY_FINDING_TOPIC, check: QUALITY_CHECK_TOPIC } as const;

export type QualityMonitoringTopic = (typeof QUALITY_MONITORING_TOPICS)[keyof typeof QUALITY_MONITORING_TOPICS];
