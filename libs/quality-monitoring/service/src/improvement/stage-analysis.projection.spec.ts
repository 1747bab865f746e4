import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { AfterSalesProblemAttributed, ImprovementMeasureEvent, afterSalesAttributionStream, improvementMeasureStream } from '@serviceledger/quality-monitoring/domain';
import { AttributionRow, ImprovementMeasureRow, stageAnalysisProjection } from './stage-analysis.projection';

const attributed = (stage: 'implementation' | 'planning', resolvedAt: string, messageId: string): AfterSalesProblemAttributed => ({
  type: 'AfterSalesProblemAttributed',
  data: { origin: 'intake', problemId: 'd-1', stage, resolvedAt, messageId },
});
const recorded: ImprovementMeasureEvent = {
  type: 'ImprovementMeasureRecorded',
  data: {
    measureId: 'm-1',
    stage: 'planning',
    departmentId: 'tech-support',
    ownerId: 'ts-head',
    description: 'Check the customer’s equipment list when planning',
    dueOn: '2026-12-15',
    recordedAt: '2026-12-01T02:00:00.000Z',
    recordedBy: 'qm-zhao',
  },
};

describe('stage-analysis projection (P-6.3)', () => {
  const projection = projectionSpec(stageAnalysisProjection);

  it('keeps each after-sales problem under the stage of its latest resolution, a redelivered event changing nothing', async () => {
    const d1 = eventStream<AfterSalesProblemAttributed>(afterSalesAttributionStream('intake', 'd-1'));
    const first = d1(attributed('implementation', '2026-12-01T02:00:00.000Z', 'msg-1'));
    const second = d1(attributed('planning', '2026-12-03T02:00:00.000Z', 'msg-2'));
    await projection.apply([first, second]);
    await projection.apply([first]);
    expect(await projection.rows<AttributionRow>('attribution')).toEqual([
      { problemKey: 'intake-d-1', origin: 'intake', problemId: 'd-1', stage: 'planning', resolvedAt: '2026-12-03T02:00:00.000Z' },
    ]);
  });

  it('lists an improvement measure by stage, department and status, folded to done', async () => {
    const m1 = eventStream<ImprovementMeasureEvent>(improvementMeasureStream('m-1'));
    await projection.apply([
      m1(recorded),
      m1({ type: 'ImprovementMeasureCompleted', data: { measureId: 'm-1', outcome: 'In the plan template', completedAt: '2026-12-10T02:00:00.000Z', completedBy: 'ts-head', onTime: true } }),
    ]);
    const [row] = await projection.rows<ImprovementMeasureRow>('improvement_measure');
    expect(row).toEqual({
      measureId: 'm-1',
      stage: 'planning',
      departmentId: 'tech-support',
      ownerId: 'ts-head',
      status: 'done',
      dueOn: '2026-12-15',
      recordedAt: '2026-12-01T02:00:00.000Z',
      completedAt: '2026-12-10T02:00:00.000Z',
      state: expect.any(String),
    });
    expect(JSON.parse(row.state)).toMatchObject({ outcome: 'In the plan template', completedOnTime: true });
  });
});
