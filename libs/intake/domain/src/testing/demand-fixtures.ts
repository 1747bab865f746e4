import { DemandParticulars, DemandRegistered, RegisterDemand } from '../demand';

export const AT = '2026-03-02T09:00:00.000Z';

/** Demand d-1: a gold customer's phone enquiry about the invoice printer. */
const enquiry: Omit<DemandParticulars, 'contact'> = {
  demandId: 'd-1',
  reference: 'SR-2026-000123',
  customerId: 'c-1',
  customerTier: 'gold',
  channel: 'phone',
  kind: 'enquiry',
  subject: 'Invoices do not print',
  description: 'Since the update the invoice printer shows error 42.',
  businessCategory: 'technical-support',
  impact: 2,
  urgency: 2,
};

/** The enquiry as the agent took it down, the contact as the customer gave it. */
export const registration: RegisterDemand['data'] = {
  ...enquiry,
  contact: { name: 'Li Wei', phone: '+86 10 1234 5678', email: 'Li.Wei@Acme.cn' },
};

/** The enquiry registered at AT: its contact normalised, its priority from the matrix. */
export const registered = (overrides: Partial<DemandRegistered['data']> = {}): DemandRegistered => ({
  type: 'DemandRegistered',
  data: {
    ...enquiry,
    contact: { name: 'Li Wei', phone: '+861012345678', email: 'li.wei@acme.cn' },
    priority: 'P3',
    attachments: [],
    registeredAt: AT,
    ...overrides,
  },
});
