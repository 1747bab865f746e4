import fc from 'fast-check';
import {
  BusinessCalendar,
  addBusinessMinutes,
  businessMinutesBetween,
  emptyWeek,
  isWorkingInstant,
  localDateOf,
  nextWorkingInstant,
  weekdayOf,
  workingIntervalsOn,
} from './business-calendar';
import {
  berlinAllDay,
  berlinOffice,
  berlinSundayLate,
  berlinSundayNight,
  shanghaiEightHours,
  shanghaiOffice,
  shanghaiPlainWeek,
} from './testing/calendars';

/** Expected instants are written in local time with their offset; results come back in UTC. */
const utc = (instant: string) => new Date(instant).toISOString();

type Case =
  | { why: string; calendar: BusinessCalendar | undefined; between: [string, string]; minutes: number }
  | { why: string; calendar: BusinessCalendar | undefined; from: string; add: number; expected: string };

// Shanghai is UTC+8 all year. 2026-03-02 is a Monday; 2026-05-01 a Friday; 2025-12-31 a Wednesday.
// Berlin is UTC+1 (CET) until 2026-03-29 02:00, UTC+2 (CEST) until 2026-10-25 03:00, then UTC+1 again.
const TABLE: Case[] = [
  // Shanghai office: Mon–Fri 09:00–12:00 and 13:30–18:00 (450 min a day).
  { why: '09:00 to 10:00 inside the morning interval', calendar: shanghaiOffice, between: ['2026-03-02T09:00:00+08:00', '2026-03-02T10:00:00+08:00'], minutes: 60 },
  { why: '11:00–12:00 counts 60, lunch 12:00–13:30 nothing, 13:30–14:00 30', calendar: shanghaiOffice, between: ['2026-03-02T11:00:00+08:00', '2026-03-02T14:00:00+08:00'], minutes: 90 },
  { why: 'wholly inside the lunch break', calendar: shanghaiOffice, between: ['2026-03-02T12:15:00+08:00', '2026-03-02T13:00:00+08:00'], minutes: 0 },
  { why: 'across a night: 17:00–18:00 Monday, 09:00–10:00 Tuesday', calendar: shanghaiOffice, between: ['2026-03-02T17:00:00+08:00', '2026-03-03T10:00:00+08:00'], minutes: 120 },
  { why: 'across a weekend: 60 on Friday, 30 on Monday', calendar: shanghaiOffice, between: ['2026-03-06T17:00:00+08:00', '2026-03-09T09:30:00+08:00'], minutes: 90 },
  { why: 'Saturday to Sunday: no working time', calendar: shanghaiOffice, between: ['2026-03-07T10:00:00+08:00', '2026-03-08T15:00:00+08:00'], minutes: 0 },
  { why: 'start out of hours (20:00): counting starts at 09:00 next day', calendar: shanghaiOffice, between: ['2026-03-02T20:00:00+08:00', '2026-03-03T09:45:00+08:00'], minutes: 45 },
  { why: 'a working week: 5 × 450', calendar: shanghaiOffice, between: ['2026-03-02T09:00:00+08:00', '2026-03-06T18:00:00+08:00'], minutes: 2250 },
  { why: 'midnight to midnight a week later: still 5 × 450', calendar: shanghaiOffice, between: ['2026-03-02T00:00:00+08:00', '2026-03-09T00:00:00+08:00'], minutes: 2250 },
  { why: 'Labour Day: 60 Thursday, 1–5 May off (Fri, weekend, Mon, Tue), 60 Wednesday', calendar: shanghaiOffice, between: ['2026-04-30T17:00:00+08:00', '2026-05-06T10:00:00+08:00'], minutes: 120 },
  { why: 'make-up Saturday 9 May works Monday hours: 60 Friday + 450 Saturday, Sunday off', calendar: shanghaiOffice, between: ['2026-05-08T17:00:00+08:00', '2026-05-11T09:00:00+08:00'], minutes: 510 },
  { why: 'New Year: 60 on 31 Dec, 1–3 Jan off, make-up Sunday 4 Jan 450, 30 Monday', calendar: shanghaiOffice, between: ['2025-12-31T17:00:00+08:00', '2026-01-05T09:30:00+08:00'], minutes: 540 },
  { why: 'half-day make-up Saturday 14 Feb (09:00–12:00): 60 Friday + 180', calendar: shanghaiOffice, between: ['2026-02-13T17:00:00+08:00', '2026-02-16T09:00:00+08:00'], minutes: 240 },
  { why: 'a whole year: 2026 has 261 weekdays (52 weeks + Thursday 31 Dec) × 450', calendar: shanghaiPlainWeek, between: ['2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00'], minutes: 117450 },
  { why: 'reversed bounds give the negative of the forward span (case 4)', calendar: shanghaiOffice, between: ['2026-03-03T10:00:00+08:00', '2026-03-02T17:00:00+08:00'], minutes: -120 },
  { why: 'landing exactly on 12:00 gives 12:00, the earliest instant, not 13:30', calendar: shanghaiOffice, from: '2026-03-02T09:00:00+08:00', add: 180, expected: '2026-03-02T12:00:00+08:00' },
  { why: 'one minute more goes past lunch to 13:31', calendar: shanghaiOffice, from: '2026-03-02T09:00:00+08:00', add: 181, expected: '2026-03-02T13:31:00+08:00' },
  { why: '30 before lunch, 30 after it', calendar: shanghaiOffice, from: '2026-03-02T11:30:00+08:00', add: 60, expected: '2026-03-02T14:00:00+08:00' },
  { why: '30 on Friday evening, 30 on Monday morning', calendar: shanghaiOffice, from: '2026-03-06T17:30:00+08:00', add: 60, expected: '2026-03-09T09:30:00+08:00' },
  { why: 'zero minutes is the start itself, even out of hours', calendar: shanghaiOffice, from: '2026-03-02T20:00:00+08:00', add: 0, expected: '2026-03-02T20:00:00+08:00' },
  { why: 'out of hours on Sunday: the first minute ends at 09:01 Monday', calendar: shanghaiOffice, from: '2026-03-08T20:00:00+08:00', add: 1, expected: '2026-03-09T09:01:00+08:00' },
  { why: 'two working days of 450 end on Tuesday 18:00', calendar: shanghaiOffice, from: '2026-03-02T09:00:00+08:00', add: 900, expected: '2026-03-03T18:00:00+08:00' },
  { why: 'started on a holiday (1 May): counting starts Wednesday 6 May 09:00', calendar: shanghaiOffice, from: '2026-05-01T10:00:00+08:00', add: 30, expected: '2026-05-06T09:30:00+08:00' },
  { why: 'Friday 18:00 + 60 lands on the make-up Saturday at 10:00', calendar: shanghaiOffice, from: '2026-05-08T18:00:00+08:00', add: 60, expected: '2026-05-09T10:00:00+08:00' },
  { why: 'spec: with an 8-hour day a 16 h target is two working days', calendar: shanghaiEightHours, from: '2026-03-02T09:00:00+08:00', add: 960, expected: '2026-03-03T18:00:00+08:00' },
  // Berlin office: Mon–Fri 09:00–17:00, across the switches.
  { why: 'spring: 60 Friday (CET), 60 Monday (CEST); a fixed +01:00 would find 0 on Monday', calendar: berlinOffice, between: ['2026-03-27T16:00:00+01:00', '2026-03-30T10:00:00+02:00'], minutes: 120 },
  { why: 'spring: 30 Friday, 30 Monday from 09:00 CEST', calendar: berlinOffice, from: '2026-03-27T16:30:00+01:00', add: 60, expected: '2026-03-30T09:30:00+02:00' },
  { why: 'autumn: 60 Friday (CEST), 60 Monday (CET)', calendar: berlinOffice, between: ['2026-10-23T16:00:00+02:00', '2026-10-26T10:00:00+01:00'], minutes: 120 },
  { why: 'autumn: 30 Friday, 30 Monday from 09:00 CET', calendar: berlinOffice, from: '2026-10-23T16:30:00+02:00', add: 60, expected: '2026-10-26T09:30:00+01:00' },
  // Berlin all day: business time is wall time.
  { why: 'spring weekend: Saturday 24 h + Sunday 23 h (02:00–03:00 does not exist)', calendar: berlinAllDay, between: ['2026-03-28T00:00:00+01:00', '2026-03-30T00:00:00+02:00'], minutes: 2820 },
  { why: 'autumn weekend: Saturday 24 h + Sunday 25 h (02:00–03:00 happens twice)', calendar: berlinAllDay, between: ['2026-10-24T00:00:00+02:00', '2026-10-26T00:00:00+01:00'], minutes: 2940 },
  { why: 'spring: 01:30 CET + 60 real minutes is 03:30 CEST', calendar: berlinAllDay, from: '2026-03-29T01:30:00+01:00', add: 60, expected: '2026-03-29T03:30:00+02:00' },
  { why: 'autumn: 02:30 CEST + 60 real minutes is 02:30 CET', calendar: berlinAllDay, from: '2026-10-25T02:30:00+02:00', add: 60, expected: '2026-10-25T02:30:00+01:00' },
  // Shifts whose wall times fall in the switch hour.
  { why: 'spring night shift 01:00 CET–05:00 CEST lasts 3 h', calendar: berlinSundayNight, between: ['2026-03-29T00:00:00+01:00', '2026-03-29T06:00:00+02:00'], minutes: 180 },
  { why: 'autumn night shift 01:00 CEST–05:00 CET lasts 5 h', calendar: berlinSundayNight, between: ['2026-10-25T00:00:00+02:00', '2026-10-25T06:00:00+01:00'], minutes: 300 },
  { why: 'spring 02:30 does not exist: the shift starts at the switch (03:00 CEST), runs to 04:00', calendar: berlinSundayLate, between: ['2026-03-29T00:00:00+01:00', '2026-03-29T12:00:00+02:00'], minutes: 60 },
  { why: 'autumn 02:30 happens twice: the shift starts at the first (CEST), runs to 04:00 CET', calendar: berlinSundayLate, between: ['2026-10-25T00:00:00+02:00', '2026-10-25T12:00:00+01:00'], minutes: 150 },
  // No calendar: 24×7.
  { why: 'no calendar: a day is 1440 minutes', calendar: undefined, between: ['2026-03-02T09:00:00+08:00', '2026-03-03T09:00:00+08:00'], minutes: 1440 },
  { why: 'no calendar: Friday evening counts', calendar: undefined, from: '2026-03-06T17:30:00+08:00', add: 60, expected: '2026-03-06T18:30:00+08:00' },
];

