import { cadenceWindow, localDateOf, meetingCadence, periodsOverlapping, startOfLocalDate } from './meeting-cadence';

const keys = (periods: Array<{ key: string }>) => periods.map((p) => p.key);

describe('meeting cadence (C-1.1)', () => {
  it('reads instants as local dates in Asia/Shanghai', () => {
    expect(localDateOf('2026-11-29T16:30:00Z')).toBe('2026-11-30');
    expect(localDateOf('2026-11-30T15:59:59+00:00')).toBe('2026-11-30');
    expect(localDateOf('2026-12-01T00:00:00+08:00')).toBe('2026-12-01');
    expect(startOfLocalDate('2026-12-01')).toBe('2026-11-30T16:00:00.000Z');
  });

  it('runs a week from Monday to Sunday, whichever day the range starts on', () => {
    expect(periodsOverlapping('weekly', '2026-12-02', '2026-12-14')).toEqual([
      { key: '2026-W49', from: '2026-11-30', to: '2026-12-06' },
      { key: '2026-W50', from: '2026-12-07', to: '2026-12-13' },
      { key: '2026-W51', from: '2026-12-14', to: '2026-12-20' },
    ]);
    expect(periodsOverlapping('weekly', '2026-12-06', '2026-12-06')).toEqual([{ key: '2026-W49', from: '2026-11-30', to: '2026-12-06' }]);
    expect(periodsOverlapping('weekly', '2026-12-07', '2026-12-07')).toEqual([{ key: '2026-W50', from: '2026-12-07', to: '2026-12-13' }]);
  });

  it('numbers the weeks across a year end by the year of their Thursday', () => {
    // 2026-12-28 is a Monday; that week's Thursday is 2026-12-31, the next one's 2027-01-07.
    expect(keys(periodsOverlapping('weekly', '2026-12-25', '2027-01-05'))).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    // 2024-12-30 is a Monday whose Thursday is 2025-01-02: the week is 2025's first.
    expect(periodsOverlapping('weekly', '2024-12-31', '2024-12-31')).toEqual([{ key: '2025-W01', from: '2024-12-30', to: '2025-01-05' }]);
    expect(keys(periodsOverlapping('monthly', '2026-12-25', '2027-01-05'))).toEqual(['2026-12', '2027-01']);
    expect(periodsOverlapping('quarterly', '2026-12-25', '2027-01-05')).toEqual([
      { key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' },
      { key: '2027-Q1', from: '2027-01-01', to: '2027-03-31' },
    ]);
  });

  it('ends February on its last day, leap years included', () => {
    expect(periodsOverlapping('monthly', '2028-02-10', '2028-02-10')).toEqual([{ key: '2028-02', from: '2028-02-01', to: '2028-02-29' }]);
    expect(periodsOverlapping('monthly', '2027-02-10', '2027-02-10')[0].to).toBe('2027-02-28');
  });

  it('spans every period of any kind that overlaps the range, as instants', () => {
    expect(cadenceWindow('2026-12-02', '2026-12-14')).toEqual({ from: '2026-09-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    // A week reaching past the quarter's end widens the window to its Sunday.
    expect(cadenceWindow('2026-12-30', '2026-12-31').to).toBe('2027-01-03T16:00:00.000Z');
  });

  it('marks each period held with its meetings, or missed once it has ended', () => {
    const meetings = [
      { meetingId: 'w49', kind: 'weekly', heldAt: '2026-11-29T16:30:00Z' }, // Monday 00:30 in Shanghai, Sunday in UTC
      { meetingId: 'w51', kind: 'weekly', heldAt: '2026-12-14T02:00:00Z' },
      { meetingId: 'nov', kind: 'monthly', heldAt: '2026-11-20T02:00:00Z' },
      { meetingId: 'project', kind: 'project', heldAt: '2026-12-08T02:00:00Z' },
    ];
    const cadence = meetingCadence('2026-11-30', '2026-12-20', meetings, '2026-12-17T02:00:00Z');
    expect(cadence.weekly.map(({ key, held, ended, meetingIds }) => ({ key, held, ended, meetingIds }))).toEqual([
      { key: '2026-W49', held: true, ended: true, meetingIds: ['w49'] },
      { key: '2026-W50', held: false, ended: true, meetingIds: [] },
      { key: '2026-W51', held: true, ended: false, meetingIds: ['w51'] },
    ]);
    expect(cadence.monthly.map(({ key, held }) => [key, held])).toEqual([
      ['2026-11', true],
      ['2026-12', false],
    ]);
    expect(cadence.quarterly).toEqual([{ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31', held: false, ended: false, meetingIds: [] }]);
  });
});
