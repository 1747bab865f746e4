import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';

/** P-3.1: the set time within which the responsible department drafts the first plan version. */
export const DEFAULT_PLAN_DRAFTING_HOURS = 48;
/** P-4.3: how often the customer is owed a progress report during delivery. */
export const DEFAULT_PROGRESS_REPORT_INTERVAL_HOURS = 72;

/** Who the service's own commands (hand-off, policies, due times) are recorded as. */
export const SERVICE_DELIVERY_ACTOR: Actor = { userId: 'service-delivery', roles: [], departments: [] };

/** The case of a demand: one per demand, whichever replica or redelivery opens it. */
export const caseIdFor = (demandId: string): string => commandIdFrom('service-delivery.case', demandId);

/** The metadata of a command that follows from another one, with an id derived from it, so a retry repeats nothing. */
export function followOn(metadata: CommandMetadata, step: string): CommandMetadata {
  return { ...metadata, commandId: commandIdFrom(metadata.commandId, step), causationId: metadata.commandId };
}

/** The metadata of a command the service sends itself (a consumed message, a due time). */
export function systemMetadata(commandId: string, at: string, correlationId = commandId): CommandMetadata {
  return { commandId, at, actor: SERVICE_DELIVERY_ACTOR, correlationId };
}
