import { RuleViolation } from '@serviceledger/platform/core';

/**
 * Calendar dates (`YYYY-MM-DD`) as equipment and R&D investment keep them: the day a thing was acquired,
 * falls due or was spent on, in the company's time zone (Asia/Shanghai, UTC+8 all year).
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The date, or a refusal naming what it is (`field-invalid`). */
export function ensureCalendarDate(value: string, what: string): string {
  if (!isCalendarDate(value)) throw new RuleViolation('field-invalid', `${what} must be a date (YYYY-MM-DD), not ${JSON.stringify(value)}`);
  return value;
}

const toUtcDate = (date: string): Date => new Date(`${date}T00:00:00.000Z`);
const fromUtcDate = (date: Date): string => date.toISOString().slice(0, 10);

/** The date `months` later; the end of a shorter month where the day does not exist (31 Jan + 1 month = 28 Feb). */
export function addCalendarMonths(date: string, months: number): string {
  const d = toUtcDate(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return fromUtcDate(target);
}

export function addCalendarDays(date: string, days: number): string {
  return fromUtcDate(new Date(toUtcDate(date).getTime() + days * DAY_MS));
}

/** The instant a date begins in Shanghai: when something due on it falls due. */
export function startOfShanghaiDay(date: string): string {
  return new Date(toUtcDate(date).getTime() - SHANGHAI_OFFSET_MS).toISOString();
}

/** The date in Shanghai at an instant. */
export function shanghaiDateAt(instant: string): string {
  return fromUtcDate(new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS));
}

/** Whole minutes between two instants (a downtime). */
export function wholeMinutesBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 60_000);
}
