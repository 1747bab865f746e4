import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import {
  BusinessCalendar,
  DEFAULT_TIME_ZONE,
  Holiday,
  MakeUpDay,
  WEEKDAYS,
  WeeklyHours,
  Weekday,
  WorkingInterval,
  emptyWeek,
  ensureDate,
  ensureWorkingIntervals,
  isValidTimeZone,
  minuteOfDay,
} from './business-calendar';
import { IcsSkippedEvent, parseIcsCalendarDays } from './ics-import';

/**
 * The business calendars (sla-and-metrics.md, "Business calendars"), kept as configuration events in one
 * stream. Every accepted change gives the calendar a new version, carried on its event, so the version a
 * clock ran under can be rebuilt at any time (`calendarAtVersion`). A command that changes nothing
 * (an import whose holidays are all known) emits nothing and makes no version.
 */
export interface RegisteredCalendar extends BusinessCalendar {
  name: string;
}

export interface CalendarRegistry {
  calendars: ReadonlyMap<string, RegisteredCalendar>;
}

// Commands

export type DefineCalendar = Command<
  'DefineCalendar',
  {
    calendarId: string;
    name: string;
    /** Default Asia/Shanghai. */
    timeZone?: string;
    /** Weekdays left out have no working time. */
    weeklyHours: Partial<WeeklyHours>;
    holidays?: Holiday[];
    makeUpDays?: MakeUpDay[];
  }
>;
/** Replaces the intervals of the weekdays listed; the others stay as they are. */
export type ChangeWorkingHours = Command<'ChangeWorkingHours', { calendarId: string; weeklyHours: Partial<WeeklyHours> }>;
export type AddHolidays = Command<'AddHolidays', { calendarId: string; holidays: Holiday[] }>;
export type RemoveHolidays = Command<'RemoveHolidays', { calendarId: string; dates: string[] }>;
export type AddMakeUpDays = Command<'AddMakeUpDays', { calendarId: string; makeUpDays: MakeUpDay[] }>;
export type RemoveMakeUpDays = Command<'RemoveMakeUpDays', { calendarId: string; dates: string[] }>;
/** The command carries the file's text; the decider parses it (see ics-import.ts). */
export type ImportHolidaysFromIcs = Command<
  'ImportHolidaysFromIcs',
  { calendarId: string; ics: string; source?: string; makeUpDayMarkers?: string[] }
>;

export type CalendarRegistryCommand =
  | DefineCalendar
  | ChangeWorkingHours
  | AddHolidays
  | RemoveHolidays
  | AddMakeUpDays
  | RemoveMakeUpDays
  | ImportHolidaysFromIcs;

// Events: each carries the calendar's new version.

export type CalendarDefined = {
  type: 'CalendarDefined';
  data: {
    calendarId: string;
    name: string;
    timeZone: string;
    weeklyHours: WeeklyHours;
    holidays: Holiday[];
    makeUpDays: MakeUpDay[];
    version: number;
  };
};
/** The whole week as it now is. */
export type WorkingHoursChanged = {
  type: 'WorkingHoursChanged';
  data: { calendarId: string; weeklyHours: WeeklyHours; version: number };
};
export type HolidaysAdded = { type: 'HolidaysAdded'; data: { calendarId: string; holidays: Holiday[]; version: number } };
export type HolidaysRemoved = { type: 'HolidaysRemoved'; data: { calendarId: string; dates: string[]; version: number } };
export type MakeUpDaysAdded = {
  type: 'MakeUpDaysAdded';
  data: { calendarId: string; makeUpDays: MakeUpDay[]; version: number };
};
export type MakeUpDaysRemoved = {
  type: 'MakeUpDaysRemoved';
  data: { calendarId: string; dates: string[]; version: number };
};
/** Only the days that are new; the dates the calendar already had and the events skipped are reported. */
export type HolidaysImported = {
  type: 'HolidaysImported';
  data: {
    calendarId: string;
    source?: string;
    holidays: Holiday[];
    makeUpDays: MakeUpDay[];
    alreadyPresent: string[];
    skipped: IcsSkippedEvent[];
    version: number;
  };
};

export type CalendarRegistryEvent =
  | CalendarDefined
  | WorkingHoursChanged
  | HolidaysAdded
  | HolidaysRemoved
  | MakeUpDaysAdded
  | MakeUpDaysRemoved
  | HolidaysImported;

