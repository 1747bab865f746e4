import { RuleViolation } from '@serviceledger/platform/core';
import { Holiday, MakeUpDay, ensureDate } from './business-calendar';

/**
 * Holidays from an iCalendar file (RFC 5545), as published for public holidays.
 *
 * - Every all-day VEVENT (`DTSTART;VALUE=DATE:20260501`, or a bare 8-digit date) gives one holiday per
 *   date from DTSTART up to, not including, DTEND (exclusive, as the RFC says); without DTEND it lasts
 *   DURATION (PnD or PnW) or one day.
 * - An event whose SUMMARY contains one of `makeUpDayMarkers` (e.g. 补班, "班") is a make-up working day
 *   instead of a holiday. With no markers every all-day event is a holiday.
 * - Timed events (a DTSTART with a time) are not holidays: the spec lists holidays as dates. They are
 *   skipped and reported, as are recurring events (RRULE/RDATE, never expanded, so their COUNT and UNTIL
 *   cost nothing), cancelled ones, and events longer than `maxDaysPerEvent` (default 366).
 * - Long lines are unfolded (CRLF or LF followed by a space or tab), TEXT values unescaped (\\n \\, \\; \\\\),
 *   a UTF-8 byte-order mark ignored. The text must already be decoded as UTF-8 (SUMMARY may be Chinese).
 * - Several events on one date make one holiday whose name joins theirs with " / ".
 *
 * Malformed input is refused with `IcsFormatError` (a RuleViolation, code `ics-malformed`) naming the line.
 * Input beyond `ICS_LIMITS` is refused with `IcsOutOfBoundsError` (code `ics-out-of-bounds`), naming the
 * bound and the line where there is one. Every bound is checked on counts before a single date is
 * expanded, so the work an import does is bounded by the limits, whatever the file says.
 */

/** What one import may hold. */
export const ICS_LIMITS = {
  /** Characters of the file: decades of a country's holidays take a few hundred kilobytes. */
  characters: 1_000_000,
  /** VEVENTs in the file. */
  events: 2_000,
  /** Dates of all the imported events together, counted before any is expanded: ten years of every day. */
  days: 3_660,
  /** Characters of an imported event's SUMMARY, the holiday's name (as for a holiday added by hand). */
  nameLength: 120,
  /** Make-up-day markers, and the characters of each. */
  markers: 20,
  markerLength: 50,
  /** The last date an event may reach: what a DTEND's four-digit year can name. */
  lastDate: '9999-12-31',
} as const;

const DEFAULT_MAX_DAYS_PER_EVENT = 366;

export interface IcsSkippedEvent {
  uid?: string;
  summary?: string;
  /** The line of the event's BEGIN:VEVENT. */
  line: number;
  reason: 'timed-event' | 'recurring-event' | 'cancelled-event' | 'event-too-long';
}

export interface IcsCalendarDays {
  /** Sorted by date, one per date. */
  holidays: Holiday[];
  makeUpDays: MakeUpDay[];
  skipped: IcsSkippedEvent[];
}

export interface IcsImportOptions {
  makeUpDayMarkers?: string[];
  maxDaysPerEvent?: number;
}

export class IcsFormatError extends RuleViolation {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super('ics-malformed', `iCalendar line ${line}: ${detail}`);
  }
}

/** Input beyond one of `ICS_LIMITS`: refused as a whole, before anything is expanded. */
export class IcsOutOfBoundsError extends RuleViolation {
  constructor(
    detail: string,
    readonly line?: number,
  ) {
    super('ics-out-of-bounds', line === undefined ? `iCalendar file: ${detail}` : `iCalendar line ${line}: ${detail}`);
  }
}

