import { actor, commandsOf, deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import { EventParked, ParkEvent, parkedEventsDecider } from './parked-events';

const { when, stateAfter } = deciderSpec(parkedEventsDecider);
const command = commandsOf<ParkEvent>({ at: '2026-12-06T23:00:00Z', actor: actor('ops', ['administrator'], []) });
const park = (eventId: string, reason: string) =>
  command('ParkEvent', { projection: 'intake.demands', eventId, eventType: 'DemandRegistered', stream: 'intake.demand-1', streamPosition: 0, reason });
const parked = (sent: ParkEvent): EventParked => ({ type: 'ProjectionEventParked', data: sent.data });

describe('parked events of a projection', () => {
  it('parks an event with its reason', () => {
    const first = park('e-1', 'no customer');
    expect(when([], first)).toEqual([parked(first)]);
  });

  it('parks an event once: parking it again appends nothing and the first reason stands', () => {
    const first = park('e-1', 'no customer');
    expect(when([parked(first)], park('e-1', 'another reason'))).toEqual([]);
    expect(stateAfter([parked(first)]).parked['e-1'].reason).toBe('no customer');
  });

  it('parks other events of the same projection beside it', () => {
    const first = park('e-1', 'no customer');
    const second = park('e-2', 'no department');
    expect(when([parked(first)], second)).toEqual([parked(second)]);
    expect(Object.keys(stateAfter([parked(first), parked(second)]).parked)).toEqual(['e-1', 'e-2']);
  });
});
