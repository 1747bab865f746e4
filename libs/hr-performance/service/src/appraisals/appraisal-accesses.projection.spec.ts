import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { AppraisalAccessed, appraisalAccessStream } from '@serviceledger/hr-performance/domain';
import { AppraisalAccessRow, appraisalAccessesProjection } from './appraisal-accesses.projection';

const accessed = (reason: string): AppraisalAccessed => ({
  type: 'AppraisalAccessed',
  data: { employeeId: 'ts-lead', appraisalId: 'ts-lead.2026-11', fields: ['assessment', 'annualReview'], reason, accessedBy: 'ts-head', accessedAt: '2026-12-03T01:00:00.000Z' },
});

describe('appraisal accesses projection', () => {
  const projection = projectionSpec(appraisalAccessesProjection);

  it('registers each read of a person’s appraisal text, whose, by whom, which and why, once however often delivered', async () => {
    const log = eventStream<AppraisalAccessed>(appraisalAccessStream('ts-lead'));
    const events = [log(accessed('年度調薪評審'), { by: 'ts-head' }), log(accessed('複核'), { by: 'ts-head' })];
    await projection.apply(events);
    await projection.apply(events);
    expect(await projection.rows<AppraisalAccessRow>('access')).toEqual([
      { employeeId: 'ts-lead', position: 0, appraisalId: 'ts-lead.2026-11', accessedAt: '2026-12-03T01:00:00.000Z', accessedBy: 'ts-head', accessedByRoles: '', fields: 'assessment,annualReview', reason: '年度調薪評審' },
      { employeeId: 'ts-lead', position: 1, appraisalId: 'ts-lead.2026-11', accessedAt: '2026-12-03T01:00:00.000Z', accessedBy: 'ts-head', accessedByRoles: '', fields: 'assessment,annualReview', reason: '複核' },
    ]);
  });
});
