import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { DocumentFile, MAX_DOCUMENT_BYTES } from './document-files';
import { TechnicalDocumentCommand, TechnicalDocumentEvent, technicalDocument, technicalDocuments } from './technical-document';

const AT = '2026-12-01T02:00:00.000Z';
const author = actor('tech-li', ['technician'], ['tech-support']);
const reviewer = actor('head-wang', ['department-head'], ['tech-support']);
const command = commandsOf<TechnicalDocumentCommand, { documentId: string }>({ at: AT, actor: author, data: { documentId: 'doc-1' } });
const { when, refusal, aggregateAfter } = deciderSpec(technicalDocument);

const file = (n: number): DocumentFile => ({ sha256: String(n).repeat(64).slice(0, 64), size: 100 * n, contentType: 'text/markdown', fileName: `manual-v${n}.md` });
const registration = (): TechnicalDocumentEvent[] =>
  when([], command('RegisterTechnicalDocument', { kind: 'operating-manual', title: ' 服務器備份操作手冊 ', tags: ['備份', ' 備份 ', '運維'], ownerId: 'tech-li', departmentId: 'tech-support', reviewIntervalDays: 90, links: [{ kind: 'case', id: 'case-1' }], file: file(1) }));
const inReview = (): TechnicalDocumentEvent[] => {
  const given = registration();
  return [...given, ...when(given, command('SubmitDocumentForReview', {}))];
};
const approved = (): TechnicalDocumentEvent[] => {
  const given = inReview();
  return [...given, ...when(given, command('ReviewDocument', { approve: true, comment: '可以發布' }, { actor: reviewer }))];
};

