import { eventStream } from '@serviceledger/platform/testing';
import { RiskEvent, riskStream } from '@serviceledger/risk/domain';
import { responseSchedule } from './response-schedule';

const envelope = eventStream<RiskEvent>(riskStream('r-1'));

describe('response schedule (K-2.1)', () => {
  it("plans each action's overdue mark and an acceptance's expiry; a completed action cancels its mark", () => {
    const chosen: RiskEvent = {
      type: 'RiskResponseChosen',
      data: {
        riskId: 'r-1',
        responseNumber: 2,
        strategy: 'accept',
        description: 'Watch it',
        rulesVersion: 1,
        actions: [{ actionNumber: 1, description: 'Monthly check', ownerId: 'ops-wang', dueAt: '2026-12-01T00:00:00.000Z' }],
        expiresOn: '2027-03-31T16:00:00.000Z',
        appliesTo: { assessmentNumber: 2, level: 'low', band: 'low', warnings: 0 },
        chosenAt: '2026-11-15T02:00:00.000Z',
        chosenBy: 'officer-li',
      },
    };
    expect(responseSchedule.changes(envelope(chosen))).toEqual([
      { plan: { key: 'action:r-1:2:1', dueAt: '2026-12-01T00:00:00.000Z', type: 'MarkResponseActionOverdue', data: { riskId: 'r-1', responseNumber: 2, actionNumber: 1, dueAt: '2026-12-01T00:00:00.000Z' } } },
      { plan: { key: 'expiry:r-1:2', dueAt: '2027-03-31T16:00:00.000Z', type: 'ExpireAcceptance', data: { riskId: 'r-1', responseNumber: 2, expiresOn: '2027-03-31T16:00:00.000Z' } } },
    ]);
    expect(
      responseSchedule.changes(envelope({ type: 'ResponseActionCompleted', data: { riskId: 'r-1', responseNumber: 2, actionNumber: 1, outcome: 'Checked', completedAt: '2026-11-20T00:00:00.000Z', completedBy: 'ops-wang', late: false } })),
    ).toEqual([{ cancel: 'action:r-1:2:1' }]);
  });
});
