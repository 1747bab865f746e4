import type { InboundEmail } from './inbound-email';

/**
 * The message ids under which an earlier message of the same conversation may be stored, most
 * specific first: the direct parent (In-Reply-To), then the References from newest to oldest.
 * A reply is matched to its demand by these before the subject reference is tried, because
 * clients keep these headers intact while people edit subjects.
 */
export function threadKeys(email: Pick<InboundEmail, 'inReplyTo' | 'references'>): string[] {
  const newestFirst = [...email.references].reverse();
  const keys = email.inReplyTo === undefined ? newestFirst : [email.inReplyTo, ...newestFirst];
  return [...new Set(keys)];
}
