import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { AppraisalEvent, AppraisalSchemeSet, appraisalSchemeStream, appraisalStream } from '@serviceledger/hr-performance/domain';
import { AppraisalRow, AppraisalSchemeRow, appraisalsProjection } from './appraisals.projection';

const AT = '2026-12-01T01:00:00.000Z';
const lines = [
  { indicatorId: 'csat', source: 'quality' as const, indicator: 'satisfaction' as const, weight: 4, value: 4, normalised: 0.8, from: { period: '2026-11', indicator: 'satisfaction' as const, value: 4, messageId: 'm-1' } },
  { indicatorId: 'onsite', source: 'duty' as const, duty: '現場服務規範', weight: 1, value: null, normalised: null },
];
const drafted: AppraisalEvent = {
  type: 'MonthlyAppraisalDrafted',
  data: {
    appraisalId: 'ts-lead.2026-11',
    employeeId: 'ts-lead',
    departmentId: 'tech-support',
    postId: 'support-engineer',
    period: '2026-11',
    scheme: { postId: 'support-engineer', version: 1 },
    facts: { period: '2026-11', messageId: 'm-1', indicators: { satisfaction: 4 } },
    lines,
    score: 80,
    draftedAt: AT,
  },
};
const assessed: AppraisalEvent = {
  type: 'AppraisalAssessed',
  data: { appraisalId: 'ts-lead.2026-11', employeeId: 'ts-lead', assessment: '主動跟進客戶', lines: [lines[0], { ...lines[1], value: 90, normalised: 0.9 }], score: 82, assessedBy: 'ts-head', assessedAt: AT },
};
const finalised: AppraisalEvent = {
  type: 'AppraisalFinalised',
  data: { appraisalId: 'ts-lead.2026-11', employeeId: 'ts-lead', departmentId: 'tech-support', postId: 'support-engineer', kind: 'monthly', period: '2026-11', scheme: { postId: 'support-engineer', version: 1 }, score: 82, finalisedBy: 'hr-wu', finalisedAt: '2026-12-03T01:00:00.000Z' },
};
const flagged: AppraisalEvent = {
  type: 'AppraisalFlaggedForReview',
  data: { appraisalId: 'ts-lead.2026-11', employeeId: 'ts-lead', departmentId: 'tech-support', adjustment: 1, reason: '漏計回訪', messageId: 'm-2', flaggedAt: AT },
};

describe('appraisals projection', () => {
  const projection = projectionSpec(appraisalsProjection);
  const appraisal = () => projection.rows<AppraisalRow>('appraisal').then(([row]) => row);

  it('lists an appraisal by person, department, period and status, its row the decider’s state', async () => {
    const stream = eventStream<AppraisalEvent>(appraisalStream('ts-lead.2026-11'));
    await projection.apply([stream(drafted)]);
    expect(await appraisal()).toEqual({
      appraisalId: 'ts-lead.2026-11',
      employeeId: 'ts-lead',
      departmentId: 'tech-support',
      postId: 'support-engineer',
      kind: 'monthly',
      period: '2026-11',
      year: '2026',
      status: 'draft',
      score: 80,
      needsReview: false,
      revision: 0,
      finalisedAt: null,
      state: expect.any(String),
    });

    await projection.apply([stream(assessed), stream(finalised), stream(flagged)]);
    const row = await appraisal();
    expect(row).toMatchObject({ status: 'finalised', score: 82, needsReview: true, finalisedAt: '2026-12-03T01:00:00.000Z' });
    expect(JSON.parse(row.state)).toMatchObject({ assessment: { text: '主動跟進客戶', by: 'ts-head' }, reviewFlags: [{ adjustment: 1, reason: '漏計回訪' }] });
  });

  it('keeps each post’s scheme with its latest version', async () => {
    const scheme = eventStream<AppraisalSchemeSet>(appraisalSchemeStream('support-engineer'));
    const version = (v: number): AppraisalSchemeSet => ({
      type: 'AppraisalSchemeSet',
      data: { postId: 'support-engineer', version: v, name: `v${v}`, lines: [{ indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: v }], referenceMinutes: {}, definedAt: AT, definedBy: 'hr-wu' },
    });
    await projection.apply([scheme(version(1)), scheme(version(2))]);
    const [row] = await projection.rows<AppraisalSchemeRow>('scheme');
    expect(row).toMatchObject({ postId: 'support-engineer', version: 2 });
    expect(JSON.parse(row.state).versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('changes nothing when events are delivered again', async () => {
    const stream = eventStream<AppraisalEvent>(appraisalStream('ts-lead.2026-11'));
    const events = [stream(drafted), stream(assessed)];
    await projection.apply(events);
    const once = await projection.rows('appraisal');
    await projection.apply(events);
    expect(await projection.rows('appraisal')).toEqual(once);
  });
});
