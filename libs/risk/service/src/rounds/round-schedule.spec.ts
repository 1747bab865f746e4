import { eventStream } from '@serviceledger/platform/testing';
import { DEFAULT_CADENCES, IdentificationRoundEvent, RiskPolicyEvent } from '@serviceledger/risk/domain';
import { roundSchedule } from './round-schedule';

const envelope = (stream: string, event: IdentificationRoundEvent | RiskPolicyEvent) => eventStream<IdentificationRoundEvent | RiskPolicyEvent>(stream)(event);

describe('identification round schedule (K-1.1)', () => {
  it("opens the first rounds for the period holding the seed's date, by each category's cadence", () => {
    const identification = { ...DEFAULT_CADENCES.identification, legal: 'half-yearly' as const };
    const changes = roundSchedule.changes(envelope('risk.policy-default', { type: 'RiskCadencesSet', data: { identification, review: DEFAULT_CADENCES.review, setAt: '2026-11-15T02:00:00.000Z', setBy: 'risk-service', firstRoundsOn: '2026-11-15' } }));
    expect(changes).toContainEqual({ plan: { key: 'round:market:2026-10-01', dueAt: '2026-09-30T16:00:00.000Z', type: 'OpenIdentificationRound', data: { category: 'market', opensOn: '2026-10-01' } } });
    expect(changes).toContainEqual({ plan: { key: 'round:legal:2026-07-01', dueAt: '2026-06-30T16:00:00.000Z', type: 'OpenIdentificationRound', data: { category: 'legal', opensOn: '2026-07-01' } } });
    expect(changes).toHaveLength(5);
    expect(roundSchedule.changes(envelope('risk.policy-default', { type: 'RiskCadencesSet', data: { identification, review: DEFAULT_CADENCES.review, setAt: '2026-11-16T02:00:00.000Z', setBy: 'officer-li' } }))).toEqual([]);
  });

  it('plans the next round and the overdue mark at the end of an opened round\'s period, and cancels the mark when it closes', () => {
    const opened = roundSchedule.changes(
      envelope('risk.round-market-2026-10-01', { type: 'IdentificationRoundOpened', data: { roundId: 'market-2026-10-01', category: 'market', cadence: 'quarterly', opensOn: '2026-10-01', dueOn: '2027-01-01', openedAt: '2026-09-30T16:00:00.000Z' } }),
    );
    expect(opened).toEqual([
      { plan: { key: 'round-overdue:market-2026-10-01', dueAt: '2026-12-31T16:00:00.000Z', type: 'MarkRoundOverdue', data: { roundId: 'market-2026-10-01', dueOn: '2027-01-01' } } },
      { plan: { key: 'round:market:2027-01-01', dueAt: '2026-12-31T16:00:00.000Z', type: 'OpenIdentificationRound', data: { category: 'market', opensOn: '2027-01-01' } } },
    ]);
    const changes = { newRiskIds: [], changedRiskIds: [], retiredRiskIds: [] };
    expect(
      roundSchedule.changes(
        envelope('risk.round-market-2026-10-01', { type: 'IdentificationRoundClosed', data: { roundId: 'market-2026-10-01', category: 'market', findings: 'Nothing new', nothingNew: true, changes, closedAt: '2026-12-01T02:00:00.000Z', closedBy: 'officer-li', late: false } }),
      ),
    ).toEqual([{ cancel: 'round-overdue:market-2026-10-01' }]);
  });
});
