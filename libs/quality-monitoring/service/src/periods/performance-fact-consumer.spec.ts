import { performanceFactOf } from './performance-fact-consumer';

const at = '2026-11-02T01:00:00.000Z';

describe('the facts period evaluation keeps from intake and service delivery', () => {
  it('keeps a demand’s registration, assignment, resolution and complaint, on the demand’s facts stream', () => {
    expect(
      performanceFactOf({
        type: 'serviceledger.intake.demand.assigned.v1',
        data: { demandId: 'd1', departmentId: 'tech-support', ownerId: 'ts-li', assignedBy: 'agent-li', occurredAt: at },
      }),
    ).toEqual({ stream: 'quality-monitoring.facts-demand-d1', fact: { kind: 'demand-assigned', demandId: 'd1', departmentId: 'tech-support', ownerId: 'ts-li', at } });
    expect(
      performanceFactOf({ type: 'serviceledger.intake.complaint.resolved.v1', data: { demandId: 'd1', dueAt: at, resolvedAt: at, withinPromise: false, occurredAt: at } }),
    ).toEqual({ stream: 'quality-monitoring.facts-demand-d1', fact: { kind: 'complaint-resolved', demandId: 'd1', resolvedAt: at, withinPromise: false } });
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

  it('ignores what no indicator counts', () => {
    expect(performanceFactOf({ type: 'serviceledger.service-delivery.case.milestone-completed.v1', data: { caseId: 'c1' } })).toBeUndefined();
    expect(performanceFactOf({ type: 'serviceledger.intake.demand.reply-sent.v1', data: { demandId: 'd1' } })).toBeUndefined();
  });
});
