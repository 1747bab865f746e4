import { IdentificationRoundEvent, roundStream } from '@serviceledger/risk/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { RoundRow, roundsProjection } from './rounds.projection';

const opened: IdentificationRoundEvent = {
  type: 'IdentificationRoundOpened',
  data: { roundId: 'customer-2026-10-01', category: 'customer', cadence: 'quarterly', opensOn: '2026-10-01', dueOn: '2027-01-01', openedAt: '2026-09-30T16:00:00.000Z' },
};

describe('rounds projection', () => {
  const projection = projectionSpec(roundsProjection);

  it('lists a round open until its findings are recorded, overdue past its period, then closed with what changed', async () => {
    const round = eventStream<IdentificationRoundEvent>(roundStream('customer-2026-10-01'));
    await projection.apply([round(opened), round({ type: 'IdentificationRoundOverdue', data: { roundId: 'customer-2026-10-01', category: 'customer', dueOn: '2027-01-01', overdueAt: '2026-12-31T16:00:00.000Z' } })]);
    expect(await projection.rows<RoundRow>('round')).toEqual([
      { roundId: 'customer-2026-10-01', category: 'customer', cadence: 'quarterly', opensOn: '2026-10-01', dueOn: '2027-01-01', dueAt: '2026-12-31T16:00:00.000Z', status: 'open', overdue: true, closedAt: null, round: expect.any(String) },
    ]);

    const changes = { newRiskIds: ['r-2'], changedRiskIds: ['r-1'], retiredRiskIds: [] };
    await projection.apply([
      round({ type: 'IdentificationRoundClosed', data: { roundId: 'customer-2026-10-01', category: 'customer', findings: 'One new key account at risk', nothingNew: false, changes, closedAt: '2027-01-04T10:00:00+08:00', closedBy: 'officer-li', late: true } }),
    ]);
    const [row] = await projection.rows<RoundRow>('round');
    expect(row).toMatchObject({ status: 'closed', closedAt: '2027-01-04T02:00:00.000Z' });
    expect(JSON.parse(row.round)).toMatchObject({ findings: 'One new key account at risk', changes, late: true });
  });
});
