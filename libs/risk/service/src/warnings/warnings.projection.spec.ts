import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { Warning, WarningEvent, warningStream } from '@serviceledger/risk/domain';
import { WarningRow, warningsProjection } from './warnings.projection';

const raised: WarningEvent = {
  type: 'WarningRaised',
  data: {
    warningId: 'w-1',
    indicator: { indicatorId: 'complaints-per-customer', version: 1, name: 'Complaints from one customer within 7 days', category: 'customer', window: { kind: 'rolling', days: 7 }, threshold: 3 },
    groupKind: 'customer',
    groupKey: 'cust-acme',
    window: { key: '2026-12-01T02:00:00.000Z', from: '2026-12-01T02:00:00.000Z', to: '2026-12-08T02:00:00.000Z' },
    count: 3,
    triggeredBy: [1, 2, 3].map((n) => ({ id: `m-${n}`, type: 'serviceledger.intake.complaint.registered.v1', occurredAt: `2026-12-0${n}T02:00:00.000Z` })),
    ownerId: 'risk-li',
    raisedAt: '2026-12-03T02:00:00.000Z',
  },
};

describe('warnings projection (K-3.2)', () => {
  const projection = projectionSpec(warningsProjection);
  const warning = () => projection.rows<WarningRow>('warning').then(([row]) => row);

  it('lists a raised warning by its owner, indicator, group and window, with the events that triggered it', async () => {
    const w1 = eventStream<WarningEvent>(warningStream('w-1'));
    await projection.apply([w1(raised)]);
    const row = await warning();
    expect(row).toEqual({
      warningId: 'w-1',
      indicatorId: 'complaints-per-customer',
      indicatorVersion: 1,
      category: 'customer',
      groupKind: 'customer',
      groupKey: 'cust-acme',
      windowKey: '2026-12-01T02:00:00.000Z',
      ownerId: 'risk-li',
      status: 'raised',
      riskId: null,
      raisedAt: '2026-12-03T02:00:00.000Z',
      closedAt: null,
      state: expect.any(String),
      position: 0,
      updatedAt: expect.any(String),
    });
    expect((JSON.parse(row.state) as Warning).triggeredBy.map((s) => s.id)).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('follows the warning to its risk and outcome, and a redelivered event changes nothing', async () => {
    const w1 = eventStream<WarningEvent>(warningStream('w-1'));
    const events = [
      w1(raised),
      w1({ type: 'WarningAcknowledged', data: { warningId: 'w-1', acknowledgedAt: '2026-12-03T03:00:00.000Z', acknowledgedBy: 'risk-li' } }),
      w1({ type: 'WarningLinkedToRisk', data: { warningId: 'w-1', riskId: 'risk-7', linkedAt: '2026-12-03T04:00:00.000Z', linkedBy: 'risk-li' } }),
      w1({ type: 'WarningActionRecorded', data: { warningId: 'w-1', action: 'Account review', recordedAt: '2026-12-03T05:00:00.000Z', recordedBy: 'risk-li' } }),
      w1({ type: 'WarningClosed', data: { warningId: 'w-1', outcome: 'Customer retained', riskId: 'risk-7', actions: 1, closedAt: '2026-12-04T02:00:00.000Z', closedBy: 'risk-li' } }),
    ];
    await projection.apply(events);
    await projection.apply([events[3]]);
    const row = await warning();
    expect(row).toMatchObject({ status: 'closed', riskId: 'risk-7', closedAt: '2026-12-04T02:00:00.000Z', position: 4 });
    expect(JSON.parse(row.state)).toMatchObject({ actions: [{ action: 'Account review' }], closed: { outcome: 'Customer retained' } });
  });
});
