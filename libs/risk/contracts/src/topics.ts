/** The CloudEvents `source` of everything risk publishes. */
export const RISK_SOURCE = '/serviceledger/risk';

/**
 * The register's public events (K-1.2, K-2.1, K-3.1): assessments, overdue response actions and overdue
 * reviews, keyed by the risk id so a consumer sees one risk's events in order.
 */
export const RISK_REGISTER_TOPIC = 'serviceledger.risk.register.v1';

/** Early warnings (K-3.2), keyed by the warning id. */
export const RISK_WARNING_TOPIC = 'serviceledger.risk.warning.v1';

export const RISK_TOPICS = { register: RISK_REGISTER_TOPIC, warning: RISK_WARNING_TOPIC } as const;

export type RiskTopic = (typeof RISK_TOPICS)[keyof typeof RISK_TOPICS];
