import { ServiceDefinition } from '@serviceledger/platform/nest';
import { INTAKE_CHANNELS, INTAKE_TOPICS } from '@serviceledger/intake/contracts';
import { demandUpcasters, intakePersonalData } from '@serviceledger/intake/domain';
import { personalDataRegisterProjection } from './access-register/personal-data-register.projection';
import { intakeRelay } from './contracts/intake-contract-mapper';
import { customersProjection } from './projections/customers.projection';
import { demandsProjection } from './projections/demands.projection';
import { INTAKE_ANALYTICS_VIEWS } from './analytics-views';

/** What the platform runs for intake: its projections, the relay of its public events, and how older events read today. */
export const intakeService: ServiceDefinition = {
  name: 'intake',
  description:
    'Customers and their demands over phone, web and e-mail: registration, triage, assignment, replies, coordination, complaints, and the register of access to customers’ personal data',
  projections: [demandsProjection, customersProjection, personalDataRegisterProjection],
  analyticsViews: INTAKE_ANALYTICS_VIEWS,
  relay: intakeRelay,
  channels: INTAKE_CHANNELS,
  topics: Object.values(INTAKE_TOPICS),
  upcasters: demandUpcasters,
  personalData: intakePersonalData,
};
