import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { IdentificationRoundCommand, IdentificationRoundEvent, identificationRound } from './identification-round';
import { cadenceAfter, nextPeriodStart, periodStart } from './risk-cadence';

const { when, aggregateAfter, refusal } = deciderSpec(identificationRound);
const command = commandsOf<IdentificationRoundCommand>({ at: '2026-10-01T00:00:00.000Z', actor: actor('officer-li', ['risk-officer'], []) });

const opened: IdentificationRoundEvent = {
  type: 'IdentificationRoundOpened',
  data: { roundId: 'market-2026-10-01', category: 'market', cadence: 'quarterly', opensOn: '2026-10-01', dueOn: '2027-01-01', openedAt: '2026-09-30T16:00:00.000Z' },
};
const changes = { since: '2026-09-20T00:00:00.000Z', newRiskIds: ['r-2'], changedRiskIds: [], retiredRiskIds: ['r-1'] };

describe('identification rounds per category on a cadence (K-1.1)', () => {
  it('opens once per category and period', () => {
    const open = command('OpenIdentificationRound', { category: 'market', opensOn: '2026-10-01', dueOn: '2027-01-01', cadence: 'quarterly' }, { at: '2026-09-30T16:00:00.000Z' });
    expect(when([], open)).toEqual([opened]);
    expect(when([opened], open)).toEqual([]);
    expect(refusal([], command('OpenIdentificationRound', { category: 'weather', opensOn: '2026-10-01', dueOn: '2027-01-01', cadence: 'quarterly' }))).toMatchObject(refused('unknown-category'));
  });

  it('stays open until the findings are recorded, even "nothing new", and is overdue past its period', () => {
    const overdue = when([opened], command('MarkRoundOverdue', { roundId: 'market-2026-10-01', dueOn: '2027-01-01' }, { at: '2026-12-31T16:00:00.000Z' }));
    expect(overdue).toEqual([{ type: 'IdentificationRoundOverdue', data: { roundId: 'market-2026-10-01', category: 'market', dueOn: '2027-01-01', overdueAt: '2026-12-31T16:00:00.000Z' } }]);
    expect(aggregateAfter([opened, ...overdue])).toMatchObject({ status: 'open', overdue: true });
    expect(refusal([opened], command('CloseIdentificationRound', { roundId: 'market-2026-10-01', findings: ' ', nothingNew: false, changes }))).toMatchObject(refused('findings-required'));
    const closed = when([opened, ...overdue], command('CloseIdentificationRound', { roundId: 'market-2026-10-01', findings: '', nothingNew: true, changes }, { at: '2027-01-03T02:00:00.000Z' }));
    expect(closed).toEqual([
      { type: 'IdentificationRoundClosed', data: { roundId: 'market-2026-10-01', category: 'market', findings: 'Nothing new', nothingNew: true, changes, closedAt: '2027-01-03T02:00:00.000Z', closedBy: 'officer-li', late: true } },
    ]);
    expect(refusal([opened, ...closed], command('CloseIdentificationRound', { roundId: 'market-2026-10-01', findings: 'x', nothingNew: false, changes }))).toMatchObject(refused('round-closed'));
    expect(when([opened, ...closed], command('MarkRoundOverdue', { roundId: 'market-2026-10-01', dueOn: '2027-01-01' }))).toEqual([]);
  });
});

describe('cadence dates', () => {
  it('run on calendar periods, and a cadence after an instant keeps the day where the month has it', () => {
    expect(periodStart('2026-11-15', 'quarterly')).toBe('2026-10-01');
    expect(nextPeriodStart('2026-11-15', 'quarterly')).toBe('2027-01-01');
    expect(nextPeriodStart('2026-11-15', 'yearly')).toBe('2027-01-01');
    expect(nextPeriodStart('2026-05-15', 'half-yearly')).toBe('2026-07-01');
    expect(nextPeriodStart('2026-12-15', 'monthly')).toBe('2027-01-01');
    expect(cadenceAfter('2026-01-31T02:00:00.000Z', 'monthly')).toBe('2026-02-28T02:00:00.000Z');
    expect(cadenceAfter('2026-11-30T02:00:00.000Z', 'quarterly')).toBe('2027-02-28T02:00:00.000Z');
  });
});
