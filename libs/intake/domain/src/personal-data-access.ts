import { Command, Decider, DomainEvent } from '@serviceledger/platform/core';

/** every unmasked read of a customer's personal data, kept beside the customer. */
export const personalDataAccessStream = (customerId: string): string => `intake.personal-data-access-${customerId}`;

export type RecordPersonalDataAccess = Command<
  'RecordPersonalDataAccess',
  { customerId: string; fields: string[]; reason: string; record: { type: string; id: string } }
>;
export type PersonalDataAccessed = DomainEvent<
  'PersonalDataAccessed',
  { customerId: string; fields: string[]; reason: string; record: { type: string; id: string }; accessedBy: string; accessedAt: string }
>;

/** An audit log: no rule can refuse an access that already happened, so it only records. */
export const personalDataAccessLog: Decider<RecordPersonalDataAccess, PersonalDataAccessed, null> = {
  initialState: () => null,
  evolve: (state) => state,
  appendOnly: true,
  decide: ({ data, metadata }) => [
    { type: 'PersonalDataAccessed', data: { ...data, accessedBy: metadata.actor.userId, accessedAt: metadata.at } },
  ],
};
