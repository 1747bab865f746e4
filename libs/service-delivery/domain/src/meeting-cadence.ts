import { MeetingKind } from './project-meeting';

/**
 * The cadence of internal meetings (C-1.1): a weekly meeting every ISO week (Monday to Sunday), a
 * monthly one every month, a quarterly one every quarter. A period without a meeting of its kind was
 * missed. Dates are local dates in Asia/Shanghai, as the rest of the company reads them.
 */
export const CADENCE_KINDS = ['weekly', 'monthly', 'quarterly'] as const satisfies readonly MeetingKind[];
export type CadenceKind = (typeof CADENCE_KINDS)[number];

export const CADENCE_TIME_ZONE = 'Asia/Shanghai';
// China has kept no daylight saving time since 1991: a fixed offset is exact, and needs no zone data.
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CadencePeriod {
  /** `2026-W49` (ISO week-numbering year), `2026-12`, `2026-Q4`. */
  key: string;
  /** The first and last local dates, inclusive (`YYYY-MM-DD`). */
  from: string;
  to: string;
}

export interface HeldMeeting {
  meetingId: string;
  kind: string;
  heldAt: string;
}

export interface CadenceEntry extends CadencePeriod {
  held: boolean;
  /** The period is over by `asOf`: an entry not held and ended is a missed meeting, not one still to come. */
  ended: boolean;
  meetingIds: string[];
}

export type MeetingCadence = Record<CadenceKind, CadenceEntry[]>;

/** The local date (Asia/Shanghai) of an instant. */
export function localDateOf(instant: string): string {
  return new Date(Date.parse(instant) + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local date (Asia/Shanghai) begins. */
export function startOfLocalDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS).toISOString();
}

/** Every period of the kind that overlaps the local dates [from, to], in order. */
export function periodsOverlapping(kind: CadenceKind, from: string, to: string): CadencePeriod[] {
  const periods: CadencePeriod[] = [];
  for (let period = periodContaining(kind, from); period.from <= to; period = periodContaining(kind, dayAfter(period.to))) {
    periods.push(period);
  }
  return periods;
}

/** The instants [from, to) that every period overlapping the local dates [from, to] spans, of any kind. */
export function cadenceWindow(from: string, to: string): { from: string; to: string } {
  const periods = CADENCE_KINDS.flatMap((kind) => periodsOverlapping(kind, from, to));
  const first = periods.map((p) => p.from).reduce((a, b) => (a < b ? a : b));
  const last = periods.map((p) => p.to).reduce((a, b) => (a > b ? a : b));
  return { from: startOfLocalDate(first), to: startOfLocalDate(dayAfter(last)) };
}

/** The period of the kind an instant falls in (its local date). */
export function periodOf(kind: CadenceKind, instant: string): CadencePeriod {
  return periodContaining(kind, localDateOf(instant));
}

/** The period of the kind that follows one. */
export function periodAfter(kind: CadenceKind, period: CadencePeriod): CadencePeriod {
  return periodContaining(kind, dayAfter(period.to));
}

/** The instant a period is over: the start of the local date after its last. */
export function periodEndsAt(period: CadencePeriod): string {
  return startOfLocalDate(dayAfter(period.to));
}

/** For each kind, every period overlapping [from, to] with the meetings of that kind held in it. */
export function meetingCadence(from: string, to: string, meetings: readonly HeldMeeting[], asOf: string): MeetingCadence {
  const today = localDateOf(asOf);
  const entries = (kind: CadenceKind): CadenceEntry[] =>
    periodsOverlapping(kind, from, to).map((period) => {
      const meetingIds = meetings
        .filter((m) => m.kind === kind && within(period, localDateOf(m.heldAt)))
        .map((m) => m.meetingId);
      return { ...period, held: meetingIds.length > 0, ended: period.to < today, meetingIds };
    });
  return { weekly: entries('weekly'), monthly: entries('monthly'), quarterly: entries('quarterly') };
}

function within(period: CadencePeriod, date: string): boolean {
  return date >= period.from && date <= period.to;
}

function periodContaining(kind: CadenceKind, date: string): CadencePeriod {
  const [year, month] = date.split('-').map(Number);
  switch (kind) {
    case 'weekly':
      return isoWeekOf(date);
    case 'monthly':
      return { key: `${year}-${pad(month)}`, from: `${year}-${pad(month)}-01`, to: lastDayOf(year, month) };
    case 'quarterly': {
      const quarter = Math.ceil(month / 3);
      const first = quarter * 3 - 2;
      return { key: `${year}-Q${quarter}`, from: `${year}-${pad(first)}-01`, to: lastDayOf(year, first + 2) };
    }
  }
}

/** The ISO week of a date: it starts on Monday and belongs to the year of its Thursday. */
function isoWeekOf(date: string): CadencePeriod {
  const day = Date.parse(`${date}T00:00:00Z`);
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { key: `${year}-W${pad(week)}`, from: isoDate(monday), to: isoDate(monday + 6 * DAY_MS) };
}

function lastDayOf(year: number, month: number): string {
  return isoDate(Date.UTC(year, month, 0));
}

function dayAfter(date: string): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + DAY_MS);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
