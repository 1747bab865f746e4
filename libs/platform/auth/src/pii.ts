import { ERASED, type Actor } from '@serviceledger/platform/core';
import { hasPermission } from './permissions';

/** The fields of T that can hold personal data: text, or lists of text. */
export type PersonalField<T> = {
  [K in keyof T]-?: T[K] extends string | readonly string[] | null | undefined ? K : never;
}[keyof T];

/**
 * The record with its personal fields masked, unless the principal may read customers' personal
 * data (R-3.1). Enough is left to recognise a value (`138****5678`, `a***@example.com`, `張*`),
 * not to use it.
 */
export function maskPersonal<T extends object>(
  record: T,
  personalFields: readonly PersonalField<T>[],
  actor: Pick<Actor, 'roles'>,
): T {
  return hasPermission(actor, 'customer-pii:read') ? record : masked(record, personalFields);
}

/** personal data is shown only to a principal allowed to read it who has said why. */
export function revealsPersonalData(actor: Pick<Actor, 'roles'>, reason: string | undefined): boolean {
  return hasPermission(actor, 'customer-pii:read') && !!reason?.trim();
}

/** The record with its personal fields masked, whoever asks. */
export function masked<T extends object>(record: T, personalFields: readonly PersonalField<T>[]): T {
  const copy = { ...record };
  for (const field of personalFields) copy[field] = maskValue(record[field]) as T[typeof field];
  return copy;
}

/** What the service appends as an event each time it shows a customer's personal data unmasked. */
export interface PersonalDataAccess {
  accessedBy: Pick<Actor, 'userId' | 'displayName' | 'roles'>;
  /** ISO 8601. */
  accessedAt: string;
  /** Whose data was read. */
  customerId: string;
  /** The record read, e.g. { type: 'demand', id }. */
  record: { type: string; id: string };
  /** The personal fields shown unmasked. */
  fields: string[];
  /** Why, as the reader stated it: the required `reason` query parameter. */
  reason: string;
}

function maskValue(value: unknown): unknown {
  // An erased value hides nothing, and masked it would read as a person's initial (ADR 0016).
  if (value === ERASED) return value;
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map(maskValue);
  return value;
}

const EMAIL = /^([^@\s]+)@([^@\s]+)$/;
const PHONE_LIKE = /^\+?[\d\s().-]+$/;

function maskText(text: string): string {
  const email = EMAIL.exec(text);
  if (email) return `${Array.from(email[1])[0]}***@${email[2]}`;
  if (PHONE_LIKE.test(text) && digitCount(text) >= 7) return maskDigits(text);
  // Code points, not UTF-16 units, so a name in CJK Extension B keeps a whole first character.
  const characters = Array.from(text);
  return characters.length === 0 ? text : `${characters[0]}${'*'.repeat(characters.length - 1)}`;
}

/**
 * Keeps every separator and a few digits: a number of 11 digits or more its first three and last four
 * (13812345678 → 138****5678, +852 9123 4567 → +852 **** 4567), a number of 8 to 10 digits its last four
 * (9123 4567 → **** 4567), a shorter one its last two. A local number never shows more digits than it hides.
 */
function maskDigits(text: string): string {
  const total = digitCount(text);
  const head = total >= 11 ? 3 : 0;
  const tail = total >= 8 ? 4 : 2;
  let seen = 0;
  return text.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= head || seen > total - tail ? digit : '*';
  });
}

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}
