import { RuleViolation } from '@serviceledger/platform/core';

/**
 * The windows an indicator counts over (K-3.2), on the company's clock (China Standard Time, UTC+8, which
 * keeps no daylight saving): a rolling number of days, or a calendar week (Monday to Sunday), month or
 * quarter. A rolling window is kept in buckets of its own length, so the events of any N days lie in a
 * bucket and the one before it.
 */
export type IndicatorWindow = { kind: 'rolling'; days: number } | { kind: 'calendar'; unit: CalendarUnit };
export const CALENDAR_UNITS = ['week', 'month', 'quarter'] as const;
export type CalendarUnit = (typeof CALENDAR_UNITS)[number];

/** A rolling window counts at most a year back. */
export const MAX_ROLLING_DAYS = 366;

/** One window (or, for a rolling window, one bucket) of one indicator: its key and its half-open span. */
export interface WindowSpan {
  key: string;
  from: string;
  to: string;
}

const DAY = 24 * 60 * 60 * 1000;
const OFFSET = 8 * 60 * 60 * 1000;

export function ensureWindow(window: IndicatorWindow): void {
  if (window.kind === 'rolling') {
    if (!Number.isInteger(window.days) || window.days < 1 || window.days > MAX_ROLLING_DAYS) {
      throw new RuleViolation('indicator-window-invalid', `A rolling window is 1 to ${MAX_ROLLING_DAYS} whole days`);
    }
    return;
  }
  if (!CALENDAR_UNITS.includes(window.unit)) {
    throw new RuleViolation('indicator-window-invalid', `A calendar window is a ${CALENDAR_UNITS.join(', a ')}`);
  }
}

/** The window (calendar) or bucket (rolling) an instant falls in. */
export function windowAt(window: IndicatorWindow, at: string): WindowSpan {
  const local = Date.parse(at) + OFFSET;
  if (Number.isNaN(local)) throw new RuleViolation('signal-time-invalid', `Not an instant: ${at}`);
  if (window.kind === 'rolling') return bucket(window.days, Math.floor(Math.floor(local / DAY) / window.days));
  const day = new Date(local);
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth();
  switch (window.unit) {
    case 'week': {
      const monday = Math.floor(local / DAY) - ((day.getUTCDay() + 6) % 7);
      return span(`${isoWeek(monday)}`, monday * DAY, (monday + 7) * DAY);
    }
    case 'month':
      return span(`${year}-${String(month + 1).padStart(2, '0')}`, Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1));
    case 'quarter': {
      const first = month - (month % 3);
      return span(`${year}-Q${first / 3 + 1}`, Date.UTC(year, first, 1), Date.UTC(year, first + 3, 1));
    }
  }
}

/** The bucket before a rolling window's bucket: the only other one its last N days can reach into. */
export function previousBucket(window: { kind: 'rolling'; days: number }, current: WindowSpan): WindowSpan {
  return windowAt(window, new Date(Date.parse(current.from) - 1).toISOString());
}

function bucket(days: number, index: number): WindowSpan {
  return span(`${days}d-${index}`, index * days * DAY, (index + 1) * days * DAY);
}

function span(key: string, localFrom: number, localTo: number): WindowSpan {
  return { key, from: new Date(localFrom - OFFSET).toISOString(), to: new Date(localTo - OFFSET).toISOString() };
}

/** ISO 8601 week of the local day `monday` (days since the epoch): the year of its Thursday. */
function isoWeek(monday: number): string {
  const thursday = new Date((monday + 3) * DAY);
  const year = thursday.getUTCFullYear();
  const firstThursday = Math.floor(Date.UTC(year, 0, 4) / DAY);
  const firstMonday = firstThursday - ((new Date(firstThursday * DAY).getUTCDay() + 6) % 7);
  return `${year}-W${String(Math.floor((monday - firstMonday) / 7) + 1).padStart(2, '0')}`;
}

/** The local calendar day (UTC+8) of an instant, `YYYY-MM-DD`: the day log a signal is kept in. */
export function localDay(at: string): string {
  return new Date(Date.parse(at) + OFFSET).toISOString().slice(0, 10);
}

/** The instant a local day starts. */
export function startOfLocalDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET).toISOString();
}
