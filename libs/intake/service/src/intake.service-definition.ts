import { ServiceDefinition } from '@serviceledger/platform/nest';
import { INTAKE_CHANNELS, INTAKE_TOPICS } from '@serviceledger/intake/contracts';
import { QUALITY_CLOCK_TOPIC } from '@serviceledger/quality-monitoring/contracts';
import { SERVICE_DELIVERY_CASE_TOPIC } from '@serviceledger/service-delivery/contracts';
import { demandUpcasters, intakePersonalData } from '@serviceledger/intake/domain';
import { personalDataRegisterProjection } from './access-register/personal-data-register.projection';
import { intakeRelay } from './contracts/intake-contract-mapper';
import { deliveryOutcome } from './delivery/delivery-outcome';
import { clockEscalations } from './escalations/clock-escalations';
import { customersProjection } from './projections/customers.projection';
import { demandsProjection } from './projections/demands.projection';
import { INTAKE_ANALYTICS_VIEWS } from './analytics-views';

/**
 * What the platform runs for intake: its projections, the relay of its public events, the consumers of service
 * delivery's case outcomes and of quality monitoring's clock escalations, and how older events read today.
 */
export const intakeService: ServiceDefinition = {
  name: 'intake',
  description:
    'Customers and their demands over phone, web and e-mail: registration, triage, assignment, replies, coordination, complaints, and the register of access to customers’ personal data',
  projections: [demandsProjection, customersProjection, personalDataRegisterProjection],
  analyticsViews: INTAKE_ANALYTICS_VIEWS,
  relay: intakeRelay,
  channels: INTAKE_CHANNELS,
  topics: [...Object.values(INTAKE_TOPICS), SERVICE_DELIVERY_CASE_TOPIC, QUALITY_CLOCK_TOPIC],
  consumers: [deliveryOutcome, clockEscalations],
  upcasters: demandUpcasters,
  personalData: intakePersonalData,
};
