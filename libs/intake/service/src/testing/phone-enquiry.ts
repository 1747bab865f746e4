/**
 * The body of `POST /intake/demands` for a routine phone enquiry of the customer about a printer:
 * impact 2 × urgency 2 (P3), for technical support, unless `changes` say otherwise.
 */
export function phoneEnquiry(customerId: string, changes: object = {}) {
  return {
    customerId,
    contact: { name: '王小明', phone: '+86 138 0013 8000' },
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
