import { eventStream } from '@serviceledger/platform/testing';
import { RiskEvent, riskStream } from '@serviceledger/risk/domain';
import { reviewSchedule } from './review-schedule';

const envelope = eventStream<RiskEvent>(riskStream('r-1'));

const assessed = (nextReviewDue: string, previousReviewDue?: string): RiskEvent => ({
  type: 'RiskAssessed',
  data: {
    riskId: 'r-1',
    category: 'technical',
    departmentId: 'operations',
    ownerId: 'ops-wang',
    assessmentNumber: 2,
    likelihood: 4,
    impact: 4,
    level: 'high',
    band: 'high',
    matrixVersion: 1,
    controllable: true,
    assessedAt: '2026-11-15T02:00:00.000Z',
    assessedBy: 'officer-li',
    nextReviewDue,
    ...(previousReviewDue ? { previousReviewDue } : {}),
  },
});

describe('review schedule (K-3.1)', () => {
  it('plans the next review at the due time an assessment sets, replacing the one before', () => {
    expect(reviewSchedule.changes(envelope(assessed('2026-12-15T02:00:00.000Z', '2027-11-01T00:00:00.000Z')))).toEqual([
      { cancel: 'review:r-1:2027-11-01T00:00:00.000Z' },
      { plan: { key: 'review:r-1:2026-12-15T02:00:00.000Z', dueAt: '2026-12-15T02:00:00.000Z', type: 'MarkReviewOverdue', data: { riskId: 'r-1', dueAt: '2026-12-15T02:00:00.000Z' } } },
    ]);
  });

  it('cancels the pending review when the risk is closed', () => {
    expect(reviewSchedule.changes(envelope({ type: 'RiskClosed', data: { riskId: 'r-1', reason: 'Gone', closedAt: '2026-11-20T00:00:00.000Z', closedBy: 'officer-li', pendingReviewDue: '2026-12-15T02:00:00.000Z' } }))).toEqual([
      { cancel: 'review:r-1:2026-12-15T02:00:00.000Z' },
    ]);
  });
});
