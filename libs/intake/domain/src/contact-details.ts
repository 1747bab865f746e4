import { RuleViolation } from '@serviceledger/platform/core';

/** E-mail addresses are compared case-insensitively, so customers are found whatever the sender typed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Phone numbers keep only the leading "+" and the digits, so "+86 (10) 1234-5678" and "+861012345678" match. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
}

/** P-1.2: the record must say how to reach the person, by phone or e-mail or both. */
export function ensureReachable(who: string, phone: string | undefined, email: string | undefined): void {
  if (!phone && !email) {
    throw new RuleViolation('contact-unreachable', `${who} needs a phone number or an e-mail address (P-1.2)`);
  }
}
