import { PerformanceFact, VisitFact, evaluate, periodOf } from '@serviceledger/quality-monitoring/domain';
import { performanceFactOf } from './performance-fact-consumer';
import { visitFactRow } from './performance-facts.projection';

const at = '2026-11-02T01:00:00.000Z';

describe('the facts period evaluation keeps from intake and service delivery', () => {
  it('keeps a demand’s registration, kind, assignment, resolution and complaint, on the demand’s facts stream', () => {
    expect(
      performanceFactOf({
        type: 'serviceledger.intake.demand.assigned.v1',
        data: { demandId: 'd1', departmentId: 'tech-support', ownerId: 'ts-li', assignedBy: 'agent-li', occurredAt: at },
      }),
    ).toEqual({ stream: 'quality-monitoring.facts-demand-d1', fact: { kind: 'demand-assigned', demandId: 'd1', departmentId: 'tech-support', ownerId: 'ts-li', at } });
    expect(
      performanceFactOf({
        type: 'serviceledger.intake.demand.reclassified.v1',
        data: { demandId: 'd1', kind: 'complaint', previousKind: 'enquiry', reason: '客戶來信投訴', reclassifiedBy: 'agent-li', reclassifiedAt: at, occurredAt: at },
      }),
    ).toEqual({ stream: 'quality-monitoring.facts-demand-d1', fact: { kind: 'demand-reclassified', demandId: 'd1', demandKind: 'complaint', at } });
    expect(
      performanceFactOf({ type: 'serviceledger.intake.complaint.resolved.v1', data: { demandId: 'd1', dueAt: at, resolvedAt: at, withinPromise: false, occurredAt: at } }),
    ).toEqual({ stream: 'quality-monitoring.facts-demand-d1', fact: { kind: 'complaint-resolved', demandId: 'd1', resolvedAt: at, withinPromise: false } });
  });

  it('keeps an assignment and a reclassification from version 2, without their reasons (R-3.1), as from version 1', () => {
    const assigned = { demandId: 'd1', departmentId: 'tech-support', ownerId: 'ts-li', assignedBy: 'agent-li', reassignment: { previousDepartmentId: 'customer-service', previousOwnerId: 'agent-li' }, occurredAt: at };
    expect(performanceFactOf({ type: 'serviceledger.intake.demand.assigned.v2', data: assigned })).toEqual({
      stream: 'quality-monitoring.facts-demand-d1',
      fact: { kind: 'demand-assigned', demandId: 'd1', departmentId: 'tech-support', ownerId: 'ts-li', at },
    });
    const reclassified = { demandId: 'd1', kind: 'complaint', previousKind: 'enquiry', reclassifiedBy: 'agent-li', reclassifiedAt: at, occurredAt: at };
    expect(performanceFactOf({ type: 'serviceledger.intake.demand.reclassified.v2', data: reclassified })).toEqual({
      stream: 'quality-monitoring.facts-demand-d1',
      fact: { kind: 'demand-reclassified', demandId: 'd1', demandKind: 'complaint', at },
    });
  });

  it('keeps a demand’s registration from version 2, without the subject (R-3.1), as from version 1', () => {
    const registration = { demandId: 'd1', reference: 'SR-2026-000001', customerId: 'c-1', customerTier: 'gold', channel: 'phone', kind: 'enquiry', impact: 2, urgency: 2, priority: 'P3', registeredAt: at, occurredAt: at };
    const fact = { stream: 'quality-monitoring.facts-demand-d1', fact: { kind: 'demand-registered', demandId: 'd1', demandKind: 'enquiry', registeredAt: at } };
    expect(performanceFactOf({ type: 'serviceledger.intake.demand.registered.v2', data: registration })).toEqual(fact);
    expect(performanceFactOf({ type: 'serviceledger.intake.demand.registered.v1', data: { ...registration, subject: '打印機' } })).toEqual(fact);
  });

  it('keeps whether a complaint’s promised result was delivered from complaint.resolved.v2 (C-2.3, 向客戶承諾處理時間和結果), and a v1 as not known', () => {
    const resolved = { demandId: 'd1', dueAt: at, resolvedAt: at, withinPromise: true, occurredAt: at };
    expect(performanceFactOf({ type: 'serviceledger.intake.complaint.resolved.v2', data: { ...resolved, promisedResultDelivered: false } })).toEqual({
      stream: 'quality-monitoring.facts-demand-d1',
      fact: { kind: 'complaint-resolved', demandId: 'd1', resolvedAt: at, withinPromise: true, promisedResultDelivered: false },
    });
    expect(performanceFactOf({ type: 'serviceledger.intake.complaint.resolved.v1', data: resolved })!.fact).not.toHaveProperty('promisedResultDelivered');
  });

  it('keeps a case’s demand, acceptance rounds and visits, on the case’s facts stream', () => {
    expect(
      performanceFactOf({ type: 'serviceledger.service-delivery.case.acceptance-rejected.v1', data: { caseId: 'c1', round: 1, criteriaCount: 2, criteriaMet: 1, rectificationItemCount: 1, rejectedAt: at, occurredAt: at } }),
    ).toEqual({ stream: 'quality-monitoring.facts-case-c1', fact: { kind: 'acceptance', caseId: 'c1', round: 1, passed: false, at } });
    expect(
      performanceFactOf({
        type: 'serviceledger.service-delivery.case.follow-up-visit-completed.v1',
        data: { caseId: 'c1', visitId: 'v1', visitNumber: 1, channel: 'phone', satisfaction: 2, findingStages: [], dueAt: at, visitedAt: at, occurredAt: at },
      }),
    ).toEqual({ stream: 'quality-monitoring.facts-case-c1', fact: { kind: 'visit', caseId: 'c1', visitId: 'v1', satisfaction: 2, at } });
  });

  it('keeps a visit’s answer as given with the survey version and scale it answered', () => {
    const survey = { surveyId: 'follow-up', version: 2, scale: { lowest: 0, highest: 10 } };
    expect(
      performanceFactOf({
        type: 'serviceledger.service-delivery.case.follow-up-visit-completed.v1',
        data: { caseId: 'c1', visitId: 'v1', visitNumber: 1, channel: 'phone', survey, satisfaction: 8, recommendation: 9, findingStages: [], dueAt: at, visitedAt: at, occurredAt: at },
      }),
    ).toEqual({ stream: 'quality-monitoring.facts-case-c1', fact: { kind: 'visit', caseId: 'c1', visitId: 'v1', survey, satisfaction: 8, recommendation: 9, at } });
  });

  it('counts a 0–10 survey’s answers scaled to 5 in satisfaction and the satisfied share, and a visit without a survey as 1–5', () => {
    const visit = (visitId: string, satisfaction: number, scale?: { lowest: number; highest: number }) =>
      performanceFactOf({
        type: 'serviceledger.service-delivery.case.follow-up-visit-completed.v1',
        data: {
          caseId: 'c1',
          visitId,
          visitNumber: 1,
          channel: 'phone',
          ...(scale ? { survey: { surveyId: 'follow-up', version: 2, scale } } : {}),
          satisfaction,
          findingStages: [],
          dueAt: at,
          visitedAt: at,
          occurredAt: at,
        },
      })!.fact as Extract<PerformanceFact, { kind: 'visit' }>;
    const zeroToTen = { lowest: 0, highest: 10 };
    const rows = [visit('v1', 10, zeroToTen), visit('v2', 8, zeroToTen), visit('v3', 7, zeroToTen), visit('v4', 0, zeroToTen), visit('v5', 4)].map(visitFactRow);
    expect(rows.map((r) => [r.score, r.scaleLowest, r.scaleHighest, r.satisfaction])).toEqual([
      [10, 0, 10, 5],
      [8, 0, 10, 4.2],
      [7, 0, 10, 3.8],
      [0, 0, 10, 1],
      [4, 1, 5, 4],
    ]);
    // As period evaluation reads the rows: the scaled score is the visit's satisfaction.
    const visits: VisitFact[] = rows.map((r) => ({ departmentId: 'tech-support', personId: null, caseId: r.caseId, satisfaction: r.satisfaction, recommendation: r.recommendation, at: r.at }));
    const { indicators, counts } = evaluate({ demands: [], clocks: [], acceptances: [], visits, complaints: [], spotChecks: [], recordReviews: [] }, periodOf('2026-11'), { departmentId: 'tech-support' });
    // (5 + 4.2 + 3.8 + 1 + 4) ÷ 5; satisfied (≥ 4 on 5): 10, 8 and the 1–5 survey's 4, not 7 (3.8).
    expect(indicators).toMatchObject({ satisfaction: 3.6, satisfiedShare: 0.6 });
    expect(counts).toMatchObject({ visits: 5, satisfiedVisits: 3 });
  });

  it('ignores what no indicator counts', () => {
    expect(performanceFactOf({ type: 'serviceledger.service-delivery.case.milestone-completed.v1', data: { caseId: 'c1' } })).toBeUndefined();
    expect(performanceFactOf({ type: 'serviceledger.intake.demand.reply-sent.v1', data: { demandId: 'd1' } })).toBeUndefined();
  });
});
