import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { businessMinutesBetween } from './business-calendar';
import {
  CALENDAR_REGISTRY_STREAM,
  CalendarDefined,
  CalendarRegistryCommand,
  MAX_CALENDAR_DAYS,
  calendarAtVersion,
  calendarRegistry,
} from './calendar-registry';

const admin = actor('admin-1', ['administrator'], []);

/** A command to calendar cn-office unless its data names another. */
const command = commandsOf<CalendarRegistryCommand, { calendarId: string }>({
  at: '2026-03-02T09:00:00.000Z',
  actor: admin,
  data: { calendarId: 'cn-office' },
});

const { when, stateAfter, refusal } = deciderSpec(calendarRegistry);

const morning = { start: '09:00', end: '12:00' };
const afternoon = { start: '13:30', end: '18:00' };
const day = [morning, afternoon];
const week = { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day };

const defined: CalendarDefined = {
  type: 'CalendarDefined',
  data: {
    calendarId: 'cn-office',
    name: 'Beijing office',
    timeZone: 'Asia/Shanghai',
    weeklyHours: { ...week, saturday: [], sunday: [] },
    holidays: [],
    makeUpDays: [],
    version: 1,
  },
};

const holidaysIcs = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'UID:labour-2026',
  'DTSTART;VALUE=DATE:20260501',
  'DTEND;VALUE=DATE:20260506',
  'SUMMARY:劳动节',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:labour-2026-work',
  'DTSTART;VALUE=DATE:20260509',
  'SUMMARY:劳动节补班',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:meeting',
  'DTSTART:20260506T010000Z',
  'SUMMARY:Planning',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('calendar registry', () => {
  it('lives in one stream', () => {
    expect(CALENDAR_REGISTRY_STREAM).toBe('quality-monitoring.calendar-registry');
  });

  describe('DefineCalendar', () => {
    it('defines version 1 in Asia/Shanghai by default, with empty weekdays filled in', () => {
      expect(when([], command('DefineCalendar', { name: ' Beijing office ', weeklyHours: week }))).toEqual([defined]);
    });

    it('keeps a given time zone, sorting intervals', () => {
      const [event] = when(
        [],
        command('DefineCalendar', {
          calendarId: 'de-office',
          name: 'Berlin',
          timeZone: 'Europe/Berlin',
          weeklyHours: { monday: [afternoon, morning] },
        }),
      );
      expect(event).toMatchObject({ data: { timeZone: 'Europe/Berlin', weeklyHours: { monday: [morning, afternoon] } } });
    });

    it.each([
      ['calendar-exists', [defined], { name: 'x', weeklyHours: week }],
      ['unknown-time-zone', [], { name: 'x', timeZone: 'Mars/Olympus', weeklyHours: week }],
      ['name-required', [], { name: ' ', weeklyHours: week }],
      ['no-working-time', [], { name: 'x', weeklyHours: {} }],
      ['unknown-weekday', [], { name: 'x', weeklyHours: { caturday: day } }],
      ['intervals-overlap', [], { name: 'x', weeklyHours: { monday: [morning, { start: '11:00', end: '14:00' }] } }],
      ['interval-end-not-after-start', [], { name: 'x', weeklyHours: { monday: [{ start: '18:00', end: '09:00' }] } }],
      ['interval-end-not-after-start', [], { name: 'x', weeklyHours: { monday: [{ start: '09:00', end: '09:00' }] } }],
      ['time-outside-day', [], { name: 'x', weeklyHours: { monday: [{ start: '09:00', end: '24:30' }] } }],
      ['time-outside-day', [], { name: 'x', weeklyHours: { monday: [{ start: '09:60', end: '10:00' }] } }],
      ['invalid-time-format', [], { name: 'x', weeklyHours: { monday: [{ start: '9am', end: '10:00' }] } }],
      ['invalid-date', [], { name: 'x', weeklyHours: week, holidays: [{ date: '2026-02-30' }] }],
      ['duplicate-date', [], { name: 'x', weeklyHours: week, holidays: [{ date: '2026-05-01' }, { date: '2026-05-01' }] }],
      [
        'holiday-on-make-up-day',
        [],
        { name: 'x', weeklyHours: week, holidays: [{ date: '2026-05-09' }], makeUpDays: [{ date: '2026-05-09' }] },
      ],
    ] as const)('refuses with %s', (code, given, data) => {
      expect(refusal([...given], command('DefineCalendar', data as never))).toMatchObject(refused(code));
    });

    it('accepts intervals that touch and one that runs to 24:00', () => {
      const [event] = when(
        [],
        command('DefineCalendar', {
          name: 'Shifts',
          weeklyHours: { monday: [{ start: '00:00', end: '08:00' }, { start: '08:00', end: '24:00' }] },
        }),
      );
      expect(event.type).toBe('CalendarDefined');
    });
  });

  describe('changes are new versions', () => {
    it('changes the weekdays named and keeps the others', () => {
      const events = when([defined], command('ChangeWorkingHours', { weeklyHours: { saturday: [morning] } }));
      expect(events).toEqual([
        {
          type: 'WorkingHoursChanged',
          data: { calendarId: 'cn-office', weeklyHours: { ...defined.data.weeklyHours, saturday: [morning] }, version: 2 },
        },
      ]);
    });

    it('records nothing when the hours do not change', () => {
      expect(when([defined], command('ChangeWorkingHours', { weeklyHours: { monday: [afternoon, morning] } }))).toEqual([]);
    });

    it('refuses to leave the week without working time', () => {
      const none = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [] };
      expect(refusal([defined], command('ChangeWorkingHours', { weeklyHours: none }))).toMatchObject(refused('no-working-time'));
    });

    it('adds and removes holidays', () => {
      const added = when([defined], command('AddHolidays', { holidays: [{ date: '2026-10-01', name: '国庆节' }] }));
      expect(added).toEqual([
        { type: 'HolidaysAdded', data: { calendarId: 'cn-office', holidays: [{ date: '2026-10-01', name: '国庆节' }], version: 2 } },
      ]);
      expect(when([defined, ...added], command('RemoveHolidays', { dates: ['2026-10-01'] }))).toEqual([
        { type: 'HolidaysRemoved', data: { calendarId: 'cn-office', dates: ['2026-10-01'], version: 3 } },
      ]);
    });

    it('refuses a holiday twice, an unknown one, and one on a make-up day', () => {
      const added = when([defined], command('AddHolidays', { holidays: [{ date: '2026-10-01' }] }));
      const history = [defined, ...added];
      expect(refusal(history, command('AddHolidays', { holidays: [{ date: '2026-10-01' }] }))).toMatchObject(refused('holiday-exists'));
      expect(refusal(history, command('RemoveHolidays', { dates: ['2026-10-02'] }))).toMatchObject(refused('unknown-holiday'));
      expect(refusal(history, command('RemoveHolidays', { dates: [] }))).toMatchObject(refused('no-dates'));
      expect(refusal(history, command('AddMakeUpDays', { makeUpDays: [{ date: '2026-10-01' }] }))).toMatchObject(
        refused('holiday-on-make-up-day'),
      );
    });

    it('adds make-up days, with their own hours or Monday’s', () => {
      const events = when(
        [defined],
        command('AddMakeUpDays', { makeUpDays: [{ date: '2026-05-09', name: '补班' }, { date: '2026-02-14', intervals: [morning] }] }),
      );
      expect(events).toEqual([
        {
          type: 'MakeUpDaysAdded',
          data: {
            calendarId: 'cn-office',
            makeUpDays: [{ date: '2026-02-14', intervals: [morning] }, { date: '2026-05-09', name: '补班' }],
            version: 2,
          },
        },
      ]);
    });

    it('refuses changes to an unknown calendar', () => {
      expect(refusal([], command('AddHolidays', { holidays: [{ date: '2026-10-01' }] }))).toMatchObject({
        name: 'NotFoundError',
      });
    });
  });

  describe('ImportHolidaysFromIcs', () => {
    const importing = command('ImportHolidaysFromIcs', { ics: holidaysIcs, source: 'cn-2026.ics', makeUpDayMarkers: ['补班'] });

    it('parses the file and records the new days, reporting what it skipped', () => {
      const [event] = when([defined], importing);
      expect(event).toEqual({
        type: 'HolidaysImported',
        data: {
          calendarId: 'cn-office',
          source: 'cn-2026.ics',
          holidays: ['01', '02', '03', '04', '05'].map((d) => ({ date: `2026-05-${d}`, name: '劳动节' })),
          makeUpDays: [{ date: '2026-05-09', name: '劳动节补班' }],
          alreadyPresent: [],
          skipped: [{ uid: 'meeting', summary: 'Planning', line: 14, reason: 'timed-event' }],
          version: 2,
        },
      });
    });

    it('imports only what is new, and nothing (no version) when all is known', () => {
      const history = [defined, ...when([defined], command('AddHolidays', { holidays: [{ date: '2026-05-01' }] }))];
      const [event] = when(history, importing);
      expect(event).toMatchObject({ data: { alreadyPresent: ['2026-05-01'], version: 3 } });
      expect((event.data as { holidays: unknown[] }).holidays).toHaveLength(4);
      expect(when([...history, event], importing)).toEqual([]);
    });

    it('changes the arithmetic: the imported days count as the spec says', () => {
      const events = [defined, ...when([defined], importing)];
      const calendar = stateAfter(events).calendars.get('cn-office');
      // 17:00 Thu 30 Apr → 10:00 Sat 9 May: 60 Thu, 1–5 May off, 6–8 May 3 × 450, Saturday make-up 60.
      expect(businessMinutesBetween(calendar, '2026-04-30T17:00:00+08:00', '2026-05-09T10:00:00+08:00')).toBe(1470);
    });

    it('refuses a malformed file with its line, and a file without all-day events', () => {
      expect(refusal([defined], command('ImportHolidaysFromIcs', { ics: 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR' }))).toMatchObject({
        code: 'ics-malformed',
        line: 3,
      });
      const onlyMeetings = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20260506T010000Z', 'END:VEVENT', 'END:VCALENDAR'].join('\n');
      expect(refusal([defined], command('ImportHolidaysFromIcs', { ics: onlyMeetings }))).toMatchObject(refused('ics-without-holidays'));
    });

    it('refuses a file beyond its bounds before expanding a day, so nothing is recorded', () => {
      const forever = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260101', 'DURATION:P300000000D', 'END:VEVENT', 'END:VCALENDAR'].join('\n');
      expect(refusal([defined], command('ImportHolidaysFromIcs', { ics: forever }))).toMatchObject({ ...refused('ics-out-of-bounds'), line: 4 });
      const markers = Array.from({ length: 21 }, (_, i) => `marker-${i}`);
      expect(refusal([defined], command('ImportHolidaysFromIcs', { ics: holidaysIcs, makeUpDayMarkers: markers }))).toMatchObject(refused('ics-out-of-bounds'));
    });

    it(`holds at most ${MAX_CALENDAR_DAYS} holidays and make-up days in one calendar`, () => {
      const dates = (from: number, count: number) =>
        Array.from({ length: count }, (_, i) => ({ date: new Date(Date.UTC(1970, 0, 1 + from + i)).toISOString().slice(0, 10) }));
      const full = { ...defined, data: { ...defined.data, holidays: dates(0, MAX_CALENDAR_DAYS - 1) } };
      expect(when([full], command('AddHolidays', { holidays: dates(MAX_CALENDAR_DAYS - 1, 1) }))).toHaveLength(1);
      expect(refusal([full], command('AddHolidays', { holidays: dates(MAX_CALENDAR_DAYS - 1, 2) }))).toMatchObject(refused('calendar-full'));
      expect(refusal([full], command('AddMakeUpDays', { makeUpDays: dates(MAX_CALENDAR_DAYS, 2) }))).toMatchObject(refused('calendar-full'));
      expect(refusal([full], importing)).toMatchObject(refused('calendar-full'));
      expect(refusal([], command('DefineCalendar', { name: 'Full', weeklyHours: week, holidays: dates(0, MAX_CALENDAR_DAYS + 1) }))).toMatchObject(
        refused('calendar-full'),
      );
    });

    it('refuses an imported holiday on a make-up day of the calendar', () => {
      const history = [defined, ...when([defined], command('AddMakeUpDays', { makeUpDays: [{ date: '2026-05-02' }] }))];
      expect(refusal(history, importing)).toMatchObject(refused('holiday-on-make-up-day'));
    });
  });

  describe('calendarAtVersion', () => {
    it('rebuilds any version a clock ran under', () => {
      const v2 = when([defined], command('AddHolidays', { holidays: [{ date: '2026-10-01' }] }));
      const other = when([defined, ...v2], command('DefineCalendar', { calendarId: 'de-office', name: 'Berlin', weeklyHours: week }));
      const v3 = when([defined, ...v2, ...other], command('RemoveHolidays', { dates: ['2026-10-01'] }));
      const events = [defined, ...v2, ...other, ...v3];
      expect(calendarAtVersion(events, 'cn-office', 1)?.holidays).toEqual([]);
      expect(calendarAtVersion(events, 'cn-office', 2)).toMatchObject({ version: 2, holidays: [{ date: '2026-10-01' }] });
      expect(calendarAtVersion(events, 'cn-office', 3)?.holidays).toEqual([]);
      expect(calendarAtVersion(events, 'cn-office', 4)).toBeUndefined();
      expect(calendarAtVersion(events, 'de-office', 1)?.name).toBe('Berlin');
    });
  });
});
