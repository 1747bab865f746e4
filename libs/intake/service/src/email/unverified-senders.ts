import { commandIdFrom } from '@serviceledger/platform/core';
import { RegisterCustomer } from '@serviceledger/intake/domain';
import type { CustomerRow } from '../projections/customers.projection';
import type { DemandRow } from '../projections/demand-rows';

/**
 * The customer a mail is filed under when it did not prove its sender. Filed under the customer it
 * claimed, it would show in that customer's portal; filed under a customer made from its address, every
 * invented sender would make one. No principal belongs to this one, so no portal shows its demands.
 */
export const UNVERIFIED_SENDERS: RegisterCustomer['data'] = {
  customerId: commandIdFrom('intake.email', 'unverified-senders'),
  organisation: 'Unverified e-mail senders',
  contactPerson: 'Customer service',
  // A record needs a way to reach it (P-1.2); `.invalid` (RFC 2606) can be no one's address.
  email: 'unverified-senders@intake.serviceledger.invalid',
  tier: 'standard',
};

/** One command for the installation, so that every mail after the first replays it. */
export const REGISTER_UNVERIFIED_SENDERS_COMMAND_ID = commandIdFrom('intake.email', 'unverified-senders', 'register');

/** What a mail that did not prove its sender claimed: a demand it answered, a customer whose address it wrote from. */
export interface SenderClaim {
  demand?: Pick<DemandRow, 'reference'>;
  customer?: Pick<CustomerRow, 'customerId' | 'organisation'>;
}

/**
 * The internal note on the demand such a mail opened, for the agent who checks it: why the sender is
 * not taken as proven, and what the mail claimed, by reference and customer id rather than by the
 * address, which is personal data.
 */
export function unverifiedSenderNote(why: string, claim: SenderClaim): string {
  return [
    `Sender not verified: ${why}.`,
    ...(claim.demand ? [`The mail claims to answer demand ${claim.demand.reference}; nothing was added to that demand.`] : []),
    ...(claim.customer
      ? [
          `Its From address is that of customer ${claim.customer.customerId} (${claim.customer.organisation}); ` +
            'the demand is not filed under that customer, whose portal does not show it.',
        ]
      : []),
  ].join(' ');
}
