import { addDays, endOfLocalDay, isLocalDate, localDate } from './staff-calendar';

describe('staff dates in Asia/Shanghai', () => {
  it('reads an instant as the local date, and a date as over at local midnight', () => {
    expect(localDate('2026-12-06T15:59:59.000Z')).toBe('2026-12-06');
    expect(localDate('2026-12-06T16:00:00.000Z')).toBe('2026-12-07');
    expect(endOfLocalDay('2026-12-06')).toBe('2026-12-06T16:00:00.000Z');
  });

  it('counts days across months and years, and knows real dates', () => {
    expect(addDays('2026-12-02', 30)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-30')).toBe(false);
    expect(isLocalDate('2026-2-3')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-12-32')).toBe(false);
  });
});
