import { randomBytes, randomUUID } from 'node:crypto';
import { LightMyRequestResponse } from 'fastify';
import { RequestHeaders } from '@serviceledger/platform/testing';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { StandaloneE2e } from './standalone-e2e';

/** A customer the erasure specs register, with a demand and a message, and erase. */
export interface CustomerToErase {
  customerId: string;
  demandId: string;
  /** The demand a mail from the customer's address opened, filed under the unverified senders: it did not prove its sender. */
  unverifiedDemandId: string;
  /** What identifies the person, unique to this run, so a byte search finds no other copy. */
  personal: { email: string; phone: string; name: string };
  /**
   * Phrases unique to this run the customer typed: into the demand's subject and description, the name of the file they attached, their
   * message, and the subject and body of a mail from their address that did not prove its sender.
   */
  freeText: { subject: string; description: string; attachment: string; message: string; unverifiedSubject: string; unverifiedBody: string };
  /** Phrases unique to this run the agent wrote on the demand, naming the customer: an internal note, and why it waits on the customer. */
  staffText: { note: string; waitReason: string };
  /** The data-protection duty: an administrator. */
  admin: RequestHeaders;
  erase(customerId?: string, headers?: RequestHeaders): Promise<LightMyRequestResponse>;
  /** The customer and the demand as an agent reads them unmasked, giving a reason. */
  customerRead(): Promise<Record<string, unknown>>;
  demandRead(): Promise<Record<string, unknown> & { timeline: unknown[] }>;
  rebuild(projection: string): Promise<LightMyRequestResponse>;
}

/**
 * Registers, as the agent, a customer with a unique e-mail, phone and name, their phone enquiry, and an
 * e-mail they sent on it, each with a unique phrase the customer wrote, and an internal note and a wait on
 * the customer the agent wrote on the demand, naming the customer. Then a mail from the customer's address,
 * handed in without a relay's authentication results, opens a demand under the unverified senders.
 */
export async function registerCustomerToErase(e2e: StandaloneE2e): Promise<CustomerToErase> {
  const unique = randomBytes(4);
  const personal = {
    email: `erase-${unique.toString('hex')}@example.cn`,
    phone: `+86139${String(unique.readUInt32BE()).padStart(10, '0').slice(-8)}`,
    name: `陳${unique.toString('hex')}`,
  };
  const freeText = {
    subject: `分機${randomBytes(4).toString('hex')}故障`,
    description: `請聯絡倉庫的${unique.toString('hex')}號分機`,
    attachment: `倉庫平面圖-${randomBytes(4).toString('hex')}.pdf`,
    message: `我的私人手機是${randomBytes(4).toString('hex')}`,
    unverifiedSubject: `倉庫門禁${randomBytes(4).toString('hex')}失靈`,
    unverifiedBody: `我家住在幸福路${randomBytes(4).toString('hex')}號`,
  };
  const staffText = {
    note: `${personal.name}的老闆是${randomBytes(4).toString('hex')}，說話要客氣`,
    waitReason: `等${personal.name}問過${randomBytes(4).toString('hex')}經理`,
  };
  const { app } = e2e.t;
  const post = (url: string, payload: object, headers: RequestHeaders) => app.inject({ method: 'POST', url, payload, headers });
  const read = (url: string) => app.inject({ method: 'GET', url: `${url}?reason=check%20the%20erasure`, headers: e2e.agent });
  const admin = await e2e.t.headersFor({ userId: 'dpo-wu', roles: ['administrator'], departments: [] });

  // With an Idempotency-Key, so that the stored response is among what the byte searches look through.
  const customer = await post(
    '/intake/customers',
    { organisation: '某某貿易有限公司', contactPerson: personal.name, phone: personal.phone, email: personal.email, tier: 'standard' },
    { ...e2e.agent, 'idempotency-key': randomUUID() },
  );
  if (customer.statusCode !== 201) throw new Error(`customer registration answered ${customer.statusCode}: ${customer.body}`);
  const customerId: string = customer.json().id;
  const contact = { name: personal.name, phone: personal.phone, email: personal.email };
  const enquiry = phoneEnquiry(customerId, { contact });
  const registration = {
    ...enquiry,
    subject: `${enquiry.subject}${freeText.subject}`,
    description: `${enquiry.description}${freeText.description}`,
    attachments: [{ name: freeText.attachment, contentType: 'application/pdf', size: 20_480 }],
  };
  const demand = await post('/intake/demands', registration, e2e.agent);
  if (demand.statusCode !== 201) throw new Error(`demand registration answered ${demand.statusCode}: ${demand.body}`);
  const demandId: string = demand.json().id;
  const message = await post(`/intake/demands/${demandId}/customer-messages`, { channel: 'email', from: personal.email, body: `請盡快回覆。${freeText.message}` }, e2e.agent);
  if (message.statusCode !== 201) throw new Error(`customer message answered ${message.statusCode}: ${message.body}`);
  const note = await post(`/intake/demands/${demandId}/notes`, { text: staffText.note }, e2e.agent);
  if (note.statusCode !== 201) throw new Error(`internal note answered ${note.statusCode}: ${note.body}`);
  const wait = await post(`/intake/demands/${demandId}/waiting-on-customer`, { text: staffText.waitReason }, e2e.agent);
  if (wait.statusCode !== 200) throw new Error(`waiting on the customer answered ${wait.statusCode}: ${wait.body}`);
  // Header text as MIME encoded words carry it.
  const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
  const mail = [
    `From: ${encodedWord(personal.name)} <${personal.email}>`,
    'To: support@serviceledger.test',
    `Subject: ${encodedWord(freeText.unverifiedSubject)}`,
    `Message-ID: <${randomUUID()}@mail.serviceledger.test>`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const unverified = await app.inject({
    method: 'POST',
    url: '/intake/email/inbound',
    payload: Buffer.from(`${mail.join('\r\n')}\r\n\r\n${freeText.unverifiedBody}`, 'utf8'),
    headers: { ...e2e.agent, 'content-type': 'message/rfc822' },
  });
  if (unverified.statusCode !== 201 || unverified.json().senderNotVerified !== true) throw new Error(`the unproven mail answered ${unverified.statusCode}: ${unverified.body}`);

  return {
    customerId,
    demandId,
    unverifiedDemandId: unverified.json().demandId,
    personal,
    freeText,
    staffText,
    admin,
    erase: (id = customerId, headers = admin) => post(`/intake/customers/${id}/erasure`, { reason: 'The customer asked to be forgotten' }, headers),
    customerRead: async () => (await read(`/intake/customers/${customerId}`)).json(),
    demandRead: async () => (await read(`/intake/demands/${demandId}`)).json(),
    rebuild: (projection) => post(`/operations/projections/${projection}/rebuild`, {}, admin),
  };
}