describe('business minutes: hand-checked table', () => {
  it('has at least 20 cases', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(20);
  });

  it.each(TABLE.map((c, i) => [`${i + 1}. ${c.why}`, c] as const))('%s', (_title, c) => {
    if ('between' in c) {
      expect(businessMinutesBetween(c.calendar, c.between[0], c.between[1])).toBe(c.minutes);
    } else {
      expect(addBusinessMinutes(c.calendar, c.from, c.add)).toBe(utc(c.expected));
    }
  });
});

describe('working instants', () => {
  it('treats intervals as half-open: 12:00 is lunch, 13:30 is work', () => {
    expect(isWorkingInstant(shanghaiOffice, '2026-03-02T11:59:59.999+08:00')).toBe(true);
    expect(isWorkingInstant(shanghaiOffice, '2026-03-02T12:00:00+08:00')).toBe(false);
    expect(isWorkingInstant(shanghaiOffice, '2026-03-02T13:30:00+08:00')).toBe(true);
  });

  it('finds where counting starts', () => {
    expect(nextWorkingInstant(shanghaiOffice, '2026-03-02T12:00:00+08:00')).toBe(utc('2026-03-02T13:30:00+08:00'));
    expect(nextWorkingInstant(shanghaiOffice, '2026-03-06T19:00:00+08:00')).toBe(utc('2026-03-09T09:00:00+08:00'));
    expect(nextWorkingInstant(shanghaiOffice, '2026-04-30T18:00:00+08:00')).toBe(utc('2026-05-06T09:00:00+08:00'));
    expect(nextWorkingInstant(shanghaiOffice, '2026-03-02T10:15:00+08:00')).toBe(utc('2026-03-02T10:15:00+08:00'));
    expect(nextWorkingInstant(undefined, '2026-03-02T03:00:00Z')).toBe('2026-03-02T03:00:00.000Z');
  });

  it('lists a date’s intervals as instants', () => {
    expect(workingIntervalsOn(shanghaiOffice, '2026-03-02')).toEqual([
      { start: utc('2026-03-02T09:00:00+08:00'), end: utc('2026-03-02T12:00:00+08:00') },
      { start: utc('2026-03-02T13:30:00+08:00'), end: utc('2026-03-02T18:00:00+08:00') },
    ]);
    expect(workingIntervalsOn(shanghaiOffice, '2026-05-01')).toEqual([]);
    expect(workingIntervalsOn(shanghaiOffice, '2026-02-14')).toEqual([
      { start: utc('2026-02-14T09:00:00+08:00'), end: utc('2026-02-14T12:00:00+08:00') },
    ]);
    expect(workingIntervalsOn(berlinAllDay, '2026-03-29')).toEqual([
      { start: utc('2026-03-29T00:00:00+01:00'), end: utc('2026-03-30T00:00:00+02:00') },
    ]);
  });

  it('knows local dates and weekdays', () => {
    expect(localDateOf('Asia/Shanghai', '2026-03-01T16:00:00Z')).toBe('2026-03-02');
    expect(localDateOf('Europe/Berlin', '2026-03-01T23:30:00Z')).toBe('2026-03-02');
    expect(weekdayOf('2026-03-02')).toBe('monday');
    expect(weekdayOf('2026-05-09')).toBe('saturday');
  });

  it('counts fractions of a minute', () => {
    expect(businessMinutesBetween(shanghaiOffice, '2026-03-02T11:59:30+08:00', '2026-03-02T13:30:15+08:00')).toBe(0.75);
  });
});