export const calendarRegistry: Decider<CalendarRegistryCommand, CalendarRegistryEvent, CalendarRegistry> = {
  initialState: () => ({ calendars: new Map() }),
  evolve(state, event) {
    const calendar = event.type === 'CalendarDefined' ? undefined : state.calendars.get(event.data.calendarId);
    const next = event.type === 'CalendarDefined' ? defined(event) : calendar && evolveCalendar(calendar, event);
    return next ? { calendars: new Map(state.calendars).set(next.calendarId, next) } : state;
  },
  decide(command, state) {
    if (command.type === 'DefineCalendar') return define(command, state);
    const calendar = state.calendars.get(command.data.calendarId);
    if (!calendar) throw new NotFoundError('Calendar', command.data.calendarId);
    return decideOn(calendar, command);
  },
};

/**
 * The holidays and make-up days one calendar holds together: centuries of a country's holidays, while
 * every command on the registry, which folds them all, stays cheap.
 */
export const MAX_CALENDAR_DAYS = 10_000;

/** One calendar registry for the whole installation; its id completes the stream it has always had, `quality-monitoring.calendar-registry`. */
export const CALENDAR_REGISTRY_ID = 'registry';

export const calendarRegistries: Aggregate<CalendarRegistryCommand, CalendarRegistryEvent, CalendarRegistry> = {
  name: 'Calendar registry',
  streamPrefix: 'quality-monitoring.calendar-',
  decider: calendarRegistry,
  idOf: () => CALENDAR_REGISTRY_ID,
  creates: 'any',
};

export const CALENDAR_REGISTRY_STREAM = streamOf(calendarRegistries, CALENDAR_REGISTRY_ID);

/** The calendar as it stood at `version`, rebuilt from the registry's events. */
export function calendarAtVersion(
  events: CalendarRegistryEvent[],
  calendarId: string,
  version: number,
): RegisteredCalendar | undefined {
  const history = events.filter((e) => e.data.calendarId === calendarId && e.data.version <= version);
  const calendar = history.reduce(calendarRegistry.evolve, calendarRegistry.initialState()).calendars.get(calendarId);
  return calendar?.version === version ? calendar : undefined;
}

function defined({ data }: CalendarDefined): RegisteredCalendar {
  return { ...data };
}

function evolveCalendar(
  calendar: RegisteredCalendar,
  event: Exclude<CalendarRegistryEvent, CalendarDefined>,
): RegisteredCalendar {
  const version = event.data.version;
  switch (event.type) {
    case 'WorkingHoursChanged':
      return { ...calendar, weeklyHours: event.data.weeklyHours, version };
    case 'HolidaysAdded':
      return { ...calendar, holidays: byDate([...calendar.holidays, ...event.data.holidays]), version };
    case 'HolidaysRemoved':
      return { ...calendar, holidays: calendar.holidays.filter((h) => !event.data.dates.includes(h.date)), version };
    case 'MakeUpDaysAdded':
      return { ...calendar, makeUpDays: byDate([...calendar.makeUpDays, ...event.data.makeUpDays]), version };
    case 'MakeUpDaysRemoved':
      return { ...calendar, makeUpDays: calendar.makeUpDays.filter((d) => !event.data.dates.includes(d.date)), version };
    case 'HolidaysImported':
      return {
        ...calendar,
        holidays: byDate([...calendar.holidays, ...event.data.holidays]),
        makeUpDays: byDate([...calendar.makeUpDays, ...event.data.makeUpDays]),
        version,
      };
  }
}

function define(command: DefineCalendar, state: CalendarRegistry): CalendarRegistryEvent[] {
  const { calendarId, name } = command.data;
  if (!calendarId.trim()) throw new RuleViolation('calendar-id-required', 'A calendar needs an id');
  if (state.calendars.has(calendarId)) {
    throw new RuleViolation('calendar-exists', `Calendar ${calendarId} is already defined; change it instead`);
  }
  if (!name.trim()) throw new RuleViolation('name-required', `Calendar ${calendarId} needs a name`);
  const timeZone = command.data.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) {
    throw new RuleViolation('unknown-time-zone', `${timeZone} is not an IANA time zone (e.g. Asia/Shanghai)`);
  }
  const weeklyHours = week(emptyWeek(), command.data.weeklyHours);
  const holidays = holidayList(command.data.holidays ?? []);
  const makeUpDays = makeUpDayList(command.data.makeUpDays ?? []);
  ensureNoClash(holidays, makeUpDays);
  ensureRoom(calendarId, holidays.length + makeUpDays.length);
  return [
    {
      type: 'CalendarDefined',
      data: { calendarId, name: name.trim(), timeZone, weeklyHours, holidays, makeUpDays, version: 1 },
    },
  ];
}

