import { mostUrgent, priorityOf, raisePriority } from './priority';

describe('impact × urgency → priority', () => {
  it.each([
    [1, 1, 'P1'],
    [1, 2, 'P2'],
    [1, 3, 'P3'],
    [2, 1, 'P2'],
    [2, 2, 'P3'],
    [2, 3, 'P4'],
    [3, 1, 'P3'],
    [3, 2, 'P4'],
    [3, 3, 'P4'],
  ] as const)('impact %i and urgency %i give %s', (impact, urgency, priority) => {
    expect(priorityOf(impact, urgency)).toBe(priority);
  });
});

describe('raising a priority', () => {
  it('moves towards P1 for positive levels and towards P4 for negative ones', () => {
    expect(raisePriority('P3', 1)).toBe('P2');
    expect(raisePriority('P3', 2)).toBe('P1');
    expect(raisePriority('P2', -1)).toBe('P3');
  });

  it('stays within P1 … P4', () => {
    expect(raisePriority('P2', 5)).toBe('P1');
    expect(raisePriority('P3', -5)).toBe('P4');
  });
});

describe('the most urgent priority', () => {
  it('is the one closest to P1', () => {
    expect(mostUrgent('P3', 'P4', 'P2', 'P3')).toBe('P2');
    expect(mostUrgent('P4')).toBe('P4');
  });
});
