import { addCalendarDays, addCalendarMonths, isCalendarDate, shanghaiDateAt, startOfShanghaiDay, wholeMinutesBetween } from './calendar-dates';

describe('calendar dates of equipment and R&D investment', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-20', 24, '2028-03-20'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2029-01-31', -1, '2028-12-31'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('adds days across months and years, and knows real dates', () => {
    expect(addCalendarDays('2026-12-25', 7)).toBe('2027-01-01');
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-2-1')).toBe(false);
  });

  it('begins a day at midnight in Shanghai and reads an instant’s date there', () => {
    expect(startOfShanghaiDay('2026-03-01')).toBe('2026-02-28T16:00:00.000Z');
    expect(shanghaiDateAt('2026-02-28T16:00:00.000Z')).toBe('2026-03-01');
    expect(shanghaiDateAt('2026-02-28T15:59:59.999Z')).toBe('2026-02-28');
    expect(wholeMinutesBetween('2026-03-02T01:00:00.000Z', '2026-03-02T21:30:59.000Z')).toBe(1230);
  });
});
