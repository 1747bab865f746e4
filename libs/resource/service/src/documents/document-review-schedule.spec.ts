import { eventStream } from '@serviceledger/platform/testing';
import { TechnicalDocumentEvent, documentStream } from '@serviceledger/resource/domain';
import { documentReviewSchedule } from './document-review-schedule';

describe('document review reminders on the platform scheduler (R-1.1)', () => {
  const next = eventStream<TechnicalDocumentEvent>(documentStream('doc-1'));
  const file = { sha256: 'a'.repeat(64), size: 1, contentType: 'text/plain' as const, fileName: 'a.txt' };
  const approved = { kind: 'operating-manual' as const, title: 't', tags: [], ownerId: 'tech-li', departmentId: 'tech-support', links: [], file };

  it('plans the reminder at the next review when released or reviewed again, and cancels it once superseded or archived', () => {
    const approval = next({ type: 'DocumentApproved', data: { documentId: 'doc-1', version: 1, comment: '', approvedAt: 'x', approvedBy: 'h', nextReviewDue: '2027-01-01T00:00:00.000Z', approved } });
    expect(documentReviewSchedule.changes(approval)).toEqual([
      { plan: { key: 'document-review-doc-1', dueAt: '2027-01-01T00:00:00.000Z', type: 'RemindDocumentReview', data: { documentId: 'doc-1', dueAt: '2027-01-01T00:00:00.000Z' } } },
    ]);
    const confirmed = next({ type: 'DocumentReviewConfirmed', data: { documentId: 'doc-1', version: 1, comment: 'ok', confirmedAt: 'x', confirmedBy: 'h', nextReviewDue: '2027-02-01T00:00:00.000Z' } });
    expect(documentReviewSchedule.changes(confirmed)).toEqual([
      { plan: { key: 'document-review-doc-1', dueAt: '2027-02-01T00:00:00.000Z', type: 'RemindDocumentReview', data: { documentId: 'doc-1', dueAt: '2027-02-01T00:00:00.000Z' } } },
    ]);
    expect(documentReviewSchedule.changes(next({ type: 'DocumentArchived', data: { documentId: 'doc-1', reason: 'r', archivedAt: 'x', archivedBy: 'h' } }))).toEqual([{ cancel: 'document-review-doc-1' }]);
    expect(documentReviewSchedule.changes(next({ type: 'DocumentSuperseded', data: { documentId: 'doc-1', replacementId: 'doc-2', supersededAt: 'x', supersededBy: 'h' } }))).toEqual([{ cancel: 'document-review-doc-1' }]);
    expect(documentReviewSchedule.changes(next({ type: 'DocumentSubmittedForReview', data: { documentId: 'doc-1', version: 1, submittedAt: 'x', submittedBy: 'h' } }))).toEqual([]);
  });
});
