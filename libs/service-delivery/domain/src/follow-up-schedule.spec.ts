import {
  DEFAULT_FOLLOW_UP_VISIT_OFFSETS_DAYS,
  MAX_FOLLOW_UP_DAYS,
  ensureFollowUpOffsets,
  followUpVisitId,
  visitsAfterAcceptance,
} from './follow-up-schedule';

describe('follow-up schedule (P-6.1)', () => {
  it('visits by default a week and a month after acceptance', () => {
    expect(visitsAfterAcceptance('case-1', '2026-03-25T09:00:00.000Z', DEFAULT_FOLLOW_UP_VISIT_OFFSETS_DAYS)).toEqual([
      { visitId: 'case-1-visit-1', visitNumber: 1, dueAt: '2026-04-01T09:00:00.000Z' },
      { visitId: 'case-1-visit-2', visitNumber: 2, dueAt: '2026-04-24T09:00:00.000Z' },
    ]);
  });

  it('derives visit ids from the case, so a replay schedules the same visits', () => {
    expect(followUpVisitId('case-1', 3)).toBe('case-1-visit-3');
  });

  it.each([[[]], [[7, 7]], [[30, 7]], [[0]], [[1.5]], [[7, MAX_FOLLOW_UP_DAYS + 1]], [[Infinity]]])('refuses offsets %j', (offsets) => {
    expect(() => ensureFollowUpOffsets(offsets)).toThrow(expect.objectContaining({ code: 'invalid-follow-up-offsets' }));
  });

  it('accepts increasing whole days', () => {
    expect(() => ensureFollowUpOffsets([3, 14, 90])).not.toThrow();
    expect(() => ensureFollowUpOffsets([7, MAX_FOLLOW_UP_DAYS])).not.toThrow();
  });
});
