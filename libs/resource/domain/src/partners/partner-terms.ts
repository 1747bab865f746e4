import { RuleViolation } from '@serviceledger/platform/core';

/**
 * The words partner records share (C-3.1, C-3.2): priorities mirror intake's (a domain imports no other
 * scope), dates are local dates in Asia/Shanghai, as the company reads an agreement's validity.
 */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The longest target a service standard may set: a year of minutes. */
export const MAX_TARGET_MINUTES = 365 * 24 * 60;
/** Meetings are held at least once a year; renewal is warned at most a year ahead. */
export const MAX_INTERVAL_DAYS = 366;
export const DEFAULT_RENEWAL_NOTICE_DAYS = 30;

// China has kept no daylight saving time since 1991: a fixed offset is exact, and needs no zone data.
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A local date a person typed (`YYYY-MM-DD`): the rules compare it, so it must be one. */
export function ensureDate(value: string | undefined, what: string): string {
  const at = value && DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (!value || Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== value) {
    throw new RuleViolation('invalid-date', `${what} "${value ?? ''}" is not a date (YYYY-MM-DD)`);
  }
  return value;
}

/** An instant a person typed (when a meeting was held, when information was shared). */
export function ensureInstant(value: string, what: string): string {
  if (Number.isNaN(Date.parse(value))) {
    throw new RuleViolation('invalid-instant', `${what} "${value}" is not an ISO-8601 date and time`);
  }
  return new Date(value).toISOString();
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The local date (Asia/Shanghai) of an instant. */
export function localDateOf(instant: string): string {
  return new Date(Date.parse(instant) + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local date (Asia/Shanghai) begins. */
export function startOfLocalDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS).toISOString();
}

/** Text a rule depends on: blank counts as missing, and it is kept trimmed. */
export function requireText(text: string | undefined, code: string, message: string): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (!trimmed) throw new RuleViolation(code, message);
  return trimmed;
}

export function ensureWholeNumber(value: number, min: number, max: number, code: string, message: string): number {
  if (!(Number.isInteger(value) && value >= min && value <= max)) throw new RuleViolation(code, message);
  return value;
}