export function parseIcsCalendarDays(text: string, options: IcsImportOptions = {}): IcsCalendarDays {
  const markers = checkedMarkers(options.makeUpDayMarkers ?? []);
  const maxDays = options.maxDaysPerEvent ?? DEFAULT_MAX_DAYS_PER_EVENT;
  if (text.length > ICS_LIMITS.characters) {
    throw new IcsOutOfBoundsError(`the file has ${text.length} characters, more than the ${ICS_LIMITS.characters} an import takes`);
  }
  const skipped: IcsSkippedEvent[] = [];
  const imported: { event: IcsEvent; first: number; days: number }[] = [];

  for (const event of readEvents(text)) {
    const summary = event.summary;
    const described = { ...(event.uid ? { uid: event.uid } : {}), ...(summary ? { summary } : {}), line: event.line };
    if (event.status === 'CANCELLED') {
      skipped.push({ ...described, reason: 'cancelled-event' });
      continue;
    }
    if (event.start.kind === 'date-time') {
      skipped.push({ ...described, reason: 'timed-event' });
      continue;
    }
    if (event.recurring) {
      skipped.push({ ...described, reason: 'recurring-event' });
      continue;
    }
    const first = Date.parse(`${event.start.date}T00:00:00Z`);
    const days = dayCount(event, first);
    if (days > maxDays) {
      skipped.push({ ...described, reason: 'event-too-long' });
      continue;
    }
    if (summary && summary.length > ICS_LIMITS.nameLength) {
      throw new IcsOutOfBoundsError(`the SUMMARY has ${summary.length} characters; a holiday's name has at most ${ICS_LIMITS.nameLength}`, event.line);
    }
    imported.push({ event, first, days });
  }
  const totalDays = imported.reduce((sum, { days }) => sum + days, 0);
  if (totalDays > ICS_LIMITS.days) {
    throw new IcsOutOfBoundsError(`the events span ${totalDays} days together, more than the ${ICS_LIMITS.days} an import takes`);
  }

  const holidays = new Map<string, string[]>();
  const makeUpDays = new Map<string, string[]>();
  for (const { event, first, days } of imported) {
    const summary = event.summary;
    const target = summary && markers.some((m) => summary.includes(m)) ? makeUpDays : holidays;
    for (let i = 0; i < days; i++) {
      const date = new Date(first + i * DAY).toISOString().slice(0, 10);
      const names = target.get(date) ?? [];
      if (summary && !names.includes(summary)) names.push(summary);
      target.set(date, names);
    }
  }

  const clash = [...holidays.keys()].find((date) => makeUpDays.has(date));
  if (clash) {
    throw new RuleViolation(
      'ics-conflicting-days',
      `The iCalendar file makes ${clash} both a holiday (${holidays.get(clash)?.join(' / ')}) ` +
        `and a make-up working day (${makeUpDays.get(clash)?.join(' / ')})`,
    );
  }
  const named = (entries: Map<string, string[]>) =>
    [...entries]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([date, names]) => ({ date, ...(names.length ? { name: names.join(' / ') } : {}) }));
  return { holidays: named(holidays), makeUpDays: named(makeUpDays), skipped };
}

function checkedMarkers(markers: string[]): string[] {
  if (markers.length > ICS_LIMITS.markers) {
    throw new IcsOutOfBoundsError(`${markers.length} make-up-day markers, more than the ${ICS_LIMITS.markers} an import takes`);
  }
  const long = markers.find((m) => m.length > ICS_LIMITS.markerLength);
  if (long !== undefined) {
    throw new IcsOutOfBoundsError(`the make-up-day marker "${truncate(long)}" is longer than ${ICS_LIMITS.markerLength} characters`);
  }
  return markers.filter((m) => m.length > 0);
}

// Events

type IcsValue = { kind: 'date'; date: string } | { kind: 'date-time'; text: string };

interface IcsEvent {
  line: number;
  uid?: string;
  summary?: string;
  status?: string;
  start: IcsValue;
  end?: IcsValue;
  durationDays?: number;
  recurring: boolean;
}

interface ContentLine {
  line: number;
  name: string;
  params: Record<string, string>;
  value: string;
}

function readEvents(text: string): IcsEvent[] {
  const lines = contentLines(text);
  if (lines.length === 0) throw new IcsFormatError(1, 'the file is empty');
  if (!(lines[0].name === 'BEGIN' && lines[0].value.toUpperCase() === 'VCALENDAR')) {
    throw new IcsFormatError(lines[0].line, 'an iCalendar file starts with BEGIN:VCALENDAR');
  }
  const events: IcsEvent[] = [];
  const stack: { component: string; line: number }[] = [];
  let current: { line: number; properties: ContentLine[] } | undefined;
  for (const line of lines) {
    if (line.name === 'BEGIN') {
      const component = line.value.toUpperCase();
      if (!component) throw new IcsFormatError(line.line, 'BEGIN without a component name');
      if (stack.length === 0 && component !== 'VCALENDAR') {
        throw new IcsFormatError(line.line, `${component} outside a VCALENDAR`);
      }
      if (component === 'VEVENT') {
        if (current) throw new IcsFormatError(line.line, 'a VEVENT inside another VEVENT');
        if (events.length === ICS_LIMITS.events) {
          throw new IcsOutOfBoundsError(`more than ${ICS_LIMITS.events} events; import the file in parts`, line.line);
        }
        current = { line: line.line, properties: [] };
      }
      stack.push({ component, line: line.line });
      continue;
    }
    if (line.name === 'END') {
      const component = line.value.toUpperCase();
      const open = stack.pop();
      if (!open) throw new IcsFormatError(line.line, `END:${component} without a matching BEGIN`);
      if (open.component !== component) {
        throw new IcsFormatError(line.line, `END:${component} closes BEGIN:${open.component} of line ${open.line}`);
      }
      if (component === 'VEVENT' && current) {
        events.push(toEvent(current.line, current.properties));
        current = undefined;
      }
      continue;
    }
    if (stack.length === 0) throw new IcsFormatError(line.line, `${line.name} outside a VCALENDAR`);
    // Properties of the event itself, not of a component nested in it (a VALARM).
    if (current && stack[stack.length - 1].component === 'VEVENT') current.properties.push(line);
  }
  const open = stack.pop();
  if (open) throw new IcsFormatError(open.line, `BEGIN:${open.component} is never closed`);
  return events;
}

