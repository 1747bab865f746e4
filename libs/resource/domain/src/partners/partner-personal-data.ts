import { PersonalDataDeclarations } from '@serviceledger/platform/core';
import { CONTACT_PERSONAL_FIELDS, PartnerContactAdded, PartnerContactErased } from './partner';

/** A partner contact's data subject: the person, under their partner. */
export const contactSubject = (partnerId: string, contactId: string): string => `partner-contact:${partnerId}:${contactId}`;

/**
 * Where the partner records hold personal data (ADR 0016): a contact's name, phone and e-mail, sealed
 * with the contact's own key; removing the contact destroys it. Minutes and the sharing log name the
 * partner's people by contact id only.
 */
export const partnerPersonalData: PersonalDataDeclarations = {
  personal: [
    {
      eventType: 'PartnerContactAdded',
      fields: CONTACT_PERSONAL_FIELDS,
      subject: (data: PartnerContactAdded['data']) => contactSubject(data.partnerId, data.contactId),
    },
  ],
  erasures: [{ eventType: 'PartnerContactErased', subject: (data: PartnerContactErased['data']) => contactSubject(data.partnerId, data.contactId) }],
};