describe('technical document (R-1.1)', () => {
  it('is registered with its owner, department, tags, links and first version', () => {
    expect(registration()).toEqual([
      {
        type: 'TechnicalDocumentRegistered',
        data: { documentId: 'doc-1', kind: 'operating-manual', title: '服務器備份操作手冊', tags: ['備份', '運維'], ownerId: 'tech-li', departmentId: 'tech-support', reviewIntervalDays: 90, links: [{ kind: 'case', id: 'case-1' }], registeredAt: AT, registeredBy: 'tech-li' },
      },
      { type: 'DocumentVersionUploaded', data: { documentId: 'doc-1', version: 1, ...file(1), changeNote: 'First version', uploadedAt: AT, uploadedBy: 'tech-li' } },
    ]);
    expect(aggregateAfter(registration())).toMatchObject({ status: 'draft', versions: [{ version: 1 }] });
  });

  it('numbers every upload as a new version with its author, time, hash and change note, keeping the old ones', () => {
    const given = registration();
    const upload = when(given, command('UploadDocumentVersion', { file: file(2), changeNote: '補充恢復步驟' }, { at: '2026-12-02T00:00:00.000Z' }));
    expect(upload).toEqual([
      { type: 'DocumentVersionUploaded', data: { documentId: 'doc-1', version: 2, ...file(2), changeNote: '補充恢復步驟', uploadedAt: '2026-12-02T00:00:00.000Z', uploadedBy: 'tech-li' } },
    ]);
    expect(aggregateAfter([...given, ...upload]).versions.map((v) => v.version)).toEqual([1, 2]);
    expect(refusal(given, command('UploadDocumentVersion', { file: file(2), changeNote: ' ' }))).toMatchObject(refused('field-required'));
  });

  it('refuses a file of another type or over the size limit, even if the service let it through', () => {
    const given = registration();
    expect(refusal(given, command('UploadDocumentVersion', { file: { ...file(2), contentType: 'application/x-msdownload' as 'text/plain' }, changeNote: 'x' }))).toMatchObject(refused('file-type-refused'));
    expect(refusal(given, command('UploadDocumentVersion', { file: { ...file(2), size: MAX_DOCUMENT_BYTES + 1 }, changeNote: 'x' }))).toMatchObject(refused('file-size-invalid'));
    expect(refusal(given, command('UploadDocumentVersion', { file: { ...file(2), sha256: 'abc' }, changeNote: 'x' }))).toMatchObject(refused('file-hash-invalid'));
  });

  it('is approved by a reviewer other than the version’s author, and sets the next review from the interval', () => {
    const given = inReview();
    expect(refusal(given, command('ReviewDocument', { approve: true, comment: '' }))).toMatchObject(refused('reviewer-is-author'));
    expect(when(given, command('ReviewDocument', { approve: true, comment: '可以發布' }, { actor: reviewer }))).toEqual([
      {
        type: 'DocumentApproved',
        data: {
          documentId: 'doc-1',
          version: 1,
          comment: '可以發布',
          approvedAt: AT,
          approvedBy: 'head-wang',
          nextReviewDue: '2027-03-01T02:00:00.000Z',
          approved: { kind: 'operating-manual', title: '服務器備份操作手冊', tags: ['備份', '運維'], ownerId: 'tech-li', departmentId: 'tech-support', links: [{ kind: 'case', id: 'case-1' }], file: file(1) },
        },
      },
    ]);
    expect(aggregateAfter(approved())).toMatchObject({ status: 'approved', releasedVersion: 1, nextReviewDue: '2027-03-01T02:00:00.000Z' });
  });

  it('is returned to draft with the reviewer’s reason, and takes no new version while in review', () => {
    const given = inReview();
    expect(refusal(given, command('ReviewDocument', { approve: false, comment: '' }, { actor: reviewer }))).toMatchObject(refused('field-required'));
    const returned = when(given, command('ReviewDocument', { approve: false, comment: '缺少回滾步驟' }, { actor: reviewer }));
    expect(aggregateAfter([...given, ...returned])).toMatchObject({ status: 'draft', reviews: [{ outcome: 'returned', comment: '缺少回滾步驟' }] });
    expect(refusal(given, command('UploadDocumentVersion', { file: file(2), changeNote: 'x' }))).toMatchObject(refused('document-in-review'));
    expect(refusal(registration(), command('ReviewDocument', { approve: true, comment: '' }, { actor: reviewer }))).toMatchObject(refused('document-state'));
  });

  it('stays released at its approved version while a newer one is drafted', () => {
    const given = approved();
    const upload = when(given, command('UploadDocumentVersion', { file: file(2), changeNote: '第二版' }));
    expect(aggregateAfter([...given, ...upload])).toMatchObject({ status: 'draft', releasedVersion: 1, versions: [{ version: 1 }, { version: 2 }] });
  });

  it('reminds its owner once when the review falls due, and a confirmed review sets the next one', () => {
    const given = approved();
    const due = '2027-03-01T02:00:00.000Z';
    const reminded = when(given, command('RemindDocumentReview', { dueAt: due }, { at: due }));
    expect(reminded).toEqual([{ type: 'DocumentReviewReminded', data: { documentId: 'doc-1', ownerId: 'tech-li', version: 1, dueAt: due, remindedAt: due } }]);
    expect(when([...given, ...reminded], command('RemindDocumentReview', { dueAt: due }, { at: due }))).toEqual([]);
    const confirmed = when(given, command('ConfirmDocumentReview', { comment: '仍然適用' }, { at: '2027-02-20T00:00:00.000Z' }));
    expect(confirmed).toEqual([
      { type: 'DocumentReviewConfirmed', data: { documentId: 'doc-1', version: 1, comment: '仍然適用', confirmedAt: '2027-02-20T00:00:00.000Z', confirmedBy: 'tech-li', nextReviewDue: '2027-05-21T00:00:00.000Z' } },
    ]);
    expect(when([...given, ...confirmed], command('RemindDocumentReview', { dueAt: due }, { at: due }))).toEqual([]);
    expect(refusal(registration(), command('ConfirmDocumentReview', { comment: 'x' }))).toMatchObject(refused('document-not-released'));
  });

  it('is superseded by its replacement once released, archived from any state, and then takes nothing new', () => {
    expect(refusal(registration(), command('SupersedeDocument', { replacementId: 'doc-2' }))).toMatchObject(refused('document-state'));
    const given = approved();
    const superseded = [...given, ...when(given, command('SupersedeDocument', { replacementId: 'doc-2' }))];
    expect(aggregateAfter(superseded)).toMatchObject({ status: 'superseded', supersededBy: 'doc-2' });
    expect(when(superseded, command('RemindDocumentReview', { dueAt: '2027-03-01T02:00:00.000Z' }))).toEqual([]);
    const archived = [...superseded, ...when(superseded, command('ArchiveDocument', { reason: '設備已退役' }))];
    expect(aggregateAfter(archived)).toMatchObject({ status: 'archived', archivedReason: '設備已退役' });
    expect(when(archived, command('ArchiveDocument', { reason: 'again' }))).toEqual([]);
    expect(refusal(archived, command('UploadDocumentVersion', { file: file(3), changeNote: 'x' }))).toMatchObject(refused('document-closed'));
  });

  it('links to the cases and demands it serves, once each, and unlinks them', () => {
    const given = registration();
    const linked = when(given, command('LinkDocument', { link: { kind: 'demand', id: 'dem-9' } }));
    expect(linked).toEqual([{ type: 'DocumentLinked', data: { documentId: 'doc-1', link: { kind: 'demand', id: 'dem-9' }, linkedAt: AT, linkedBy: 'tech-li' } }]);
    expect(when([...given, ...linked], command('LinkDocument', { link: { kind: 'demand', id: 'dem-9' } }))).toEqual([]);
    const unlinked = when([...given, ...linked], command('UnlinkDocument', { link: { kind: 'case', id: 'case-1' } }));
    expect(aggregateAfter([...given, ...linked, ...unlinked]).links).toEqual([{ kind: 'demand', id: 'dem-9' }]);
  });

  it('changes its title, tags, owner and interval, recording only what changed', () => {
    const given = registration();
    expect(when(given, command('ChangeDocumentDetails', { ownerId: 'tech-zhou', title: '服務器備份操作手冊' }))).toEqual([
      { type: 'DocumentDetailsChanged', data: { documentId: 'doc-1', ownerId: 'tech-zhou', changedAt: AT, changedBy: 'tech-li' } },
    ]);
    expect(refusal(given, command('ChangeDocumentDetails', { reviewIntervalDays: 0 }))).toMatchObject(refused('review-interval-invalid'));
  });

  it('lives in its own stream, answers to its department, and is started only by a registration', () => {
    expect(technicalDocuments.streamPrefix).toBe('resource.document-');
    expect(technicalDocuments.scope?.(aggregateAfter(registration()))).toEqual({ departments: ['tech-support'] });
    expect(technicalDocuments.creates).toEqual(['RegisterTechnicalDocument']);
  });
});
