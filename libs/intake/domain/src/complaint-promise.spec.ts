import {
  defaultPromisedHandlingHours,
  isPromiseBroken,
  makePromise,
  pausePromise,
  resumePromise,
} from './complaint-promise';

describe('the promised handling time of a complaint', () => {
  it('defaults per priority', () => {
    expect([
      defaultPromisedHandlingHours('P1'),
      defaultPromisedHandlingHours('P2'),
      defaultPromisedHandlingHours('P3'),
      defaultPromisedHandlingHours('P4'),
    ]).toEqual([4, 24, 48, 72]);
  });

  it('is due the promised hours after registration', () => {
    expect(makePromise('2026-03-02T09:00:00.000Z', 24)).toEqual({
      promisedHandlingHours: 24,
      dueAt: '2026-03-03T09:00:00.000Z',
    });
  });

  it('is broken only after the due time', () => {
    const promise = makePromise('2026-03-02T09:00:00.000Z', 4);
    expect(isPromiseBroken(promise, '2026-03-02T13:00:00.000Z')).toBe(false);
    expect(isPromiseBroken(promise, '2026-03-02T13:00:00.001Z')).toBe(true);
  });

  it('stands still while paused', () => {
    const paused = pausePromise(makePromise('2026-03-02T09:00:00.000Z', 4), '2026-03-02T12:00:00.000Z');
    expect(isPromiseBroken(paused, '2026-03-05T00:00:00.000Z')).toBe(false);
  });

  it('stays broken when paused after the due time', () => {
    const paused = pausePromise(makePromise('2026-03-02T09:00:00.000Z', 4), '2026-03-02T14:00:00.000Z');
    expect(isPromiseBroken(paused, '2026-03-02T15:00:00.000Z')).toBe(true);
  });

  it('moves its due time on by the time paused', () => {
    const paused = pausePromise(makePromise('2026-03-02T09:00:00.000Z', 4), '2026-03-02T10:00:00.000Z');
    expect(resumePromise(paused, '2026-03-02T12:30:00.000Z')).toEqual({
      promisedHandlingHours: 4,
      dueAt: '2026-03-02T15:30:00.000Z',
    });
  });

  it('keeps the result promised across a pause (C-2.3 向客戶承諾處理時間和結果)', () => {
    const promise = { ...makePromise('2026-03-02T09:00:00.000Z', 4), promisedResult: 'The fee refunded' };
    const resumed = resumePromise(pausePromise(promise, '2026-03-02T10:00:00.000Z'), '2026-03-02T11:00:00.000Z');
    expect(resumed).toEqual({ promisedHandlingHours: 4, promisedResult: 'The fee refunded', dueAt: '2026-03-02T14:00:00.000Z' });
  });

  it('is unchanged by a resume without a pause', () => {
    const promise = makePromise('2026-03-02T09:00:00.000Z', 4);
    expect(resumePromise(promise, '2026-03-02T12:30:00.000Z')).toBe(promise);
  });
});