function decideOn(
  calendar: RegisteredCalendar,
  command: Exclude<CalendarRegistryCommand, DefineCalendar>,
): CalendarRegistryEvent[] {
  const { calendarId } = calendar;
  const version = calendar.version + 1;
  switch (command.type) {
    case 'ChangeWorkingHours': {
      const weeklyHours = week(calendar.weeklyHours, command.data.weeklyHours);
      if (sameWeek(weeklyHours, calendar.weeklyHours)) return [];
      return [{ type: 'WorkingHoursChanged', data: { calendarId, weeklyHours, version } }];
    }
    case 'AddHolidays': {
      const holidays = holidayList(command.data.holidays);
      if (holidays.length === 0) throw new RuleViolation('no-dates', 'Name at least one holiday to add');
      const known = holidays.find((h) => calendar.holidays.some((k) => k.date === h.date));
      if (known) throw new RuleViolation('holiday-exists', `${known.date} is already a holiday of calendar ${calendarId}`);
      ensureNoClash(holidays, calendar.makeUpDays);
      ensureRoom(calendarId, daysHeld(calendar) + holidays.length);
      return [{ type: 'HolidaysAdded', data: { calendarId, holidays, version } }];
    }
    case 'RemoveHolidays': {
      const dates = requiredDates(command.data.dates);
      const unknown = dates.find((d) => !calendar.holidays.some((h) => h.date === d));
      if (unknown) throw new RuleViolation('unknown-holiday', `${unknown} is not a holiday of calendar ${calendarId}`);
      return [{ type: 'HolidaysRemoved', data: { calendarId, dates, version } }];
    }
    case 'AddMakeUpDays': {
      const makeUpDays = makeUpDayList(command.data.makeUpDays);
      if (makeUpDays.length === 0) throw new RuleViolation('no-dates', 'Name at least one make-up day to add');
      const known = makeUpDays.find((d) => calendar.makeUpDays.some((k) => k.date === d.date));
      if (known) {
        throw new RuleViolation('make-up-day-exists', `${known.date} is already a make-up day of calendar ${calendarId}`);
      }
      ensureNoClash(calendar.holidays, makeUpDays);
      ensureRoom(calendarId, daysHeld(calendar) + makeUpDays.length);
      return [{ type: 'MakeUpDaysAdded', data: { calendarId, makeUpDays, version } }];
    }
    case 'RemoveMakeUpDays': {
      const dates = requiredDates(command.data.dates);
      const unknown = dates.find((d) => !calendar.makeUpDays.some((m) => m.date === d));
      if (unknown) {
        throw new RuleViolation('unknown-make-up-day', `${unknown} is not a make-up day of calendar ${calendarId}`);
      }
      return [{ type: 'MakeUpDaysRemoved', data: { calendarId, dates, version } }];
    }
    case 'ImportHolidaysFromIcs': {
      const { ics, source, makeUpDayMarkers } = command.data;
      const parsed = parseIcsCalendarDays(ics, { ...(makeUpDayMarkers ? { makeUpDayMarkers } : {}) });
      if (parsed.holidays.length === 0 && parsed.makeUpDays.length === 0) {
        throw new RuleViolation(
          'ics-without-holidays',
          `The iCalendar file has no all-day events to import (${parsed.skipped.length} skipped)`,
        );
      }
      const knownHolidays = new Set(calendar.holidays.map((h) => h.date));
      const knownMakeUpDays = new Set(calendar.makeUpDays.map((d) => d.date));
      const isHoliday = (date: string) => knownHolidays.has(date);
      const isMakeUpDay = (date: string) => knownMakeUpDays.has(date);
      const holidays = parsed.holidays.filter((h) => !isHoliday(h.date));
      const makeUpDays = parsed.makeUpDays.filter((d) => !isMakeUpDay(d.date));
      ensureNoClash(holidays, calendar.makeUpDays);
      ensureNoClash(calendar.holidays, makeUpDays);
      if (holidays.length === 0 && makeUpDays.length === 0) return [];
      ensureRoom(calendarId, daysHeld(calendar) + holidays.length + makeUpDays.length);
      const alreadyPresent = [
        ...parsed.holidays.filter((h) => isHoliday(h.date)),
        ...parsed.makeUpDays.filter((d) => isMakeUpDay(d.date)),
      ]
        .map((d) => d.date)
        .sort();
      return [
        {
          type: 'HolidaysImported',
          data: {
            calendarId,
            ...(source ? { source } : {}),
            holidays,
            makeUpDays,
            alreadyPresent,
            skipped: parsed.skipped,
            version,
          },
        },
      ];
    }
  }
}

