import type { RequestHeaders, TestApp } from '@serviceledger/platform/testing';

/** The body of `POST /intake/customers` for the gold customer whose contact makes the phone enquiry. */
export const enquiringCustomer = { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' };

/** Registers the enquiring customer as `headers` (someone who may register customers); its id. */
export async function registerEnquiringCustomer(t: TestApp, headers: RequestHeaders): Promise<string> {
  const registered = await t.app.inject({ method: 'POST', url: '/intake/customers', payload: enquiringCustomer, headers });
  if (registered.statusCode !== 201) throw new Error(`customer registration answered ${registered.statusCode}: ${registered.body}`);
  return registered.json().id;
}

/**
 * The body of `POST /intake/demands` for a routine phone enquiry of the customer about a printer:
 * impact 2 × urgency 2 (P3), for technical support, unless `changes` say otherwise.
 */
export function phoneEnquiry(customerId: string, changes: object = {}) {
  return {
    customerId,
    contact: { name: enquiringCustomer.contactPerson, phone: enquiringCustomer.phone },
    channel: 'phone',
    kind: 'enquiry',
    subject: '打印機無法連線',
    description: '辦公室的網絡打印機從今早開始無法連線。',
    businessCategory: 'technical-support',
    impact: 2,
    urgency: 2,
    ...changes,
  };
}
