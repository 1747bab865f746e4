import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { BusinessDemandEvent, RdPlanEvent, businessDemandStream, rdPlanStream } from '@serviceledger/resource/domain';
import { BusinessDemandRow, RdPlanLineRow, RdPlanRow, RdSpendRow, rdInvestmentProjection } from './rd-investment.projection';

const drafted: RdPlanEvent = {
  type: 'RdPlanDrafted',
  data: {
    planId: 'p-1',
    year: 2026,
    departmentId: 'software-development',
    projectId: 'remote',
    projectName: 'Remote diagnostics',
    lines: [{ lineId: 'lab', title: 'Test lab', need: { kind: 'customer', reference: 'c-acme', note: 'Branch networks' }, budget: [0, 3_000_000_000, 0, 0] }],
    draftedBy: 'rm-zhou',
    draftedAt: '2026-01-05T02:00:00.000Z',
  },
};
const approved: RdPlanEvent = { type: 'RdPlanApproved', data: { planId: 'p-1', approvedBy: 'cto-wu', approvedAt: '2026-01-06T02:00:00.000Z' } };
const spent = (spendId: string, amount: number, spentOn: string, quarter: number): RdPlanEvent => ({
  type: 'RdSpendRecorded',
  data: { planId: 'p-1', spendId, lineId: 'lab', amount, spentOn, quarter, description: 'Invoice', recordedBy: 'rm-zhou', recordedAt: '2026-05-01T02:00:00.000Z' },
});

describe('R&D investment projection', () => {
  const projection = projectionSpec(rdInvestmentProjection);

  it('keeps each line’s approved budget by quarter, beyond 2^31 fen, and a row for every spend', async () => {
    const p1 = eventStream<RdPlanEvent>(rdPlanStream('p-1'));
    await projection.apply([p1(drafted), p1(approved), p1(spent('s-1', 2_500_000_000, '2026-05-10', 2)), p1(spent('s-2', 1_000, '2026-05-11', 2))]);
    expect(await projection.rows<RdPlanRow>('plan')).toEqual([
      { planId: 'p-1', year: 2026, departmentId: 'software-development', projectId: 'remote', projectName: 'Remote diagnostics', status: 'approved', state: expect.any(String), updatedAt: '2026-03-02T09:03:00.000Z' },
    ]);
    expect(await projection.rows<RdPlanLineRow>('line')).toEqual([
      { planId: 'p-1', lineId: 'lab', year: 2026, departmentId: 'software-development', projectId: 'remote', title: 'Test lab', needKind: 'customer', needReference: 'c-acme', budgetQ1: 0, budgetQ2: 3_000_000_000, budgetQ3: 0, budgetQ4: 0 },
    ]);
    expect((await projection.rows<RdSpendRow>('spend')).map((row) => [row.spendId, row.quarter, row.amount])).toEqual([
      ['s-1', 2, 2_500_000_000],
      ['s-2', 2, 1_000],
    ]);
  });

  it('takes an approved revision’s budget, and changes nothing when events come again', async () => {
    const p1 = eventStream<RdPlanEvent>(rdPlanStream('p-1'));
    const events = [
      p1(drafted),
      p1(approved),
      p1(spent('s-1', 100, '2026-05-10', 2)),
      p1({ type: 'BudgetRevisionRequested', data: { planId: 'p-1', revisionNumber: 1, lineId: 'lab', budget: [0, 3_000_000_000, 500, 0], reason: 'Rig', requestedBy: 'rm-zhou', requestedAt: '2026-06-01T02:00:00.000Z' } }),
      p1({
        type: 'BudgetRevisionApproved',
        data: { planId: 'p-1', revisionNumber: 1, lineId: 'lab', previous: [0, 3_000_000_000, 0, 0], budget: [0, 3_000_000_000, 500, 0], approvedBy: 'cto-wu', approvedAt: '2026-06-02T02:00:00.000Z' },
      }),
    ];
    await projection.apply(events);
    await projection.apply(events);
    expect(await projection.rows<RdPlanLineRow>('line')).toEqual([expect.objectContaining({ budgetQ3: 500 })]);
    expect(await projection.rows<RdSpendRow>('spend')).toHaveLength(1);
    expect(JSON.parse((await projection.rows<RdPlanRow>('plan'))[0].state).lines[0]).toMatchObject({ spent: [0, 100, 0, 0], spends: 1 });
  });

  it('counts a demand in the quarter it came in Shanghai, under the category triage settled on', async () => {
    const d1 = eventStream<BusinessDemandEvent>(businessDemandStream('d-1'));
    await projection.apply([
      d1({ type: 'BusinessDemandNoted', data: { demandId: 'd-1', since: '2026-03-31T16:30:00.000Z', businessCategory: 'technical-support', customerId: 'c-acme' } }),
      d1({ type: 'BusinessDemandNoted', data: { demandId: 'd-1', since: '2026-03-31T16:30:00.000Z', businessCategory: 'system-maintenance', customerId: 'c-acme' } }),
    ]);
    expect(await projection.rows<BusinessDemandRow>('business_demand')).toEqual([{ demandId: 'd-1', businessCategory: 'system-maintenance', customerId: 'c-acme', year: 2026, quarter: 2 }]);
  });
});
