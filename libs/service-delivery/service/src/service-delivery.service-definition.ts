import { ServiceDefinition } from '@serviceledger/platform/nest';
import { INTAKE_CUSTOMER_TOPIC, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { SERVICE_DELIVERY_CHANNELS, SERVICE_DELIVERY_TOPICS } from '@serviceledger/service-delivery/contracts';
import { serviceDeliveryPersonalData } from '@serviceledger/service-delivery/domain';
import { serviceDeliveryRelay } from './contracts/service-delivery-contract-mapper';
import { intakeCustomerErasure } from './customer-erasure/intake-customer-erasure';
import { intakeHandOff } from './hand-off/intake-hand-off';
import { casesProjection } from './projections/cases.projection';
import { meetingsProjection } from './projections/meetings.projection';
import { DELIVERY_SCHEDULES } from './schedules/delivery-schedules';
import { SERVICE_DELIVERY_ANALYTICS_VIEWS } from './analytics-views';

/** What the platform runs for service-delivery: its projections, relay, intake hand-off and customer-erasure consumers and due times. */
export const serviceDeliveryService: ServiceDefinition = {
  name: 'service-delivery',
  description:
    'Service cases from plan to after-sales: plans with head and expert review, teams, milestones, progress reports, acceptance and rectification, follow-up visits, satisfaction surveys, after-sales problems, project meetings',
  projections: [casesProjection, meetingsProjection],
  analyticsViews: SERVICE_DELIVERY_ANALYTICS_VIEWS,
  relay: serviceDeliveryRelay,
  channels: SERVICE_DELIVERY_CHANNELS,
  topics: [...Object.values(SERVICE_DELIVERY_TOPICS), INTAKE_DEMAND_TOPIC, INTAKE_CUSTOMER_TOPIC],
  consumers: [intakeHandOff, intakeCustomerErasure],
  schedules: DELIVERY_SCHEDULES,
  personalData: serviceDeliveryPersonalData,
};
