import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { RdPlanCommand, RdPlanEvent, rdInvestmentPlan } from './rd-investment-plan';

const meta = (userId: string, at = '2026-03-02T02:00:00.000Z'): CommandMetadata => ({ commandId: `${userId}-${at}`, at, actor: { userId, roles: [], departments: [] }, correlationId: 'c' });
const { when, stateAfter, refusal } = deciderSpec(rdInvestmentPlan);
const command = <T extends RdPlanCommand['type']>(type: T, data: Omit<Extract<RdPlanCommand, { type: T }>['data'], 'planId'>, by = 'rm-zhou'): RdPlanCommand =>
  ({ type, data: { planId: 'p-1', ...data }, metadata: meta(by) }) as RdPlanCommand;

const drafted: RdPlanEvent = {
  type: 'RdPlanDrafted',
  data: {
    planId: 'p-1',
    year: 2026,
    departmentId: 'software-development',
    projectId: 'remote-diagnostics',
    projectName: 'Remote diagnostics',
    lines: [
      { lineId: 'agent', title: 'Diagnostics agent', need: { kind: 'demand-trend', reference: 'remote-support', note: 'Remote-support demands doubled in 2025' }, budget: [100_000, 100_000, 50_000, 50_000] },
      { lineId: 'lab', title: 'Test lab', need: { kind: 'customer', reference: 'c-acme', note: 'ACME asks for on-site diagnostics' }, budget: [0, 200_000, 0, 0] },
    ],
    draftedBy: 'rm-zhou',
    draftedAt: '2026-01-05T02:00:00.000Z',
  },
};
const approved: RdPlanEvent = { type: 'RdPlanApproved', data: { planId: 'p-1', approvedBy: 'cto-wu', approvedAt: '2026-01-06T02:00:00.000Z' } };
const spend = (spendId: string, lineId: string, amount: number, spentOn: string) => command('RecordRdSpend', { spendId, lineId, amount, spentOn, description: 'Invoice' });