describe('refusals', () => {
  it('refuses instants without an offset: they would depend on the host', () => {
    expect(() => businessMinutesBetween(shanghaiOffice, '2026-03-02T09:00:00', '2026-03-02T10:00:00Z')).toThrow(RangeError);
    expect(() => addBusinessMinutes(shanghaiOffice, 'yesterday', 5)).toThrow(RangeError);
  });

  it('refuses negative or non-finite minutes', () => {
    expect(() => addBusinessMinutes(shanghaiOffice, '2026-03-02T09:00:00Z', -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(shanghaiOffice, '2026-03-02T09:00:00Z', Infinity)).toThrow(RangeError);
  });

  it('gives up on a calendar with no working time ahead instead of looping', () => {
    const onlyMakeUp: BusinessCalendar = {
      ...shanghaiOffice,
      calendarId: 'only-make-up',
      weeklyHours: emptyWeek(),
      holidays: [],
      makeUpDays: [{ date: '2026-03-07', intervals: [{ start: '09:00', end: '10:00' }] }],
    };
    expect(addBusinessMinutes(onlyMakeUp, '2026-03-02T00:00:00+08:00', 30)).toBe(utc('2026-03-07T09:30:00+08:00'));
    expect(() => addBusinessMinutes(onlyMakeUp, '2026-03-02T00:00:00+08:00', 61)).toThrow(RangeError);
  });
});

describe('long spans', () => {
  // A budget, not a timing: walking the days of fifty years takes seconds at worst on a loaded machine, walking
  // their 26 million minutes would take an hour, so the test's own timeout is what catches a minute walk.
  it('walks days, not minutes: fifty years add up year by year', () => {
    const years = Array.from({ length: 51 }, (_, i) => `${2000 + i}-01-01T00:00:00+08:00`);
    const whole = businessMinutesBetween(shanghaiPlainWeek, years[0], years[50]);
    const byYear = years.slice(1).reduce((sum, end, i) => sum + businessMinutesBetween(shanghaiPlainWeek, years[i], end), 0);
    expect(whole).toBe(byYear);
    expect(addBusinessMinutes(shanghaiPlainWeek, years[0], whole)).toBe(utc('2049-12-31T18:00:00+08:00'));
  }, 60_000);
});

describe('properties', () => {
  const calendars = [shanghaiOffice, shanghaiEightHours, berlinOffice, berlinAllDay, berlinSundayNight, berlinSundayLate, undefined];
  const START = Date.parse('2025-12-01T00:00:00Z');
  const SPAN_MINUTES = 60 * 24 * 430; // to early February 2027: both 2026 switches and both holiday periods
  const calendar = fc.constantFrom(...calendars);
  const minuteInstant = fc.integer({ min: 0, max: SPAN_MINUTES }).map((m) => new Date(START + m * 60_000).toISOString());
  const msInstant = fc.integer({ min: 0, max: SPAN_MINUTES * 60_000 }).map((ms) => new Date(START + ms).toISOString());
  const ordered = (instant: fc.Arbitrary<string>) =>
    fc.tuple(instant, instant, instant).map((xs) => [...xs].sort((a, b) => Date.parse(a) - Date.parse(b)));

  it('is monotonic: a later end never gives fewer minutes', () => {
    fc.assert(
      fc.property(calendar, ordered(minuteInstant), (c, [a, b, d]) => {
        const toB = businessMinutesBetween(c, a, b);
        expect(toB).toBeGreaterThanOrEqual(0);
        expect(toB).toBeLessThanOrEqual(businessMinutesBetween(c, a, d));
        expect(toB).toBeLessThanOrEqual((Date.parse(b) - Date.parse(a)) / 60_000);
      }),
    );
  });

  it('is additive over splits: minutes(a, c) = minutes(a, b) + minutes(b, c)', () => {
    fc.assert(
      fc.property(calendar, ordered(minuteInstant), (c, [a, b, d]) => {
        expect(businessMinutesBetween(c, a, b) + businessMinutesBetween(c, b, d)).toBe(businessMinutesBetween(c, a, d));
      }),
    );
    fc.assert(
      fc.property(calendar, ordered(msInstant), (c, [a, b, d]) => {
        expect(businessMinutesBetween(c, a, b) + businessMinutesBetween(c, b, d)).toBeCloseTo(
          businessMinutesBetween(c, a, d),
          6,
        );
      }),
    );
  });

  it('inverts addBusinessMinutes: minutes(from, add(from, n)) = n, and no earlier instant has n', () => {
    fc.assert(
      fc.property(calendar, msInstant, fc.integer({ min: 0, max: 20_000 }), (c, from, n) => {
        const end = addBusinessMinutes(c, from, n);
        expect(businessMinutesBetween(c, from, end)).toBe(n);
        if (n > 0) {
          const justBefore = new Date(Date.parse(end) - 1).toISOString();
          expect(businessMinutesBetween(c, from, justBefore)).toBeLessThan(n);
        }
      }),
    );
  });

  it('starts counting at the next working instant', () => {
    fc.assert(
      fc.property(calendar, msInstant, fc.integer({ min: 1, max: 5_000 }), (c, from, n) => {
        const start = nextWorkingInstant(c, from);
        expect(businessMinutesBetween(c, from, start)).toBe(0);
        expect(addBusinessMinutes(c, from, n)).toBe(addBusinessMinutes(c, start, n));
      }),
    );
  });
});
