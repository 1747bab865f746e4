import { ServiceDefinition } from '@serviceledger/platform/nest';
import { RISK_CHANNELS, RISK_REGISTER_TOPIC, RISK_WARNING_TOPIC } from '@serviceledger/risk/contracts';
import { indicatorConsumer } from './indicators/indicator-consumer';
import { SIGNAL_TOPICS } from './indicators/signal-sources';
import { registerProjection } from './register/register.projection';
import { riskRelay } from './register/register-relay';
import { RESPONSE_SCHEDULE } from './responses/response-schedule';
import { REVIEW_SCHEDULE } from './reviews/review-schedule';
import { ROUND_SCHEDULE } from './rounds/round-schedule';
import { roundsProjection } from './rounds/rounds.projection';
import { warningsProjection } from './warnings/warnings.projection';
import { RISK_ANALYTICS_VIEWS } from './analytics-views';

/**
 * What the platform runs for risk: the register's, assessments' and reviews' projections, the relay of the
 * register's public events, the schedules of rounds, reviews and response actions, and the indicators'
 * consumers and early warnings.
 */
export const riskService: ServiceDefinition = {
  name: 'risk',
  description:
    'The risk register, assessment on the likelihood × impact matrix and its heat map, responses under the response rules, reviews and assessment rounds, risk indicators and early warnings',
  projections: [registerProjection, roundsProjection, warningsProjection],
  analyticsViews: RISK_ANALYTICS_VIEWS,
  relay: riskRelay,
  channels: RISK_CHANNELS,
  topics: [RISK_REGISTER_TOPIC, RISK_WARNING_TOPIC, ...SIGNAL_TOPICS],
  consumers: [indicatorConsumer],
  schedules: [ROUND_SCHEDULE, REVIEW_SCHEDULE, RESPONSE_SCHEDULE],
};
