/**
 * Dates of staff records are local dates in the company's time zone (Asia/Shanghai, UTC+8 all year):
 * a hire date, a due date, a completion date. Pure helpers, shared by the staff deciders.
 */
export const STAFF_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The local date of an instant. */
export function localDate(at: string): string {
  return new Date(Date.parse(at) + OFFSET_MS).toISOString().slice(0, 10);
}

/** The date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a date is over in the company's time zone: from then on, something due on it is overdue. */
export function endOfLocalDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - OFFSET_MS).toISOString();
}

/** Whether the text is a real calendar date (`2026-02-30` and `2026-13-01` are not). */
export function isLocalDate(text: string): boolean {
  if (!LOCAL_DATE.test(text)) return false;
  const at = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text;
}
