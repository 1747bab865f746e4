import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { WarningCommand, WarningEvent, WarningSubject, warning } from './warning';

const meta = (at: string, userId = 'cs-head'): CommandMetadata => ({ commandId: `${userId}-${at}`, at, actor: { userId, roles: [], departments: [] }, correlationId: 'c' });
const { when, stateAfter, refusal } = deciderSpec(warning);

const subject: WarningSubject = {
  warningId: 'w-1',
  indicator: { indicatorId: 'complaints-per-customer', version: 1, name: 'Complaints from one customer in 7 days', category: 'customer', window: { kind: 'rolling', days: 7 }, threshold: 3 },
  groupKind: 'customer',
  groupKey: 'cust-acme',
  window: { key: '2026-12-01T02:00:00.000Z', from: '2026-12-01T02:00:00.000Z', to: '2026-12-08T02:00:00.000Z' },
  count: 3,
  triggeredBy: [1, 2, 3].map((n) => ({ id: `m-${n}`, type: 'serviceledger.intake.complaint.registered.v1', occurredAt: `2026-12-0${n}T02:00:00.000Z` })),
  ownerId: 'cs-head',
};
const raised: WarningEvent = { type: 'WarningRaised', data: { ...subject, raisedAt: '2026-12-03T02:00:00.000Z' } };
const acknowledged: WarningEvent = { type: 'WarningAcknowledged', data: { warningId: 'w-1', acknowledgedAt: '2026-12-03T03:00:00.000Z', acknowledgedBy: 'cs-head' } };
const command = <T extends WarningCommand['type']>(type: T, data: Extract<WarningCommand, { type: T }>['data'], at = '2026-12-04T00:00:00.000Z') =>
  ({ type, data, metadata: meta(at) }) as WarningCommand;

describe('an early warning to the risk owner (K-3.2)', () => {
  it('is raised once, naming the events that crossed the threshold; raising it again adds nothing', () => {
    expect(when([], command('RaiseWarning', subject, '2026-12-03T02:00:00.000Z'))).toEqual([raised]);
    expect(when([raised], command('RaiseWarning', subject))).toEqual([]);
  });

  it('is acknowledged, linked to a risk, answered with an action and closed with its outcome', () => {
    const history: WarningEvent[] = [raised, acknowledged];
    history.push(...when(history, command('LinkWarningToRisk', { warningId: 'w-1', riskId: 'risk-7' })));
    history.push(...when(history, command('RecordWarningAction', { warningId: 'w-1', action: ' Called the customer; account review set for Friday ' })));
    const closed = when(history, command('CloseWarning', { warningId: 'w-1', outcome: 'Customer retained; complaints handled' }, '2026-12-05T00:00:00.000Z'));
    expect(closed).toEqual([
      { type: 'WarningClosed', data: { warningId: 'w-1', outcome: 'Customer retained; complaints handled', riskId: 'risk-7', actions: 1, closedAt: '2026-12-05T00:00:00.000Z', closedBy: 'cs-head' } },
    ]);
    expect(stateAfter([...history, ...closed])).toMatchObject({
      status: 'closed',
      riskId: 'risk-7',
      actions: [{ action: 'Called the customer; account review set for Friday', by: 'cs-head' }],
      closed: { outcome: 'Customer retained; complaints handled' },
    });
  });

  it('is acknowledged first, answered before it closes, linked to one risk only, and closed for good', () => {
    expect(refusal([raised], command('RecordWarningAction', { warningId: 'w-1', action: 'x' }))).toMatchObject(refused('warning-not-acknowledged'));
    expect(refusal([raised, acknowledged], command('CloseWarning', { warningId: 'w-1', outcome: 'nothing done' }))).toMatchObject(refused('warning-unanswered'));
    expect(refusal([raised, acknowledged], command('AcknowledgeWarning', { warningId: 'w-1' }))).toMatchObject(refused('warning-already-acknowledged'));
    const linked: WarningEvent = { type: 'WarningLinkedToRisk', data: { warningId: 'w-1', riskId: 'risk-7', linkedAt: '2026-12-04T00:00:00.000Z', linkedBy: 'cs-head' } };
    expect(when([raised, acknowledged, linked], command('LinkWarningToRisk', { warningId: 'w-1', riskId: 'risk-7' }))).toEqual([]);
    expect(refusal([raised, acknowledged, linked], command('LinkWarningToRisk', { warningId: 'w-1', riskId: 'risk-8' }))).toMatchObject(refused('warning-linked-elsewhere'));
    const answered: WarningEvent = { type: 'WarningActionRecorded', data: { warningId: 'w-1', action: 'a', recordedAt: '2026-12-04T00:00:00.000Z', recordedBy: 'cs-head' } };
    const closed: WarningEvent = { type: 'WarningClosed', data: { warningId: 'w-1', outcome: 'o', actions: 1, closedAt: '2026-12-05T00:00:00.000Z', closedBy: 'cs-head' } };
    expect(refusal([raised, acknowledged, answered, closed], command('RecordWarningAction', { warningId: 'w-1', action: 'late' }))).toMatchObject(refused('warning-closed'));
    expect(refusal([raised, acknowledged], command('RecordWarningAction', { warningId: 'w-1', action: '   ' }))).toMatchObject(refused('warning-text-required'));
  });

  it('answers an unknown warning as not found', () => {
    expect(refusal([], command('AcknowledgeWarning', { warningId: 'w-9' }))).toMatchObject({ name: 'NotFoundError' });
  });
});
