import { Actor, RuleViolation } from '@serviceledger/platform/core';
import { DemandChannel, WebSubChannel } from './classification';
import { CUSTOMER_SERVICE_DEPARTMENT } from './department-registry';

/**
 * 二(一)2 "及時記錄：客服人員接到客戶需求后，應詳細、準確地記錄…": when a demand was received (the call taken,
 * the mail delivered) as well as when it was registered, so quality monitoring can measure the delay
 * between them (its `recording-delay` metric).
 *
 * The instant comes from another clock (the agent's note of the call, the mail's headers), so it may run
 * a little ahead of ours: up to MAX_RECEIPT_CLOCK_SKEW_MS after the registration it counts as received
 * when registered; beyond that it is in the future and refused. A portal demand is received as the
 * customer enters it, so it takes no other instant.
 */
export const MAX_RECEIPT_CLOCK_SKEW_MS = 2 * 60_000;

export interface DemandReceipt {
  channel: DemandChannel;
  subChannel?: WebSubChannel;
  /** When the demand reached us; left out: when it was registered. */
  receivedAt?: string;
}

/** The instant to record as received, or undefined when the demand was received as it was registered. */
export function receivedBeforeRegistration({ channel, subChannel, receivedAt }: DemandReceipt, registeredAt: string): string | undefined {
  if (receivedAt === undefined) return undefined;
  const received = Date.parse(receivedAt);
  if (Number.isNaN(received)) {
    throw new RuleViolation('invalid-received-at', `"${receivedAt}" is not an instant`);
  }
  const registered = Date.parse(registeredAt);
  if (channel === 'web' && subChannel === 'portal' && received !== registered) {
    throw new RuleViolation(
      'received-at-portal',
      'A portal demand is received as the customer registers it; it takes no other time of receipt',
    );
  }
  if (received > registered + MAX_RECEIPT_CLOCK_SKEW_MS) {
    throw new RuleViolation(
      'received-in-the-future',
      `A demand registered at ${registeredAt} cannot have been received at ${receivedAt}, after it`,
    );
  }
  return received < registered ? new Date(received).toISOString() : undefined;
}

/**
 * The department that answers for recording a demand promptly: 二(一)2 puts it on customer service
 * ("客服人員接到客戶需求后，應詳細、準確地記錄"), whoever later handles the demand. The registering actor's
 * department: customer service when they belong to it (an agent in several departments registers as customer
 * service), else their first; a demand no department's staff registered (a customer on the portal, a mail
 * relay, a cross-department role) lands with customer service, which takes every demand in.
 */
export function registeringDepartmentOf(actor: Actor): string {
  if (actor.departments.includes(CUSTOMER_SERVICE_DEPARTMENT)) return CUSTOMER_SERVICE_DEPARTMENT;
  return actor.departments[0] ?? CUSTOMER_SERVICE_DEPARTMENT;
}
