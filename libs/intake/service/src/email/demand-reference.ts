import type { InboundEmail } from './inbound-email';

const DEMAND_REFERENCE = /\bSR-(\d{4})-(\d{6})\b/i;

/**
 * The demand reference in a subject such as `Re: [SR-2026-000123] 打印機故障`, or undefined.
 * Matched case-insensitively because people retype references, and returned in canonical form.
 */
export function findDemandReference(subject: string): string | undefined {
  const match = DEMAND_REFERENCE.exec(subject);
  return match ? `SR-${match[1]}-${match[2]}` : undefined;
}

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
