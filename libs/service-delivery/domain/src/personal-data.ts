import { PersonalDataDeclarations } from '@serviceledger/platform/core';
import { CustomerDataErased } from './customer-erasure';
import { ServiceCaseOpened } from './service-case';

/** Who signed an acceptance report, and the comments the customer wrote on it: a name typed there is not recognised. */
const ACCEPTANCE_PERSONAL_FIELDS = ['signatory.name', 'signatory.title', 'comments'];

/**
 * Where service-delivery's events hold a customer's personal data (R-3.1, ADR 0016): the person who
 * signed an acceptance report and the report's comments. The platform stores them encrypted with the key
 * of the case's customer, which the opening of the case names. A customer erased in intake is erased here by `CustomerDataErased`,
 * which destroys this service's key of theirs (shredding a key already shredded changes nothing).
 */
export const serviceDeliveryPersonalData: PersonalDataDeclarations = {
  personal: [
    { eventType: 'ServiceCaseOpened', fields: [], subject: (data: ServiceCaseOpened['data']) => data.customerId },
    { eventType: 'AcceptancePassed', fields: ACCEPTANCE_PERSONAL_FIELDS, subject: 'stream' },
    { eventType: 'AcceptanceRejected', fields: ACCEPTANCE_PERSONAL_FIELDS, subject: 'stream' },
  ],
  erasures: [{ eventType: 'CustomerDataErased', subject: (data: CustomerDataErased['data']) => data.customerId }],
};
