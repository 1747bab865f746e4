import { Aggregate, Command, Decider, DomainEvent, streamOf } from '@serviceledger/platform/core';

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

/** every unmasked read of a customer's personal data, kept beside the customer. No scope of its own: the read it records was scoped. */
export const personalDataAccessLogs: Aggregate<RecordPersonalDataAccess, PersonalDataAccessed, null> = {
  name: 'Personal data access log',
  streamPrefix: 'intake.personal-data-access-',
  decider: personalDataAccessLog,
  idOf: (command) => command.data.customerId,
  creates: 'any',
};

export const personalDataAccessStream = (customerId: string): string => streamOf(personalDataAccessLogs, customerId);
