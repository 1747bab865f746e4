import { ICS_LIMITS, IcsFormatError, IcsOutOfBoundsError, parseIcsCalendarDays } from './ics-import';

const ics = (...lines: string[]) => lines.join('\r\n');
const calendar = (...events: string[][]) =>
  ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Holidays//ZH', ...events.flat(), 'END:VCALENDAR');
const event = (...properties: string[]) => ['BEGIN:VEVENT', ...properties, 'END:VEVENT'];

function failure<E = IcsFormatError>(text: string, options: Parameters<typeof parseIcsCalendarDays>[1] = {}): E {
  try {
    parseIcsCalendarDays(text, options);
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the file to be refused');
}

describe('holidays from iCalendar', () => {
  it('reads an all-day event as a holiday with its Chinese summary', () => {
    const text = calendar(event('UID:ny-2026', 'DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20260102', 'SUMMARY:元旦'));
    expect(parseIcsCalendarDays(text)).toEqual({ holidays: [{ date: '2026-01-01', name: '元旦' }], makeUpDays: [], skipped: [] });
  });

  it('expands a multi-day event up to its exclusive DTEND', () => {
    const text = calendar(event('DTSTART;VALUE=DATE:20260501', 'DTEND;VALUE=DATE:20260506', 'SUMMARY:劳动节'));
    expect(parseIcsCalendarDays(text).holidays.map((h) => h.date)).toEqual([
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
    ]);
  });

  it('crosses month and year ends', () => {
    const text = calendar(event('DTSTART;VALUE=DATE:20251231', 'DTEND;VALUE=DATE:20260102', 'SUMMARY:跨年'));
    expect(parseIcsCalendarDays(text).holidays.map((h) => h.date)).toEqual(['2025-12-31', '2026-01-01']);
  });

  it('takes one day without DTEND, and DURATION in days or weeks', () => {
    const text = calendar(
      event('DTSTART;VALUE=DATE:20261001', 'SUMMARY:国庆节'),
      event('DTSTART:20260404', 'DURATION:P3D', 'SUMMARY:清明节'),
      event('DTSTART;VALUE=DATE:20260215', 'DURATION:P1W', 'SUMMARY:春节'),
    );
    const dates = parseIcsCalendarDays(text).holidays.map((h) => h.date);
    expect(dates).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-04-04',
      '2026-04-05',
      '2026-04-06',
      '2026-10-01',
    ]);
  });

  it('unfolds long lines, also inside a multi-byte summary, and unescapes text', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:2026',
      ' 0619',
      'SUMMARY:端午',
      '\t节\\, 放假\\;调休\\n说明',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    expect(parseIcsCalendarDays(text).holidays).toEqual([{ date: '2026-06-19', name: '端午节, 放假;调休\n说明' }]);
  });

  it('ignores a byte-order mark, LF line ends and properties of a nested VALARM', () => {
    const text =
      '\uFEFF' +
      [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20260925',
        'SUMMARY:中秋节',
        'BEGIN:VALARM',
        'SUMMARY:Reminder',
        'TRIGGER:-PT15M',
        'END:VALARM',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\n');
    expect(parseIcsCalendarDays(text).holidays).toEqual([{ date: '2026-09-25', name: '中秋节' }]);
  });

  it('skips and reports timed, recurring, cancelled and overlong events', () => {
    const text = calendar(
      event('UID:meeting', 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z', 'SUMMARY:Meeting'),
      event('UID:tz', 'DTSTART;TZID=Asia/Shanghai:20260302T090000', 'SUMMARY:Local meeting'),
      event('UID:yearly', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=YEARLY', 'SUMMARY:New Year'),
      event('UID:off', 'DTSTART;VALUE=DATE:20260102', 'STATUS:CANCELLED', 'SUMMARY:Called off'),
      event('UID:long', 'DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20270301', 'SUMMARY:Sabbatical'),
      event('UID:kept', 'DTSTART;VALUE=DATE:20260103', 'SUMMARY:元旦'),
    );
    const result = parseIcsCalendarDays(text);
    expect(result.holidays).toEqual([{ date: '2026-01-03', name: '元旦' }]);
    expect(result.skipped.map((s) => [s.uid, s.reason])).toEqual([
      ['meeting', 'timed-event'],
      ['tz', 'timed-event'],
      ['yearly', 'recurring-event'],
      ['off', 'cancelled-event'],
      ['long', 'event-too-long'],
    ]);
  });

  it('turns events marked as make-up days into working days', () => {
    const text = calendar(
      event('DTSTART;VALUE=DATE:20260501', 'DTEND;VALUE=DATE:20260503', 'SUMMARY:劳动节'),
      event('DTSTART;VALUE=DATE:20260509', 'SUMMARY:劳动节补班'),
    );
    expect(parseIcsCalendarDays(text, { makeUpDayMarkers: ['补班'] })).toEqual({
      holidays: [
        { date: '2026-05-01', name: '劳动节' },
        { date: '2026-05-02', name: '劳动节' },
      ],
      makeUpDays: [{ date: '2026-05-09', name: '劳动节补班' }],
      skipped: [],
    });
    // Without markers every all-day event is a holiday, as the spec says.
    expect(parseIcsCalendarDays(text).holidays.map((h) => h.date)).toContain('2026-05-09');
  });

  it('makes one holiday of several events on a date', () => {
    const text = calendar(
      event('DTSTART;VALUE=DATE:20260101', 'SUMMARY:元旦'),
      event('DTSTART;VALUE=DATE:20260101', 'SUMMARY:New Year'),
      event('DTSTART;VALUE=DATE:20260101', 'SUMMARY:元旦'),
    );
    expect(parseIcsCalendarDays(text).holidays).toEqual([{ date: '2026-01-01', name: '元旦 / New Year' }]);
  });

  it('refuses a date that is both a holiday and a make-up day', () => {
    const text = calendar(
      event('DTSTART;VALUE=DATE:20260509', 'SUMMARY:假'),
      event('DTSTART;VALUE=DATE:20260509', 'SUMMARY:补班'),
    );
    expect(() => parseIcsCalendarDays(text, { makeUpDayMarkers: ['补班'] })).toThrow(
      expect.objectContaining({ code: 'ics-conflicting-days' }),
    );
  });

  describe('malformed input', () => {
    it.each([
      ['an empty file', '', 1, /empty/],
      ['a file that is not a calendar', 'hello world', 1, /not a property/],
      ['no BEGIN:VCALENDAR', ics('BEGIN:VEVENT', 'END:VEVENT'), 1, /starts with BEGIN:VCALENDAR/],
      ['an unclosed calendar', ics('BEGIN:VCALENDAR', ...event('DTSTART;VALUE=DATE:20260101')), 1, /never closed/],
      ['mismatched END', ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VCALENDAR'), 3, /closes BEGIN:VEVENT/],
      ['an event without DTSTART', calendar(event('SUMMARY:x')), 4, /no DTSTART/],
      ['an impossible date', calendar(event('DTSTART;VALUE=DATE:20260230')), 5, /not a real date/],
      ['a garbled date', calendar(event('DTSTART;VALUE=DATE:2026-01-01')), 5, /neither a date/],
      ['DTEND not after DTSTART', calendar(event('DTSTART;VALUE=DATE:20260102', 'DTEND;VALUE=DATE:20260102')), 6, /after DTSTART/],
      ['DTEND of another type', calendar(event('DTSTART;VALUE=DATE:20260102', 'DTEND:20260102T100000Z')), 6, /DTEND must be a date/],
      ['DTSTART twice', calendar(event('DTSTART;VALUE=DATE:20260102', 'DTSTART;VALUE=DATE:20260103')), 6, /DTSTART twice/],
      ['a duration in hours for an all-day event', calendar(event('DTSTART;VALUE=DATE:20260102', 'DURATION:PT4H')), 6, /whole days/],
      ['content after the calendar', ics(...calendar().split('\r\n'), 'SUMMARY:stray'), 5, /outside a VCALENDAR/],
    ])('refuses %s, naming the line', (_what, text, line, message) => {
      const error = failure(text);
      expect(error).toBeInstanceOf(IcsFormatError);
      expect(error).toMatchObject({ name: 'RuleViolation', code: 'ics-malformed', line });
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`line ${line}`);
    });
  });
  describe('bounds, each checked before any date is expanded', () => {
    const outOfBounds = (text: string, options: Parameters<typeof parseIcsCalendarDays>[1] = {}) => {
      const error = failure<IcsOutOfBoundsError>(text, options);
      expect(error).toBeInstanceOf(IcsOutOfBoundsError);
      expect(error).toMatchObject({ name: 'RuleViolation', code: 'ics-out-of-bounds' });
      return error;
    };
    const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10).replace(/-/g, ''));

    it.each([
      ['300,000,000 days', 'DURATION:P300000000D'],
      ['9,999,999,999 weeks', 'DURATION:P9999999999W'],
      ['a 400-digit number of days', `DURATION:P${'9'.repeat(400)}D`],
    ])('refuses a DURATION of %s at once, naming the line and the last date', (_what, duration) => {
      const error = outOfBounds(calendar(event('DTSTART;VALUE=DATE:20260101', duration, 'SUMMARY:Forever')));
      expect(error.line).toBe(6);
      expect(error.message).toMatch(/^iCalendar line 6: DURATION .* takes the event past 9999-12-31/);
    });

    it('still skips a long event that ends on a real date, without listing its days', () => {
      const text = calendar(
        event('UID:ages', 'DTSTART;VALUE=DATE:10000101', 'DTEND;VALUE=DATE:99991231', 'SUMMARY:Ages'),
        event('UID:weeks', 'DTSTART;VALUE=DATE:20260101', 'DURATION:P100000W', 'SUMMARY:Weeks'),
        event('DTSTART;VALUE=DATE:20260501', 'SUMMARY:劳动节'),
      );
      const result = parseIcsCalendarDays(text);
      expect(result.holidays).toEqual([{ date: '2026-05-01', name: '劳动节' }]);
      expect(result.skipped.map((s) => [s.uid, s.reason])).toEqual([
        ['ages', 'event-too-long'],
        ['weeks', 'event-too-long'],
      ]);
    });

    it(`refuses more than ${ICS_LIMITS.days} days together, though every event is within a year`, () => {
      const yearLong = (year: number) => event(`DTSTART;VALUE=DATE:${year}0101`, 'DURATION:P366D', `SUMMARY:${year}`);
      const error = outOfBounds(calendar(...Array.from({ length: 11 }, (_, i) => yearLong(2030 + i))));
      expect(error.message).toBe(`iCalendar file: the events span ${11 * 366} days together, more than the ${ICS_LIMITS.days} an import takes`);
      expect(parseIcsCalendarDays(calendar(...Array.from({ length: 10 }, (_, i) => yearLong(2030 + i)))).holidays).toHaveLength(3653);
    });

    it(`refuses more than ${ICS_LIMITS.events} events, naming the first one too many`, () => {
      const many = (n: number) => calendar(...days(n).map((date) => event(`DTSTART;VALUE=DATE:${date}`)));
      expect(parseIcsCalendarDays(many(ICS_LIMITS.events)).holidays).toHaveLength(ICS_LIMITS.events);
      const error = outOfBounds(many(ICS_LIMITS.events + 1));
      expect(error.line).toBe(4 + 3 * ICS_LIMITS.events);
      expect(error.message).toMatch(/more than 2000 events/);
    });

    it('refuses a file longer than the limit, and a holiday name longer than one added by hand', () => {
      const padded = calendar(event('DTSTART;VALUE=DATE:20260101', `X-NOTE:${'x'.repeat(ICS_LIMITS.characters)}`));
      expect(outOfBounds(padded).message).toMatch(/more than the 1000000 an import takes/);
      const named = (length: number) => calendar(event('DTSTART;VALUE=DATE:20260101', `SUMMARY:${'节'.repeat(length)}`));
      expect(parseIcsCalendarDays(named(ICS_LIMITS.nameLength)).holidays).toHaveLength(1);
      expect(outOfBounds(named(ICS_LIMITS.nameLength + 1))).toMatchObject({ line: 4 });
    });

    it('refuses too many make-up-day markers, or one too long', () => {
      const text = calendar(event('DTSTART;VALUE=DATE:20260101'));
      expect(outOfBounds(text, { makeUpDayMarkers: Array.from({ length: ICS_LIMITS.markers + 1 }, (_, i) => `m${i}`) }).message).toMatch(/21 make-up-day markers/);
      expect(outOfBounds(text, { makeUpDayMarkers: ['补'.repeat(ICS_LIMITS.markerLength + 1)] }).message).toMatch(/longer than 50 characters/);
    });
  });
});
