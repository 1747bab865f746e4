import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { TechnicalDocument, TechnicalDocumentEvent, documentStream } from '@serviceledger/resource/domain';
import { DocumentRow, documentsProjection } from './documents.projection';

const file = { sha256: 'a'.repeat(64), size: 120, contentType: 'text/markdown' as const, fileName: 'manual.md' };
const registered: TechnicalDocumentEvent = {
  type: 'TechnicalDocumentRegistered',
  data: { documentId: 'doc-1', kind: 'operating-manual', title: '服務器備份操作手冊', tags: ['備份'], ownerId: 'tech-li', departmentId: 'tech-support', reviewIntervalDays: 30, links: [], registeredAt: '2026-12-01T02:00:00.000Z', registeredBy: 'tech-li' },
};
const uploaded = (version: number, at: string): TechnicalDocumentEvent => ({
  type: 'DocumentVersionUploaded',
  data: { documentId: 'doc-1', version, ...file, sha256: String(version).repeat(64), changeNote: `v${version}`, uploadedAt: at, uploadedBy: 'tech-li' },
});

describe('documents projection (R-1.1)', () => {
  const spec = projectionSpec(documentsProjection);

  it('keeps each document as the decider folds it, with its latest and released versions and its next review', async () => {
    const next = eventStream<TechnicalDocumentEvent>(documentStream('doc-1'));
    const history = [
      next(registered),
      next(uploaded(1, '2026-12-01T02:00:00.000Z')),
      next(uploaded(2, '2026-12-02T02:00:00.000Z')),
      next({ type: 'DocumentSubmittedForReview', data: { documentId: 'doc-1', version: 2, submittedAt: '2026-12-02T03:00:00.000Z', submittedBy: 'tech-li' } }),
      next({
        type: 'DocumentApproved',
        data: {
          documentId: 'doc-1',
          version: 2,
          comment: '',
          approvedAt: '2026-12-03T02:00:00.000Z',
          approvedBy: 'head-wang',
          nextReviewDue: '2027-01-02T02:00:00.000Z',
          approved: { kind: 'operating-manual', title: '服務器備份操作手冊', tags: ['備份'], ownerId: 'tech-li', departmentId: 'tech-support', links: [], file },
        },
      }),
      next({ type: 'DocumentReviewReminded', data: { documentId: 'doc-1', ownerId: 'tech-li', version: 2, dueAt: '2027-01-02T02:00:00.000Z', remindedAt: '2027-01-02T02:00:01.000Z' } }),
    ];
    await spec.apply(history);
    await spec.apply(history.slice(2));
    const [row] = await spec.rows<DocumentRow>('document');
    expect(row).toMatchObject({
      documentId: 'doc-1',
      kind: 'operating-manual',
      title: '服務器備份操作手冊',
      tags: '["備份"]',
      ownerId: 'tech-li',
      departmentId: 'tech-support',
      status: 'approved',
      latestVersion: 2,
      releasedVersion: 2,
      nextReviewDue: '2027-01-02T02:00:00.000Z',
      remindedFor: '2027-01-02T02:00:00.000Z',
      updatedAt: '2026-12-03T02:00:00.000Z',
    });
    const state = JSON.parse(row.state) as TechnicalDocument;
    expect(state.versions.map((v) => [v.version, v.changeNote])).toEqual([
      [1, 'v1'],
      [2, 'v2'],
    ]);
    expect(state.reviews).toEqual([{ version: 2, outcome: 'approved', comment: '', at: '2026-12-03T02:00:00.000Z', by: 'head-wang' }]);
  });
});
