import { CommandMetadata } from './command';
import { Actor } from './envelope';
import { commandIdFrom } from './ids';

/** Who seeds an empty installation's configuration (calendars, policies, rule books, surveys). */
export const SEED_ACTOR: Actor = { userId: 'system:seed', roles: ['administrator'], departments: [] };

/** A seed command's metadata: its id is fixed per service and seed, so replicas seeding at once append it once. */
export function seedMetadata(service: string, seed: string, at: Date): CommandMetadata {
  const commandId = commandIdFrom(`${service}-seed`, seed);
  return { commandId, at: at.toISOString(), actor: SEED_ACTOR, correlationId: commandId };
}
