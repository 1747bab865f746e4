import { ServiceDefinition } from '@serviceledger/platform/nest';
import { INTAKE_TOPICS } from '@serviceledger/intake/contracts';
import { intakeRelay } from './contracts/intake-contract-mapper';
import { customersProjection } from './projections/customers.projection';
import { demandsProjection } from './projections/demands.projection';

/** What the platform runs for intake: its projections and the relay of its public events. */
export const intakeService: ServiceDefinition = {
  name: 'intake',
  projections: [demandsProjection, customersProjection],
  relay: intakeRelay,
  topics: Object.values(INTAKE_TOPICS),
};
