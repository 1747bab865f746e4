import { RuleViolation } from '@serviceledger/platform/core';

/** E-mail addresses are compared case-insensitively, so customers are found whatever the sender typed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A mainland mobile number as written at home: 11 digits, the first a 1 (138 0013 8000). */
const MAINLAND_MOBILE = /^1\d{10}$/;

/**
 * A phone number as one string of its digits, in international form where the number says which country it is
 * in, so the common written forms of one number match: "+86 (10) 1234-5678" and "+861012345678"; "0086 138 0013
 * 8000" (00, the international prefix, is "+"), "138-0013-8000" and "+8613800138000".
 *
 * The installation has no default region (no setting, no locale says one): the one number read as domestic is a
 * mainland mobile, 11 digits starting with 1 without a country code, which is +86; no other country's numbers
 * are written so (Hong Kong's and Macau's have 8 digits). Any other number without a country code, a landline
 * with its trunk 0 ("010 1234 5678") included, keeps its digits as written, since which country's it is cannot
 * be told from it.
 */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (MAINLAND_MOBILE.test(digits)) return `+86${digits}`;
  return digits;
}

/** P-1.2: the record must say how to reach the person, by phone or e-mail or both. */
export function ensureReachable(who: string, phone: string | undefined, email: string | undefined): void {
  if (!phone && !email) {
    throw new RuleViolation('contact-unreachable', `${who} needs a phone number or an e-mail address (P-1.2)`);
  }
}