/** The week after applying `changes`: every weekday named is validated, and some working time must remain. */
function week(current: WeeklyHours, changes: Partial<WeeklyHours>): WeeklyHours {
  const next: WeeklyHours = { ...current };
  for (const [day, intervals] of Object.entries(changes) as [string, WorkingInterval[] | undefined][]) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      throw new RuleViolation('unknown-weekday', `"${day}" is not a weekday (monday … sunday)`);
    }
    const list = intervals ?? [];
    ensureWorkingIntervals(capitalised(day), list);
    next[day as Weekday] = [...list]
      .map(({ start, end }) => ({ start, end }))
      .sort((a, b) => minuteOfDay(a.start) - minuteOfDay(b.start));
  }
  if (WEEKDAYS.every((day) => next[day].length === 0)) {
    throw new RuleViolation('no-working-time', 'A calendar needs working time on at least one weekday');
  }
  return next;
}

function sameWeek(a: WeeklyHours, b: WeeklyHours): boolean {
  return WEEKDAYS.every(
    (day) =>
      a[day].length === b[day].length && a[day].every((i, n) => i.start === b[day][n].start && i.end === b[day][n].end),
  );
}

function holidayList(holidays: Holiday[]): Holiday[] {
  dateList(holidays.map((h) => h.date));
  return byDate(holidays.map((h) => ({ date: h.date, ...(h.name?.trim() ? { name: h.name.trim() } : {}) })));
}

function makeUpDayList(days: MakeUpDay[]): MakeUpDay[] {
  dateList(days.map((d) => d.date));
  return byDate(
    days.map((d) => {
      if (d.intervals) {
        ensureWorkingIntervals(`Make-up day ${d.date}`, d.intervals);
        if (d.intervals.length === 0) {
          throw new RuleViolation(
            'no-working-time',
            `Make-up day ${d.date} needs working time; leave its intervals out for Monday's`,
          );
        }
      }
      return {
        date: d.date,
        ...(d.name?.trim() ? { name: d.name.trim() } : {}),
        ...(d.intervals ? { intervals: d.intervals.map(({ start, end }) => ({ start, end })) } : {}),
      };
    }),
  );
}

/** Real dates, each once. */
function dateList(dates: string[]): string[] {
  dates.forEach(ensureDate);
  const repeated = dates.find((d, i) => dates.indexOf(d) !== i);
  if (repeated) throw new RuleViolation('duplicate-date', `${repeated} is listed twice`);
  return [...dates].sort();
}

function requiredDates(dates: string[]): string[] {
  if (dates.length === 0) throw new RuleViolation('no-dates', 'Name at least one date');
  return dateList(dates);
}

function daysHeld(calendar: RegisteredCalendar): number {
  return calendar.holidays.length + calendar.makeUpDays.length;
}

function ensureRoom(calendarId: string, days: number): void {
  if (days > MAX_CALENDAR_DAYS) {
    throw new RuleViolation(
      'calendar-full',
      `Calendar ${calendarId} would hold ${days} holidays and make-up days, more than ${MAX_CALENDAR_DAYS}; remove past ones first`,
    );
  }
}

function ensureNoClash(holidays: Holiday[], makeUpDays: MakeUpDay[]): void {
  const makeUpDates = new Set(makeUpDays.map((d) => d.date));
  const clash = holidays.find((h) => makeUpDates.has(h.date));
  if (clash) {
    throw new RuleViolation(
      'holiday-on-make-up-day',
      `${clash.date} cannot be both a holiday and a make-up working day; remove one first`,
    );
  }
}

function byDate<T extends { date: string }>(days: T[]): T[] {
  return [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function capitalised(day: string): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}