function toEvent(line: number, properties: ContentLine[]): IcsEvent {
  const single = (name: string): ContentLine | undefined => {
    const found = properties.filter((p) => p.name === name);
    if (found.length > 1) throw new IcsFormatError(found[1].line, `the event of line ${line} has ${name} twice`);
    return found[0];
  };
  const dtstart = single('DTSTART');
  if (!dtstart) throw new IcsFormatError(line, 'the event has no DTSTART');
  const start = icsValue(dtstart);
  const dtend = single('DTEND');
  const end = dtend && icsValue(dtend);
  const duration = single('DURATION');
  if (end && duration) throw new IcsFormatError(duration.line, 'an event has DTEND or DURATION, not both');
  if (dtend && end && end.kind !== start.kind) {
    throw new IcsFormatError(dtend.line, 'DTEND must be a date when DTSTART is a date, and a date-time when it is one');
  }
  if (dtend && start.kind === 'date' && end?.kind === 'date' && end.date <= start.date) {
    throw new IcsFormatError(dtend.line, `DTEND ${end.date} must be after DTSTART ${start.date} (DTEND is exclusive)`);
  }
  const summary = single('SUMMARY');
  const uid = single('UID');
  const status = single('STATUS');
  return {
    line,
    start,
    ...(end ? { end } : {}),
    ...(duration && start.kind === 'date' ? { durationDays: durationDays(duration, start.date) } : {}),
    ...(summary ? { summary: unescapeText(summary.value).trim() } : {}),
    ...(uid ? { uid: unescapeText(uid.value) } : {}),
    ...(status ? { status: status.value.trim().toUpperCase() } : {}),
    recurring: properties.some((p) => p.name === 'RRULE' || p.name === 'RDATE'),
  };
}

/** How many dates an all-day event covers, counted without listing them. */
function dayCount(event: IcsEvent, first: number): number {
  if (event.end?.kind === 'date') return Math.round((Date.parse(`${event.end.date}T00:00:00Z`) - first) / DAY);
  return event.durationDays ?? 1;
}

const DAY = 24 * 60 * 60 * 1000;
const LAST_DAY = Date.parse(`${ICS_LIMITS.lastDate}T00:00:00Z`);

function icsValue(property: ContentLine): IcsValue {
  const value = property.value.trim();
  const type = property.params['VALUE']?.toUpperCase();
  if (/^\d{8}$/.test(value) && (type === undefined || type === 'DATE')) {
    const date = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
    try {
      ensureDate(date);
    } catch (_error) {
      throw new IcsFormatError(property.line, `${property.name} ${value} is not a real date`);
    }
    return { kind: 'date', date };
  }
  if (/^\d{8}T\d{6}Z?$/i.test(value) && type !== 'DATE') return { kind: 'date-time', text: value };
  throw new IcsFormatError(
    property.line,
    `${property.name} "${value}" is neither a date (YYYYMMDD) nor a date-time (YYYYMMDDTHHMMSS)`,
  );
}

function durationDays(property: ContentLine, startDate: string): number {
  const match = /^\+?P(?:(\d+)W|(\d+)D)$/i.exec(property.value.trim());
  if (!match) {
    throw new IcsFormatError(
      property.line,
      `DURATION "${property.value}" of an all-day event must be whole days (PnD) or weeks (PnW)`,
    );
  }
  const days = match[1] !== undefined ? Number(match[1]) * 7 : Number(match[2]);
  if (days < 1) throw new IcsFormatError(property.line, 'an all-day event lasts at least one day');
  // Compared as numbers, so a duration of any length, even one beyond floating point, is refused at once.
  if (!(Date.parse(`${startDate}T00:00:00Z`) + (days - 1) * DAY <= LAST_DAY)) {
    throw new IcsOutOfBoundsError(
      `DURATION ${truncate(property.value.trim())} takes the event past ${ICS_LIMITS.lastDate}, the last date a calendar holds`,
      property.line,
    );
  }
  return days;
}

/** Unfolds the physical lines and splits each logical line into name, parameters and value. */
function contentLines(text: string): ContentLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const logical: { line: number; text: string }[] = [];
  physical.forEach((raw, index) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && logical.length > 0) {
      logical[logical.length - 1].text += raw.slice(1);
    } else if (raw.trim() !== '') {
      logical.push({ line: index + 1, text: raw });
    }
  });
  return logical.map(({ line, text: content }) => splitContentLine(line, content));
}

function splitContentLine(line: number, text: string): ContentLine {
  // The value starts at the first colon outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) throw new IcsFormatError(line, `"${truncate(text)}" is not a property (NAME:value)`);
  const [name, ...rawParams] = splitOutsideQuotes(text.slice(0, colon), ';');
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw new IcsFormatError(line, `"${truncate(name)}" is not a property name`);
  const params: Record<string, string> = {};
  for (const param of rawParams) {
    const eq = param.indexOf('=');
    if (eq <= 0) throw new IcsFormatError(line, `parameter "${truncate(param)}" has no value`);
    params[param.slice(0, eq).toUpperCase()] = param.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return { line, name: name.toUpperCase(), params, value: text.slice(colon + 1) };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
