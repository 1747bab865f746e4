import { IcsFormatError, parseIcsCalendarDays } from './ics-import';

const ics = (...lines: string[]) => lines.join('\r\n');
const calendar = (...events: string[][]) =>
  ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Holidays//ZH', ...events.flat(), 'END:VCALENDAR');
const event = (...properties: string[]) => ['BEGIN:VEVENT', ...properties, 'END:VEVENT'];

function failure(text: string): IcsFormatError {
  try {
    parseIcsCalendarDays(text);
  } catch (error) {
    return error as IcsFormatError;
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
});
