import { localDay, previousBucket, windowAt } from './windows';

describe('indicator windows on the company clock, UTC+8 (K-3.2)', () => {
  it.each([
    ['2026-12-06T15:59:59.000Z', '2026-W49', '2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z'],
    ['2026-12-06T16:00:00.000Z', '2026-W50', '2026-12-06T16:00:00.000Z', '2026-12-13T16:00:00.000Z'],
    ['2026-01-01T03:00:00.000Z', '2026-W01', '2025-12-28T16:00:00.000Z', '2026-01-04T16:00:00.000Z'],
    ['2027-01-01T03:00:00.000Z', '2026-W53', '2026-12-27T16:00:00.000Z', '2027-01-03T16:00:00.000Z'],
  ])('puts %s in the ISO week %s, Monday to Monday local time', (at, key, from, to) => {
    expect(windowAt({ kind: 'calendar', unit: 'week' }, at)).toEqual({ key, from, to });
  });

  it('puts an instant in its local month and quarter', () => {
    expect(windowAt({ kind: 'calendar', unit: 'month' }, '2026-11-30T16:30:00.000Z')).toEqual({
      key: '2026-12',
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
    expect(windowAt({ kind: 'calendar', unit: 'quarter' }, '2026-11-05T00:00:00.000Z')).toEqual({
      key: '2026-Q4',
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
  });

  it('keeps a rolling window in buckets of its own length, each reaching back to the one before', () => {
    const week = { kind: 'rolling', days: 7 } as const;
    const bucket = windowAt(week, '2026-12-03T02:00:00.000Z');
    expect(Date.parse(bucket.to) - Date.parse(bucket.from)).toBe(7 * 24 * 3600 * 1000);
    expect(bucket.from.endsWith('T16:00:00.000Z')).toBe(true);
    const before = previousBucket(week, bucket);
    expect(before.to).toBe(bucket.from);
    expect(windowAt(week, bucket.from)).toEqual(bucket);
  });

  it('keeps a signal in the log of its local day', () => {
    expect(localDay('2026-12-06T16:30:00.000Z')).toBe('2026-12-07');
    expect(localDay('2026-12-06T15:30:00.000Z')).toBe('2026-12-06');
  });
});
