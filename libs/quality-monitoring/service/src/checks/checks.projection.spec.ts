import { DailyCheckRecorded, dailyCheckStream } from '@serviceledger/quality-monitoring/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { CheckRow, checksProjection } from './checks.projection';

const spotCheck: DailyCheckRecorded = {
  type: 'DailyCheckRecorded',
  data: {
    checkId: 'chk-1',
    kind: 'spot-check',
    caseId: 'd-1',
    departmentId: 'tech-support',
    personId: 'tech-1',
    checklist: { checklistId: 'onsite', version: 2 },
    scores: [{ itemId: 'tidy', score: 4 }],
    score: 80,
    checkedAt: '2026-03-31T17:00:00.000Z',
    checkedBy: 'monitor-1',
  },
};

describe('checks projection', () => {
  const projection = projectionSpec(checksProjection);

  it('lists a check in the month it was made in Shanghai, with the whole check kept', async () => {
    const check = eventStream<DailyCheckRecorded>(dailyCheckStream('chk-1'));
    await projection.apply([check(spotCheck)]);

    const [row] = await projection.rows<CheckRow>('check');
    expect(row).toEqual({
      checkId: 'chk-1',
      kind: 'spot-check',
      caseId: 'd-1',
      departmentId: 'tech-support',
      personId: 'tech-1',
      checkedAt: '2026-03-31T17:00:00.000Z',
      checkedBy: 'monitor-1',
      period: '2026-04',
      score: 80,
      compliant: null,
      satisfied: null,
      customerScore: null,
      details: expect.any(String),
    });
    expect(JSON.parse(row.details)).toEqual(spotCheck.data);
  });

  it('lists record reviews and revisits with their own results', async () => {
    await projection.apply([
      eventStream<DailyCheckRecorded>(dailyCheckStream('chk-2'))({
        type: 'DailyCheckRecorded',
        data: { checkId: 'chk-2', kind: 'record-review', caseId: 'd-2', departmentId: 'it', compliant: false, checkedAt: '2026-03-02T02:00:00.000Z', checkedBy: 'monitor-1' },
      }),
      eventStream<DailyCheckRecorded>(dailyCheckStream('chk-3'))({
        type: 'DailyCheckRecorded',
        data: { checkId: 'chk-3', kind: 'revisit', caseId: 'd-3', departmentId: 'it', satisfied: true, customerScore: 5, checkedAt: '2026-03-02T03:00:00.000Z', checkedBy: 'monitor-1' },
      }),
    ]);

    expect(await projection.rows('check')).toEqual([
      expect.objectContaining({ checkId: 'chk-2', personId: null, period: '2026-03', compliant: false, satisfied: null, score: null }),
      expect.objectContaining({ checkId: 'chk-3', period: '2026-03', satisfied: true, customerScore: 5, compliant: null }),
    ]);
  });

  it('changes nothing when the check is delivered again', async () => {
    const recorded = eventStream<DailyCheckRecorded>(dailyCheckStream('chk-1'))(spotCheck);
    await projection.apply([recorded]);
    const once = await projection.rows('check');

    await projection.apply([recorded]);

    expect(await projection.rows('check')).toEqual(once);
  });
});
