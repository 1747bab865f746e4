import { RuleViolation } from '@serviceledger/platform/core';

const HOUR_MS = 60 * 60 * 1000;

/** Instants travel as ISO-8601 strings (command metadata, due times); arithmetic is on UTC milliseconds. */
export function addHours(at: string, hours: number): string {
  return new Date(Date.parse(at) + hours * HOUR_MS).toISOString();
}

/** Calendar days on the wall clock: the customer hears from us a week later, not five working days later. */
export function addDays(at: string, days: number): string {
  return addHours(at, days * 24);
}

export function isAfter(instant: string, reference: string): boolean {
  return Date.parse(instant) > Date.parse(reference);
}

/** A date a person typed (a milestone, a visit, an action): the rules compare it, so it must be one. */
export function ensureInstant(value: string, what: string): string {
  if (Number.isNaN(Date.parse(value))) {
    throw new RuleViolation('invalid-instant', `${what} "${value}" is not an ISO-8601 date and time`);
  }
  return value;
}