describe('R&D investment plan (R-1.3)', () => {
  it('is drafted with lines budgeted by quarter, each justified by the business need it serves', () => {
    const { planId: _id, draftedBy: _by, draftedAt: _at, ...data } = drafted.data;
    expect(when([], command('DraftRdPlan', data))).toEqual([{ ...drafted, data: { ...drafted.data, draftedAt: '2026-03-02T02:00:00.000Z' } }]);
    const unjustified = { ...data, lines: [{ ...data.lines[0], need: { kind: 'hunch', reference: 'x', note: 'y' } as never }] };
    expect(refusal([], command('DraftRdPlan', unjustified))).toMatchObject(refused('need-required'));
    const noReference = { ...data, lines: [{ ...data.lines[0], need: { kind: 'business-category' as const, reference: ' ', note: 'y' } }] };
    expect(refusal([], command('DraftRdPlan', noReference))).toMatchObject(refused('field-required'));
    expect(refusal([], command('DraftRdPlan', { ...data, lines: [data.lines[0], data.lines[0]] }))).toMatchObject(refused('duplicate-line'));
    expect(refusal([], command('DraftRdPlan', { ...data, lines: [{ ...data.lines[0], budget: [1, 2, 3] as never }] }))).toMatchObject(refused('field-invalid'));
  });

  it('is approved by someone other than who drafted it, and takes spends only once approved', () => {
    expect(refusal([drafted], spend('s-1', 'agent', 1000, '2026-02-01'))).toMatchObject(refused('rd-plan-state'));
    expect(refusal([drafted], command('ApproveRdPlan', {}))).toMatchObject(refused('approver-is-requester'));
    expect(when([drafted], command('ApproveRdPlan', {}, 'cto-wu'))).toEqual([{ type: 'RdPlanApproved', data: { planId: 'p-1', approvedBy: 'cto-wu', approvedAt: '2026-03-02T02:00:00.000Z' } }]);
  });

  it('records a spend in the quarter of its date, against a line of the plan, within the plan’s year', () => {
    expect(when([drafted, approved], spend('s-1', 'agent', 30_000, '2026-05-20'))).toEqual([
      {
        type: 'RdSpendRecorded',
        data: { planId: 'p-1', spendId: 's-1', lineId: 'agent', amount: 30_000, spentOn: '2026-05-20', quarter: 2, description: 'Invoice', recordedBy: 'rm-zhou', recordedAt: '2026-03-02T02:00:00.000Z' },
      },
    ]);
    expect(refusal([drafted, approved], spend('s-1', 'coffee', 1, '2026-05-20'))).toMatchObject(refused('no-such-line'));
    expect(refusal([drafted, approved], spend('s-1', 'agent', 1, '2027-01-02'))).toMatchObject(refused('spend-outside-year'));
    expect(refusal([drafted, approved], spend('s-1', 'agent', 0, '2026-05-20'))).toMatchObject(refused('field-invalid'));
  });

  it('refuses a spend that takes a line over its budget until a revision raising it is approved', () => {
    const first = when([drafted, approved], spend('s-1', 'lab', 150_000, '2026-04-10'));
    const history = [drafted, approved, ...first];
    expect(refusal(history, spend('s-2', 'lab', 50_001, '2026-06-10'))).toMatchObject(refused('line-over-budget'));
    expect(when(history, spend('s-2', 'lab', 50_000, '2026-06-10'))).toHaveLength(1);

    const requested = when(history, command('RequestBudgetRevision', { lineId: 'lab', budget: [0, 200_000, 80_000, 0], reason: 'A second test rig' }));
    expect(requested).toEqual([
      expect.objectContaining({ type: 'BudgetRevisionRequested', data: expect.objectContaining({ revisionNumber: 1, lineId: 'lab', budget: [0, 200_000, 80_000, 0] }) }),
    ]);
    const pending = [...history, ...requested];
    expect(refusal(pending, spend('s-2', 'lab', 50_001, '2026-07-10'))).toMatchObject(refused('line-over-budget'));
    expect(refusal(pending, command('RequestBudgetRevision', { lineId: 'lab', budget: [0, 200_000, 90_000, 0], reason: 'More' }))).toMatchObject(refused('revision-pending'));
    expect(refusal(pending, command('ApproveBudgetRevision', { revisionNumber: 1 }))).toMatchObject(refused('approver-is-requester'));
    expect(refusal(pending, command('ApproveBudgetRevision', { revisionNumber: 2 }, 'cto-wu'))).toMatchObject(refused('no-such-revision'));

    const revised = [...pending, ...when(pending, command('ApproveBudgetRevision', { revisionNumber: 1 }, 'cto-wu'))];
    expect(stateAfter(revised)?.lines[1]).toMatchObject({ budget: [0, 200_000, 80_000, 0], spent: [0, 150_000, 0, 0], spends: 1 });
    expect(stateAfter(revised)?.lines[1].pendingRevision).toBeUndefined();
    expect(when(revised, spend('s-2', 'lab', 50_001, '2026-07-10'))).toEqual([expect.objectContaining({ data: expect.objectContaining({ quarter: 3, amount: 50_001 }) })]);
  });

  it('rejects a revision with a reason, keeping the budget, and never revises a quarter below what it spent', () => {
    const history = [drafted, approved, ...when([drafted, approved], spend('s-1', 'agent', 90_000, '2026-02-10'))];
    expect(refusal(history, command('RequestBudgetRevision', { lineId: 'agent', budget: [80_000, 100_000, 50_000, 50_000], reason: 'Cut' }))).toMatchObject(refused('budget-below-spent'));
    const requested = when(history, command('RequestBudgetRevision', { lineId: 'agent', budget: [90_000, 100_000, 50_000, 50_000], reason: 'Cut' }));
    const rejected = when([...history, ...requested], command('RejectBudgetRevision', { revisionNumber: 1, reason: 'Keep the reserve' }, 'cto-wu'));
    expect(rejected).toEqual([{ type: 'BudgetRevisionRejected', data: { planId: 'p-1', revisionNumber: 1, lineId: 'agent', reason: 'Keep the reserve', rejectedBy: 'cto-wu', rejectedAt: '2026-03-02T02:00:00.000Z' } }]);
    expect(stateAfter([...history, ...requested, ...rejected])?.lines[0]).toMatchObject({ budget: [100_000, 100_000, 50_000, 50_000], spent: [90_000, 0, 0, 0] });
    expect(stateAfter([...history, ...requested, ...rejected])?.revisions).toBe(1);
  });
});
