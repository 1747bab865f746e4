import { ClockSignal, SlaClock } from '@serviceledger/quality-monitoring/domain';
import { ClockRules } from './clock-driver';
import { replayClocks } from './clock-replay';
import { DEMAND, POLICIES, message, office, policy, registered } from './testing/clock-fixtures';

const rulesWith = (policies = POLICIES): ClockRules => ({
  policies,
  calendarAt: () => office,
  currentCalendar: (id) => (id === office.calendarId ? office : undefined),
});

// Monday 30 November in Shanghai: registered 09:00, answered 09:20, waiting on the customer 10:00–15:00, resolved 16:00.
const day: ClockSignal[] = [
  registered,
  message('m-2', 'demand.reply-sent', { channel: 'phone', sentAt: '2026-11-30T01:20:00Z', occurredAt: '2026-11-30T01:20:00Z' }),
  message('m-3', 'demand.waiting-on-customer', { since: '2026-11-30T02:00:00Z', occurredAt: '2026-11-30T02:00:00Z' }),
  message('m-4', 'demand.resumed', { resumedAt: '2026-11-30T07:00:00Z', occurredAt: '2026-11-30T07:00:00Z' }),
  message('m-5', 'demand.resolved', { resolvedAt: '2026-11-30T08:00:00Z', occurredAt: '2026-11-30T08:00:00Z' }),
];

const byMetric = (clocks: SlaClock[]) => Object.fromEntries(clocks.map((c) => [c.metric, c.result]));

describe('replaying recorded signals under a policy set', () => {
  it('under the policies the clocks ran under, gives the clocks as they ran', async () => {
    const { clocks, refusedSignals } = await replayClocks([day], rulesWith());
    // Resolution paused 10:00–15:00: 09:00–10:00 and 15:00–16:00 count, 120 minutes.
    expect(byMetric(clocks)).toEqual({
      'first-response': expect.objectContaining({ usedMinutes: 20, diffMinutes: 220, outcome: 'met' }),
      resolution: expect.objectContaining({ usedMinutes: 120, outcome: 'met' }),
      // Never assigned: time to own still runs.
      'time-to-own': undefined,
    });
    expect(clocks.every((c) => c.caseId === DEMAND)).toBe(true);
    expect(refusedSignals).toEqual([]);
  });

  it('under a policy that answers sooner and never pauses, the same day breaches both', async () => {
    const strict = policy('p3', 'P3', { 'first-response': 15, resolution: 240 }, { pauseOn: [] });
    const { clocks } = await replayClocks([day], rulesWith([strict]));
    // No pause: 09:00–12:00 and 13:30–16:00, 330 minutes.
    expect(byMetric(clocks)).toEqual({
      'first-response': expect.objectContaining({ usedMinutes: 20, diffMinutes: -5, outcome: 'breached' }),
      resolution: expect.objectContaining({ usedMinutes: 330, pausedMinutes: 0, diffMinutes: -90, outcome: 'breached' }),
    });
  });

  it('reports the signals the clocks refuse, and goes on with the rest', async () => {
    // The resumption is dated before the wait began: counted time cannot be rewritten.
    const outOfOrder = [...day.slice(0, 3), message('m-4', 'demand.resumed', { resumedAt: '2026-11-30T01:50:00Z', occurredAt: '2026-11-30T01:50:00Z' }), day[4]];
    const { clocks, refusedSignals } = await replayClocks([outOfOrder], rulesWith());
    expect(refusedSignals).toEqual([{ signalId: 'm-4', reason: expect.stringContaining('would rewrite counted time') }]);
    expect(byMetric(clocks)['first-response']).toMatchObject({ outcome: 'met' });
  });
});
