import { PersonalDataDeclarations } from '@serviceledger/platform/core';
import { CustomerErased, CustomerRegistered, CustomerUpdated, PERSONAL_FIELDS } from './customer';
import { DEMAND_PERSONAL_FIELDS, DemandRegistered } from './demand';

/**
 * Where intake's events hold a customer's personal data (R-3.1, ADR 0016): the platform stores these
 * fields encrypted with the customer's data key, and `CustomerErased` destroys that key. A message on a
 * demand names no customer: it belongs to the customer its demand was registered for.
 */
export const intakePersonalData: PersonalDataDeclarations = {
  personal: [
    { eventType: 'CustomerRegistered', fields: PERSONAL_FIELDS, subject: (data: CustomerRegistered['data']) => data.customerId },
    {
      eventType: 'CustomerUpdated',
      fields: PERSONAL_FIELDS.map((field) => `changes.${field}`),
      subject: (data: CustomerUpdated['data']) => data.customerId,
    },
    { eventType: 'DemandRegistered', fields: DEMAND_PERSONAL_FIELDS, subject: (data: DemandRegistered['data']) => data.customerId },
    { eventType: 'CustomerMessageReceived', fields: ['from'], subject: 'stream' },
  ],
  erasures: [{ eventType: 'CustomerErased', subject: (data: CustomerErased['data']) => data.customerId }],
};
