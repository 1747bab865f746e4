import { RuleViolation } from '@serviceledger/platform/core';

/**
 * Business calendars and the arithmetic of business minutes (sla-and-metrics.md, "Business calendars").
 *
 * A calendar has a time zone, working intervals per weekday (several a day: a lunch break is the gap
 * between two), holidays (whole local dates without work) and make-up working days (调休: a date,
 * usually a weekend day, that is worked). Without a calendar (`undefined`) time runs 24×7.
 *
 * Semantics, everywhere below:
 * - Working intervals are half-open in local wall time: 09:00–12:00 contains 09:00 and 11:59:59.999,
 *   not 12:00. `end` may be `24:00`, the next local midnight.
 * - A date's intervals come from, in order: a holiday (none), a make-up day (its own intervals, or
 *   Monday's), the weekday's intervals.
 * - Wall times become instants in the calendar's zone. A wall time skipped by a daylight-saving switch
 *   (02:30 on the spring Sunday in Berlin) is the instant of the switch; a repeated one (02:30 on the
 *   autumn Sunday) is its first occurrence. So an interval crossing the switch lasts its real length:
 *   00:00–24:00 is 23 hours on the spring Sunday and 25 hours on the autumn one.
 * - Business minutes are the real minutes of overlap with working intervals; they may be fractional
 *   when instants carry seconds. Instants are ISO-8601 strings with `Z` or an explicit offset; results
 *   are UTC ISO strings.
 * - `addBusinessMinutes(c, from, n)` is the EARLIEST instant t ≥ from at which n business minutes have
 *   elapsed: n = 0 gives `from` itself (even out of hours); landing exactly on the end of an interval
 *   gives that end (12:00), not the start of the next one (13:30). Counting from out of hours starts at
 *   the next working minute (sla-and-metrics.md: "A case registered out of hours starts counting at the
 *   next working minute").
 * - `nextWorkingInstant(c, t)` is the earliest instant ≥ t inside a working interval: t itself when t
 *   is working time, else the start of the next interval (12:00 → 13:30).
 *
 * Cost: the functions walk local days and intervals, never minutes; a day without intervals costs no
 * time-zone lookup, a working day two. A calendar is compiled once per object and its days memoised, so
 * treat calendars as immutable values (the registry's evolve always builds a new object).
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** ISO order: Monday first. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall times `HH:MM`; `end` may be `24:00`. */
export interface WorkingInterval {
  start: string;
  end: string;
}

export type WeeklyHours = Record<Weekday, WorkingInterval[]>;

/** A whole local date without work. */
export interface Holiday {
  date: string;
  name?: string;
}

/** A date that is worked although it would not be (a make-up Saturday); Monday's hours unless it lists its own. */
export interface MakeUpDay {
  date: string;
  name?: string;
  intervals?: WorkingInterval[];
}

export interface BusinessCalendar {
  calendarId: string;
  /** Each change to a calendar is a new version; a clock records the version it ran under. */
  version: number;
  /** IANA zone, e.g. Asia/Shanghai, Europe/Berlin. */
  timeZone: string;
  weeklyHours: WeeklyHours;
  holidays: Holiday[];
  makeUpDays: MakeUpDay[];
}

export interface CalendarRef {
  calendarId: string;
  version: number;
}

export function calendarRef(calendar: BusinessCalendar): CalendarRef {
  return { calendarId: calendar.calendarId, version: calendar.version };
}

/** A week with no working time at all: the start of a calendar's hours. */
export function emptyWeek(): WeeklyHours {
  return { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };
}

// Public arithmetic

/** Business minutes from `fromIso` to `toIso`; negative when `toIso` is earlier. */
export function businessMinutesBetween(calendar: BusinessCalendar | undefined, fromIso: string, toIso: string): number {
  return businessMillisBetween(calendar, toMs(fromIso), toMs(toIso)) / MINUTE;
}

