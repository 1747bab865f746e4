/** The contact, with an e-mail address, who complains on behalf of the customer. */
export const complainingContact = { name: '王小明', phone: '+8613800138000', email: 'wang@example.com' };

/** The body of `POST /intake/customers` for the gold customer the contact complains for. */
export const complainingCustomer = {
  organisation: '深圳某某科技有限公司',
  contactPerson: complainingContact.name,
  phone: complainingContact.phone,
  email: complainingContact.email,
  tier: 'gold',
};

/** The customer's e-mail message about the complaint, once it is assigned. */
export const complaintMessage = '請盡快回覆。';

/**
 * The body of `POST /intake/demands` for a phone complaint of the customer that a printer repair drags on:
 * impact 1 × urgency 1 (P1), for technical support, with a promised result.
 */
export function delayedRepairComplaint(customerId: string) {
  return {
    customerId,
    contact: complainingContact,
    channel: 'phone',
    kind: 'complaint',
    promisedResult: '本週內修好打印機',
    subject: '打印機維修拖延',
    description: '上週報修至今無人跟進。',
    businessCategory: 'technical-support',
    impact: 1,
    urgency: 1,
  };
}

/**
 * Takes the complaint in, triages and assigns it, and records the contact's e-mail message on it, through
 * `ok` (a `readYourWrites` poster, so reads after it see all of it); the demand's id.
 */
export async function complaintInProgress(ok: (url: string, payload?: object) => Promise<{ id: string }>, customerId: string): Promise<string> {
  const demandId = (await ok('/intake/demands', delayedRepairComplaint(customerId))).id;
  await ok(`/intake/demands/${demandId}/triage`);
  await ok(`/intake/demands/${demandId}/assignment`);
  await ok(`/intake/demands/${demandId}/customer-messages`, { channel: 'email', from: complainingContact.email, body: complaintMessage });
  return demandId;
}
