import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';

/** Who the service's own commands (hand-off, policies, due times) are recorded as. */
export const SERVICE_DELIVERY_ACTOR: Actor = { userId: 'service-delivery', roles: [], departments: [] };

/** The case of a demand: one per demand, whichever replica or redelivery opens it. */
export const caseIdFor = (demandId: string): string => commandIdFrom('service-delivery.case', demandId);

/** The metadata of a command the service sends itself (a consumed message, a due time). */
export function systemMetadata(commandId: string, at: string, correlationId = commandId): CommandMetadata {
  return { commandId, at, actor: SERVICE_DELIVERY_ACTOR, correlationId };
}
