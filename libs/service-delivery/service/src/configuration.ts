import { Actor, commandIdFrom } from '@serviceledger/platform/core';

/** Who the service's own commands (hand-off, policies, due times) are recorded as. */
export const SERVICE_DELIVERY_ACTOR: Actor = { userId: 'service-delivery', roles: [], departments: [] };

/** The case of a demand: one per demand, whichever replica or redelivery opens it. */
export const caseIdFor = (demandId: string): string => commandIdFrom('service-delivery.case', demandId);
