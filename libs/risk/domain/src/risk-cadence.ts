import { CADENCE_MONTHS, Cadence } from './risk-policy';

/**
 * Dates of cadences. Rounds run on calendar periods (a quarterly round is a calendar quarter), dated in
 * China Standard Time, the company's: a period starting on 2026-10-01 starts at 2026-10-01T00:00:00+08:00.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The instant a date starts, in China Standard Time. */
export function startOf(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** The date (China Standard Time) of an instant. */
export function dateOf(instant: string): string {
  return new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The first day of the cadence's calendar period that holds the date: 2026-11-15, quarterly → 2026-10-01. */
export function periodStart(date: string, cadence: Cadence): string {
  const [y, m] = date.split('-').map(Number);
  const step = CADENCE_MONTHS[cadence];
  const month = Math.floor((m - 1) / step) * step + 1;
  return `${y}-${String(month).padStart(2, '0')}-01`;
}

/** The first day of the period after the one that holds the date. */
export function nextPeriodStart(date: string, cadence: Cadence): string {
  const [y, m] = periodStart(date, cadence).split('-').map(Number);
  const months = y * 12 + (m - 1) + CADENCE_MONTHS[cadence];
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}-01`;
}

/** The instant a cadence after another: a monthly review of 2026-01-31T02:00Z is due 2026-02-28T02:00Z. */
export function cadenceAfter(instant: string, cadence: Cadence): string {
  const from = new Date(instant);
  const months = CADENCE_MONTHS[cadence];
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target.toISOString();
}
