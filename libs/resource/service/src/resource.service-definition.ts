import { ServiceDefinition } from '@serviceledger/platform/nest';
import { composeResourceRelay } from './resource-relay';

/**
 * What the platform runs for resources: the projections of its read side, the relay of its public events (one
 * part per concept, composed in resource-relay.ts), the consumers of other services' events and the schedules of
 * its reminders.
 */
export const resourceService: ServiceDefinition = {
  name: 'resource',
  projections: [],
  relay: composeResourceRelay([]),
  topics: [],
  consumers: [],
  schedules: [],
};