/** The earliest instant at or after `fromIso` at which `minutes` business minutes have elapsed. */
export function addBusinessMinutes(calendar: BusinessCalendar | undefined, fromIso: string, minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes to add must be a finite number ≥ 0, not ${minutes}`);
  }
  return iso(addBusinessMillis(calendar, toMs(fromIso), Math.round(minutes * MINUTE)));
}

/** The earliest instant at or after `atIso` that is working time: where counting starts. */
export function nextWorkingInstant(calendar: BusinessCalendar | undefined, atIso: string): string {
  return iso(nextWorkingMillis(calendar, toMs(atIso)));
}

export function isWorkingInstant(calendar: BusinessCalendar | undefined, atIso: string): boolean {
  const at = toMs(atIso);
  return nextWorkingMillis(calendar, at) === at;
}

/** A local date's working intervals as UTC instants (empty on a holiday or a day off). */
export function workingIntervalsOn(calendar: BusinessCalendar, date: string): { start: string; end: string }[] {
  ensureDate(date);
  return spansOn(compile(calendar), dayNumberOf(date)).map(([start, end]) => ({ start: iso(start), end: iso(end) }));
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDateOf(timeZone: string, atIso: string): string {
  return dateOfDayNumber(localDay(timeZone, toMs(atIso)));
}

/** The weekday of a date (YYYY-MM-DD), which carries no zone. */
export function weekdayOf(date: string): Weekday {
  ensureDate(date);
  return WEEKDAYS[weekdayIndex(dayNumberOf(date))];
}

// Millisecond arithmetic (the public functions above wrap these; the clock uses them directly)

export function businessMillisBetween(calendar: BusinessCalendar | undefined, from: number, to: number): number {
  if (to < from) return -businessMillisBetween(calendar, to, from);
  if (!calendar) return to - from;
  const c = compile(calendar);
  let total = 0;
  const last = localDay(c.timeZone, to);
  for (let day = localDay(c.timeZone, from); day <= last; day++) {
    for (const [start, end] of spansOn(c, day)) {
      const lo = Math.max(start, from);
      const hi = Math.min(end, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

export function addBusinessMillis(calendar: BusinessCalendar | undefined, from: number, millis: number): number {
  if (millis === 0 || !calendar) return from + millis;
  const c = compile(calendar);
  let remaining = millis;
  const first = localDay(c.timeZone, from);
  for (let day = first; day <= lastSearchDay(c, first); day++) {
    for (const [start, end] of spansOn(c, day)) {
      const lo = Math.max(start, from);
      if (end <= lo) continue;
      if (remaining <= end - lo) return lo + remaining;
      remaining -= end - lo;
    }
  }
  throw new RangeError(`Calendar ${calendar.calendarId} has no working time left after ${iso(from)}`);
}

export function nextWorkingMillis(calendar: BusinessCalendar | undefined, at: number): number {
  if (!calendar) return at;
  const c = compile(calendar);
  const first = localDay(c.timeZone, at);
  for (let day = first; day <= lastSearchDay(c, first); day++) {
    for (const [start, end] of spansOn(c, day)) {
      if (end > at && end > start) return Math.max(start, at);
    }
  }
  throw new RangeError(`Calendar ${calendar.calendarId} has no working time left after ${iso(at)}`);
}

// Instants

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Milliseconds since the epoch of an ISO instant; the offset is required (a bare local time would depend on the host). */
export function toMs(instant: string): number {
  const ms = ISO_INSTANT.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`"${instant}" is not an ISO-8601 instant with Z or an offset`);
  return ms;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// Validation (used by the calendar registry; exported for the service's request checks)

const CLOCK_TIME = /^(\d{2}):(\d{2})$/;

/** Minutes since local midnight of `HH:MM`, 00:00 … 24:00. */
export function minuteOfDay(time: string): number {
  const match = CLOCK_TIME.exec(time);
  if (!match) throw new RuleViolation('invalid-time-format', `"${time}" is not a wall time of the form HH:MM`);
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  const total = hours * 60 + minutes;
  if (minutes > 59 || total > 24 * 60) {
    throw new RuleViolation('time-outside-day', `${time} is outside the day: working times run from 00:00 to 24:00`);
  }
  return total;
}

/** A day's intervals: each ends after it starts, within 00:00–24:00, and none overlaps another (touching is fine). */
export function ensureWorkingIntervals(label: string, intervals: WorkingInterval[]): void {
  const spans = intervals.map((interval) => {
    const start = minuteOfDay(interval.start);
    const end = minuteOfDay(interval.end);
    if (end <= start) {
      throw new RuleViolation(
        'interval-end-not-after-start',
        `${label}: the interval ${interval.start}–${interval.end} must end after it starts`,
      );
    }
    return { start, end, text: `${interval.start}–${interval.end}` };
  });
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) {
      throw new RuleViolation('intervals-overlap', `${label}: ${sorted[i - 1].text} and ${sorted[i].text} overlap`);
    }
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function ensureDate(date: string): void {
  const match = ISO_DATE.exec(date);
  const valid =
    !!match &&
    (() => {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const utc = new Date(Date.UTC(year, month - 1, day));
      return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
    })();
  if (!valid) throw new RuleViolation('invalid-date', `"${date}" is not a date of the form YYYY-MM-DD`);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch (_error) {
    return false;
  }
}

// Internals: a compiled calendar

type Span = readonly [number, number];

interface Compiled {
  calendarId: string;
  timeZone: string;
  /** Local minute spans per weekday, Monday first. */
  week: Span[][];
  holidays: Set<number>;
  makeUpDays: Map<number, Span[]>;
  hasWeeklyTime: boolean;
  lastMakeUpDay: number;
  /** UTC spans per local day number, memoised. */
  days: Map<number, Span[]>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far a search for working time looks before it gives up: a calendar with weekly hours always finds some. */
const SEARCH_DAYS = 366 * 200;
const MEMO_LIMIT = 50_000;

const compiledCalendars = new WeakMap<BusinessCalendar, Compiled>();

function compile(calendar: BusinessCalendar): Compiled {
  const cached = compiledCalendars.get(calendar);
  if (cached) return cached;
  const localSpans = (intervals: WorkingInterval[]): Span[] =>
    intervals
      .map((i): Span => [minuteOfDay(i.start), minuteOfDay(i.end)])
      .filter(([start, end]) => end > start)
      .sort((a, b) => a[0] - b[0]);
  const week = WEEKDAYS.map((day) => localSpans(calendar.weeklyHours[day] ?? []));
  const makeUpDays = new Map(
    calendar.makeUpDays.map((d): [number, Span[]] => [
      dayNumberOf(d.date),
      localSpans(d.intervals ?? calendar.weeklyHours.monday ?? []),
    ]),
  );
  const compiled: Compiled = {
    calendarId: calendar.calendarId,
    timeZone: calendar.timeZone,
    week,
    holidays: new Set(calendar.holidays.map((h) => dayNumberOf(h.date))),
    makeUpDays,
    hasWeeklyTime: week.some((spans) => spans.length > 0),
    lastMakeUpDay: Math.max(-Infinity, ...makeUpDays.keys()),
    days: new Map(),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

function lastSearchDay(c: Compiled, first: number): number {
  return c.hasWeeklyTime ? first + SEARCH_DAYS : Math.min(c.lastMakeUpDay, first + SEARCH_DAYS);
}

/** The UTC spans of one local day, sorted and never overlapping. */
function spansOn(c: Compiled, day: number): Span[] {
  const memo = c.days.get(day);
  if (memo) return memo;
  const local = c.holidays.has(day) ? [] : (c.makeUpDays.get(day) ?? c.week[weekdayIndex(day)]);
  const spans = local.length === 0 ? [] : toUtcSpans(c.timeZone, day, local);
  if (c.days.size >= MEMO_LIMIT) c.days.clear();
  c.days.set(day, spans);
  return spans;
}

function toUtcSpans(timeZone: string, day: number, local: Span[]): Span[] {
  const midnight = day * DAY;
  // Offsets in force well before the local day starts and well after it ends (zones span −12…+14 h).
  const before = offsetAt(timeZone, midnight - 14 * HOUR);
  const after = offsetAt(timeZone, midnight + DAY + 14 * HOUR);
  const toUtc =
    before === after
      ? (wall: number) => wall - before
      : (wall: number) => wallToUtc(timeZone, wall, before, after);
  const spans: Span[] = [];
  let previousEnd = -Infinity;
  for (const [startMinute, endMinute] of local) {
    const start = Math.max(toUtc(midnight + startMinute * MINUTE), previousEnd);
    const end = toUtc(midnight + endMinute * MINUTE);
    if (end > start) {
      spans.push([start, end]);
      previousEnd = end;
    }
  }
  return spans;
}

/** A wall time (as if UTC) to the instant: the first occurrence when repeated, the switch when skipped. */
function wallToUtc(timeZone: string, wall: number, before: number, after: number): number {
  const withBefore = wall - before;
  const withAfter = wall - after;
  const beforeFits = offsetAt(timeZone, withBefore) === before;
  const afterFits = offsetAt(timeZone, withAfter) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (beforeFits) return withBefore;
  if (afterFits) return withAfter;
  // Skipped: find the switch between the two candidates, to the second.
  let lo = Math.min(withBefore, withAfter);
  let hi = Math.max(withBefore, withAfter);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(timeZone, mid) === offsetAt(timeZone, lo)) lo = mid;
    else hi = mid;
  }
  return hi;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Offsets are kept per quarter hour: zones switch on the quarter hour at the finest (+05:45 at 02:00 local). */
const OFFSET_SPAN = 15 * MINUTE;
const offsetsByZone = new Map<string, Map<number, number>>();

/**
 * The zone's offset from UTC at an instant, in ms (wall time − UTC). A clock asks it for the same few quarter
 * hours again and again, and each answer costs a `formatToParts`: a quarter hour whose two ends have the same
 * offset is kept (no zone switches twice within one); one with a switch inside is worked out each time.
 */
function offsetAt(timeZone: string, ms: number): number {
  const span = Math.floor(ms / OFFSET_SPAN);
  let offsets = offsetsByZone.get(timeZone);
  if (!offsets) offsetsByZone.set(timeZone, (offsets = new Map()));
  const kept = offsets.get(span);
  if (kept !== undefined) return kept;
  const start = span * OFFSET_SPAN;
  const offset = formattedOffsetAt(timeZone, start);
  if (formattedOffsetAt(timeZone, start + OFFSET_SPAN - 1000) !== offset) return formattedOffsetAt(timeZone, ms);
  if (offsets.size >= MEMO_LIMIT) offsets.clear();
  offsets.set(span, offset);
  return offset;
}

function formattedOffsetAt(timeZone: string, ms: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour % 24, fields.minute, fields.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

function localDay(timeZone: string, ms: number): number {
  return Math.floor((ms + offsetAt(timeZone, ms)) / DAY);
}

function dayNumberOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

function dateOfDayNumber(day: number): string {
  return iso(day * DAY).slice(0, 10);
}

/** 0 = Monday; day 0 (1970-01-01) was a Thursday. */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
