import { BusinessCalendar, WeeklyHours, emptyWeek } from '../business-calendar';

/** Calendars for the specs. The holiday dates are fixtures, not an official schedule. */

const workdays = (intervals: { start: string; end: string }[]): WeeklyHours => ({
  ...emptyWeek(),
  monday: intervals,
  tuesday: intervals,
  wednesday: intervals,
  thursday: intervals,
  friday: intervals,
});

const everyDay = (intervals: { start: string; end: string }[]): WeeklyHours => ({
  monday: intervals,
  tuesday: intervals,
  wednesday: intervals,
  thursday: intervals,
  friday: intervals,
  saturday: intervals,
  sunday: intervals,
});

/** Mon–Fri 09:00–12:00 and 13:30–18:00: 450 minutes a day, with a lunch break. */
export const shanghaiOffice: BusinessCalendar = {
  calendarId: 'cn-office',
  version: 1,
  timeZone: 'Asia/Shanghai',
  weeklyHours: workdays([
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ]),
  holidays: [
    { date: '2026-01-01', name: '元旦' },
    { date: '2026-01-02', name: '元旦' },
    { date: '2026-01-03', name: '元旦' },
    { date: '2026-05-01', name: '劳动节' },
    { date: '2026-05-02', name: '劳动节' },
    { date: '2026-05-03', name: '劳动节' },
    { date: '2026-05-04', name: '劳动节' },
    { date: '2026-05-05', name: '劳动节' },
  ],
  makeUpDays: [
    { date: '2026-01-04', name: '元旦补班' },
    { date: '2026-02-14', name: '半天补班', intervals: [{ start: '09:00', end: '12:00' }] },
    { date: '2026-05-09', name: '劳动节补班' },
  ],
};

/** The same hours without holidays or make-up days. */
export const shanghaiPlainWeek: BusinessCalendar = { ...shanghaiOffice, calendarId: 'cn-plain', holidays: [], makeUpDays: [] };

/** Mon–Fri 09:00–12:00 and 13:00–18:00: the spec's 8-hour working day. */
export const shanghaiEightHours: BusinessCalendar = {
  calendarId: 'cn-8h',
  version: 1,
  timeZone: 'Asia/Shanghai',
  weeklyHours: workdays([
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ]),
  holidays: [],
  makeUpDays: [],
};

/** Mon–Fri 09:00–17:00 in a zone with daylight saving (CET/CEST; 2026 switches on 29 March and 25 October). */
export const berlinOffice: BusinessCalendar = {
  calendarId: 'de-office',
  version: 1,
  timeZone: 'Europe/Berlin',
  weeklyHours: workdays([{ start: '09:00', end: '17:00' }]),
  holidays: [],
  makeUpDays: [],
};

/** Every day, all day, in Berlin: a business day is as long as the wall-clock day. */
export const berlinAllDay: BusinessCalendar = {
  calendarId: 'de-all-day',
  version: 1,
  timeZone: 'Europe/Berlin',
  weeklyHours: everyDay([{ start: '00:00', end: '24:00' }]),
  holidays: [],
  makeUpDays: [],
};

/** A Sunday night shift across the switch hour. */
export const berlinSundayNight: BusinessCalendar = {
  calendarId: 'de-sunday-night',
  version: 1,
  timeZone: 'Europe/Berlin',
  weeklyHours: { ...emptyWeek(), sunday: [{ start: '01:00', end: '05:00' }] },
  holidays: [],
  makeUpDays: [],
};

/** A Sunday shift that starts inside the switch hour. */
export const berlinSundayLate: BusinessCalendar = {
  calendarId: 'de-sunday-late',
  version: 1,
  timeZone: 'Europe/Berlin',
  weeklyHours: { ...emptyWeek(), sunday: [{ start: '02:30', end: '04:00' }] },
  holidays: [],
  makeUpDays: [],
};
