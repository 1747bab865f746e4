import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { EmailAttachment, EmailSender, InboundEmail } from './inbound-email';
import { MalformedEmailError } from './malformed-email-error';
import { extractMessageIds, messageIdFromContent } from './message-id';

const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+$/;

/**
 * Decodes a raw RFC 822 message into an {@link InboundEmail}, or throws a
 * {@link MalformedEmailError} saying why it cannot become a demand.
 *
 * Charsets, encoded words and transfer encodings are mailparser's work; it reads GB2312 as GBK,
 * which is what real GB2312-labelled mail needs since clients put GBK-only characters in it.
 * A string is read as UTF-8, so a message with 8-bit parts in another charset must be passed as
 * the Buffer it arrived as.
 */
export async function parseEmail(raw: Buffer | string, receivedAt: string): Promise<InboundEmail> {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const mail = await parseMime(bytes);
  if (mail.headers.size === 0) {
    throw new MalformedEmailError('not an RFC 822 message: it has no header fields');
  }
  const from = senderOf(mail);
  const subject = (mail.subject ?? '').trim();
  const text = mail.text ?? '';
  if (subject === '' && text.trim() === '') {
    throw new MalformedEmailError('the message has neither a subject nor a body text');
  }
  const [inReplyTo] = messageIdsIn(mail, 'in-reply-to');
  const returnPath = returnPathOf(mail);
  const deliveredAt = deliveredAtOf(mail);
  return {
    messageId: messageIdsIn(mail, 'message-id')[0] ?? messageIdFromContent(bytes),
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    references: messageIdsIn(mail, 'references'),
    from,
    to: recipientsOf(mail.to),
    subject,
    text,
    receivedAt,
    ...(deliveredAt === undefined ? {} : { deliveredAt }),
    attachments: mail.attachments.map(describeAttachment),
    authenticationResults: headerValues(mail, 'authentication-results'),
    ...(returnPath === undefined ? {} : { returnPath }),
  };
}

/**
 * mailparser throws only past its hard limits (a header block over 1 MiB, say). A repeat fails the
 * same way, so it is the message's fault, and the sender must not be asked to retry.
 */
async function parseMime(bytes: Buffer): Promise<ParsedMail> {
  try {
    return await simpleParser(bytes);
  } catch (error) {
    throw new MalformedEmailError(`unreadable MIME structure: ${(error as Error).message}`);
  }
}

function senderOf(mail: ParsedMail): EmailSender {
  const sender = mail.from?.value[0];
  const address = sender?.address ?? '';
  if (!EMAIL_ADDRESS.test(address)) {
    throw new MalformedEmailError('no sender: the From header is missing or has no valid address');
  }
  return sender?.name ? { address, name: sender.name } : { address };
}

function messageIdsIn(mail: ParsedMail, headerKey: string): string[] {
  return headerValues(mail, headerKey).flatMap(extractMessageIds);
}

/** The raw values of a header field, in the message's order, folded lines joined. */
function headerValues(mail: ParsedMail, headerKey: string): string[] {
  return mail.headerLines
    .filter(({ key }) => key === headerKey)
    .map(({ line }) => line.slice(line.indexOf(':') + 1).replace(/\r?\n(?=[ \t])/g, '').trim());
}

/**
 * When the mail reached our mail system (二(一)2): the date that ends the topmost Received field, which
 * the last hop (our relay) stamped, or, without one, the sender's Date header.
 */
function deliveredAtOf(mail: ParsedMail): string | undefined {
  const [received] = headerValues(mail, 'received');
  const stamp = received?.includes(';') ? Date.parse(received.slice(received.lastIndexOf(';') + 1)) : Number.NaN;
  if (!Number.isNaN(stamp)) return new Date(stamp).toISOString();
  return mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : undefined;
}

/** The topmost Return-Path, which the final delivery wrote: `<li@example.cn>`, or `<>` for a bounce. */
function returnPathOf(mail: ParsedMail): string | undefined {
  const [value] = headerValues(mail, 'return-path');
  if (value === undefined) return undefined;
  return /<([^<>]*)>/.exec(value)?.[1].trim() ?? value;
}

/** Members of a group (`Support: a@x, b@x;`) are recipients too. */
function recipientsOf(to: AddressObject | AddressObject[] | undefined): string[] {
  const lists = to === undefined ? [] : Array.isArray(to) ? to : [to];
  return lists
    .flatMap(({ value }) => value)
    .flatMap((entry) => [entry, ...(entry.group ?? [])])
    .map(({ address }) => address ?? '')
    .filter((address) => address !== '');
}

/** A part without a file name (a pasted screenshot, say) still needs a name to be listed by. */
function describeAttachment(attachment: Attachment, index: number): EmailAttachment {
  return {
    filename: attachment.filename ?? `attachment-${index + 1}`,
    contentType: attachment.contentType,
    size: attachment.content.length,
    sha256: createHash('sha256').update(attachment.content).digest('hex'),
  };
}
