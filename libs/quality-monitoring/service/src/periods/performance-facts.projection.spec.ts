import {
  ClockEvent,
  DailyCheckRecorded,
  PerformanceFact,
  PerformanceFactRecorded,
  PeriodEvent,
  clockStream,
  dailyCheckStream,
  deliveryFactsStream,
  demandFactsStream,
  periodStream,
} from '@serviceledger/quality-monitoring/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { performanceFactsProjection } from './performance-facts.projection';

let factIds = 0;
const recorded = (fact: PerformanceFact): PerformanceFactRecorded => ({ type: 'PerformanceFactRecorded', data: { factId: `fact-${++factIds}`, fact } });

describe('performance facts projection', () => {
  const projection = projectionSpec(performanceFactsProjection);

  it('keeps a demand as period evaluation counts it, from its facts', async () => {
    const facts = eventStream<PerformanceFactRecorded>(demandFactsStream('d-1'));
    await projection.apply([
      facts(recorded({ kind: 'demand-registered', demandId: 'd-1', demandKind: 'enquiry', registeredAt: '2026-03-02T09:00:00.000Z' })),
      facts(recorded({ kind: 'demand-reclassified', demandId: 'd-1', demandKind: 'complaint', at: '2026-03-02T09:10:00.000Z' })),
      facts(recorded({ kind: 'complaint-registered', demandId: 'd-1', registeredAt: '2026-03-02T09:10:00.000Z' })),
      facts(recorded({ kind: 'demand-assigned', demandId: 'd-1', departmentId: 'it', ownerId: 'tech-1', at: '2026-03-02T09:20:00.000Z' })),
      facts(recorded({ kind: 'demand-resolved', demandId: 'd-1', resolvedAt: '2026-03-03T09:00:00.000Z' })),
      facts(recorded({ kind: 'complaint-resolved', demandId: 'd-1', resolvedAt: '2026-03-03T09:00:00.000Z', withinPromise: false })),
    ]);

    expect(await projection.rows('demand_fact')).toEqual([
      {
        demandId: 'd-1',
        demandKind: 'complaint',
        departmentId: 'it',
        ownerId: 'tech-1',
        registeredAt: '2026-03-02T09:00:00.000Z',
        resolvedAt: '2026-03-03T09:00:00.000Z',
        complaintRegisteredAt: '2026-03-02T09:10:00.000Z',
        complaintResolvedAt: '2026-03-03T09:00:00.000Z',
        withinPromise: false,
        promisedResultDelivered: null,
      },
    ]);
  });

  it('keeps whether a complaint’s promised result was delivered (C-2.3, 向客戶承諾處理時間和結果), which a v1 resolution leaves as it was', async () => {
    const facts = eventStream<PerformanceFactRecorded>(demandFactsStream('d-2'));
    const resolvedAt = '2026-03-03T09:00:00.000Z';
    await projection.apply([
      facts(recorded({ kind: 'complaint-registered', demandId: 'd-2', registeredAt: '2026-03-02T09:10:00.000Z' })),
      facts(recorded({ kind: 'complaint-resolved', demandId: 'd-2', resolvedAt, withinPromise: true, promisedResultDelivered: false })),
    ]);
    expect(await projection.rows('demand_fact')).toEqual([expect.objectContaining({ demandId: 'd-2', withinPromise: true, promisedResultDelivered: false })]);

    // The same resolution published as v1 as well: it says nothing of the result, and takes nothing away.
    await projection.apply([facts(recorded({ kind: 'complaint-resolved', demandId: 'd-2', resolvedAt, withinPromise: true }))]);
    expect(await projection.rows('demand_fact')).toEqual([expect.objectContaining({ demandId: 'd-2', promisedResultDelivered: false })]);
  });

  it('keeps a delivery case, its acceptance rounds and its visits scaled to 5', async () => {
    const facts = eventStream<PerformanceFactRecorded>(deliveryFactsStream('case-1'));
    await projection.apply([
      facts(recorded({ kind: 'case-opened', caseId: 'case-1', demandId: 'd-1', departmentId: 'it', at: '2026-03-02T09:00:00.000Z' })),
      facts(recorded({ kind: 'delivery-started', caseId: 'case-1', projectManagerId: 'pm-1', at: '2026-03-03T09:00:00.000Z' })),
      facts(recorded({ kind: 'acceptance', caseId: 'case-1', round: 1, passed: false, at: '2026-03-10T09:00:00.000Z' })),
      facts(recorded({ kind: 'acceptance', caseId: 'case-1', round: 2, passed: true, at: '2026-03-12T09:00:00.000Z' })),
      facts(recorded({ kind: 'visit', caseId: 'case-1', visitId: 'v-1', survey: { surveyId: 'nps', version: 2, scale: { lowest: 0, highest: 10 } }, satisfaction: 8, recommendation: 9, at: '2026-04-12T09:00:00.000Z' })),
    ]);

    expect(await projection.rows('case_fact')).toEqual([{ caseId: 'case-1', demandId: 'd-1', departmentId: 'it', projectManagerId: 'pm-1' }]);
    expect(await projection.rows('acceptance_fact')).toEqual([
      { acceptanceId: 'case-1.1', caseId: 'case-1', round: 1, passed: false, at: '2026-03-10T09:00:00.000Z' },
      { acceptanceId: 'case-1.2', caseId: 'case-1', round: 2, passed: true, at: '2026-03-12T09:00:00.000Z' },
    ]);
    expect(await projection.rows('visit_fact')).toEqual([
      { visitId: 'v-1', caseId: 'case-1', score: 8, scaleLowest: 0, scaleHighest: 10, satisfaction: 4.2, recommendation: 9, at: '2026-04-12T09:00:00.000Z' },
    ]);
  });

  it('keeps a clock’s result once it has stopped', async () => {
    const clockId = 'd-1.first-response.1';
    const clock = eventStream<ClockEvent>(clockStream(clockId));
    const target = { targetMinutes: 60, warningThreshold: 0.8, escalations: [], pauseOn: [] };
    await projection.apply([
      clock({
        type: 'ClockStarted',
        data: { clockId, caseId: 'd-1', caseKind: 'demand', metric: 'first-response', target, startedAt: '2026-03-02T09:00:00.000Z', countsFrom: '2026-03-02T09:00:00.000Z', deadlineAt: '2026-03-02T10:00:00.000Z', due: [] },
      }),
    ]);
    expect(await projection.rows('clock_fact')).toEqual([]);

    await projection.apply([
      clock({ type: 'ClockStopped', data: { clockId, stoppedAt: '2026-03-02T09:40:00.000Z', usedMinutes: 40, pausedMinutes: 0, diffMinutes: 20, outcome: 'met', targetMinutes: 60, superseded: [] } }),
    ]);
    expect(await projection.rows('clock_fact')).toEqual([
      { clockId, caseId: 'd-1', metric: 'first-response', outcome: 'met', usedMinutes: 40, stoppedAt: '2026-03-02T09:40:00.000Z', breachedAt: null },
    ]);
  });

  it('keeps a breached clock from its breach, still running, and its result once it stops (Q-1.1)', async () => {
    const clockId = 'd-2.first-response.1';
    const clock = eventStream<ClockEvent>(clockStream(clockId));
    const target = { targetMinutes: 60, warningThreshold: 0.8, escalations: [], pauseOn: [] };
    await projection.apply([
      clock({
        type: 'ClockStarted',
        data: { clockId, caseId: 'd-2', caseKind: 'demand', metric: 'first-response', target, startedAt: '2026-03-02T09:00:00.000Z', countsFrom: '2026-03-02T09:00:00.000Z', deadlineAt: '2026-03-02T10:00:00.000Z', due: [] },
      }),
      clock({ type: 'ClockBreached', data: { clockId, dueAt: '2026-03-02T10:00:00.000Z', targetMinutes: 60, raisedAt: '2026-03-02T10:00:01.000Z', caseKind: 'demand' } }),
    ]);
    const breached = { clockId, caseId: 'd-2', metric: 'first-response', outcome: 'breached', breachedAt: '2026-03-02T10:00:00.000Z' };
    expect(await projection.rows('clock_fact')).toEqual([{ ...breached, usedMinutes: 60, stoppedAt: null }]);
    await projection.apply([
      clock({ type: 'ClockStopped', data: { clockId, stoppedAt: '2026-03-02T10:30:00.000Z', usedMinutes: 90, pausedMinutes: 0, diffMinutes: -30, outcome: 'breached', targetMinutes: 60, superseded: [] } }),
    ]);
    expect(await projection.rows('clock_fact')).toEqual([{ ...breached, usedMinutes: 90, stoppedAt: '2026-03-02T10:30:00.000Z' }]);
  });

  it('keeps the scores of spot checks and the findings of record reviews, not revisits', async () => {
    const check = (data: DailyCheckRecorded['data']) => eventStream<DailyCheckRecorded>(dailyCheckStream(data.checkId))({ type: 'DailyCheckRecorded', data });
    await projection.apply([
      check({ checkId: 'chk-1', kind: 'spot-check', caseId: 'd-1', departmentId: 'it', personId: 'tech-1', score: 72.5, checkedAt: '2026-03-02T09:00:00.000Z', checkedBy: 'monitor-1' }),
      check({ checkId: 'chk-2', kind: 'record-review', caseId: 'd-2', departmentId: 'it', compliant: true, checkedAt: '2026-03-02T10:00:00.000Z', checkedBy: 'monitor-1' }),
      check({ checkId: 'chk-3', kind: 'record-review', caseId: 'd-3', departmentId: 'it', personId: 'tech-2', compliant: false, notes: 'Contact missing', checkedAt: '2026-03-02T11:00:00.000Z', checkedBy: 'monitor-1' }),
      check({ checkId: 'chk-4', kind: 'revisit', caseId: 'd-4', departmentId: 'it', satisfied: true, checkedAt: '2026-03-02T12:00:00.000Z', checkedBy: 'monitor-1' }),
    ]);

    expect(await projection.rows('spot_check_fact')).toEqual([{ checkId: 'chk-1', departmentId: 'it', personId: 'tech-1', score: 72.5, at: '2026-03-02T09:00:00.000Z' }]);
    expect(await projection.rows('record_review_fact')).toEqual([
      { checkId: 'chk-2', departmentId: 'it', personId: null, compliant: true, at: '2026-03-02T10:00:00.000Z' },
      { checkId: 'chk-3', departmentId: 'it', personId: 'tech-2', compliant: false, at: '2026-03-02T11:00:00.000Z' },
    ]);
  });

  it('keeps a closed period and how often its scorecards were adjusted', async () => {
    const period = eventStream<PeriodEvent>(periodStream('2026-03'));
    const adjusted = (adjustment: number): PeriodEvent => ({
      type: 'ScorecardAdjusted',
      data: { period: '2026-03', adjustment, departmentId: 'it', indicatorsBefore: {}, indicatorsAfter: {}, scoreBefore: 70, scoreAfter: 72, reason: 'Miscounted visit', adjustedAt: '2026-04-03T09:00:00.000Z', adjustedBy: 'analyst-1' },
    });
    await projection.apply([
      period({
        type: 'PeriodClosed',
        data: {
          period: '2026-03',
          kind: 'month',
          from: '2026-03-01',
          to: '2026-03-31',
          scheme: { schemeId: 'default', version: 1, weights: {}, referenceMinutes: {} },
          scorecards: [],
          persons: [],
          closedAt: '2026-04-01T09:00:00.000Z',
          closedBy: 'analyst-1',
        },
      }),
      period(adjusted(1)),
      period(adjusted(2)),
    ]);

    expect(await projection.rows('closed_period')).toEqual([{ period: '2026-03', closedAt: '2026-04-01T09:00:00.000Z', adjustments: 2 }]);
  });

  it('changes nothing when an earlier fact is delivered again after a later one', async () => {
    const facts = eventStream<PerformanceFactRecorded>(demandFactsStream('d-1'));
    const registered = facts(recorded({ kind: 'demand-registered', demandId: 'd-1', demandKind: 'enquiry', registeredAt: '2026-03-02T09:00:00.000Z' }));
    const reclassified = facts(recorded({ kind: 'demand-reclassified', demandId: 'd-1', demandKind: 'complaint', at: '2026-03-02T09:10:00.000Z' }));
    await projection.apply([registered, reclassified]);

    await projection.apply([registered]);

    expect(await projection.rows('demand_fact')).toEqual([expect.objectContaining({ demandKind: 'complaint', registeredAt: '2026-03-02T09:00:00.000Z' })]);
  });
});
