import { createHash } from 'node:crypto';

const BRACKETED_ID = /<([^<>]+)>/g;

/**
 * The message ids in a Message-ID, In-Reply-To or References header value, each as `<id>`.
 *
 * Read from the raw header rather than from mailparser's fields because mailparser keeps
 * whitespace inside the brackets and mangles an In-Reply-To that carries a comment
 * (`<a@x> (from Li)` becomes `<a@x> (from Li)>`), and those ids must compare equal to the ones
 * the demand stored.
 */
export function extractMessageIds(headerValue: string): string[] {
  return [...headerValue.matchAll(BRACKETED_ID)]
    .map(([, id]) => id.replace(/\s+/g, ''))
    .filter((id) => id.length > 0)
    .map((id) => `<${id}>`);
}

/**
 * A stand-in for a missing Message-ID. It is derived from the message itself so that the sending
 * MTA's retry of the same mail maps to the same id and is recognised as a repeat. Line endings
 * are normalised first because the same message arrives with CRLF over SMTP and often with LF
 * over HTTP. The `.invalid` domain (RFC 2606) marks the id as made up here.
 */
export function messageIdFromContent(raw: Buffer): string {
  const normalised = raw.toString('latin1').replace(/\r\n/g, '\n');
  const digest = createHash('sha256').update(normalised, 'latin1').digest('hex');
  return `<${digest}@intake.serviceledger.invalid>`;
}
