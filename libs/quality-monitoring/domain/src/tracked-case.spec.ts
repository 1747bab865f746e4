import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import { TrackedCaseEvent, deliveryCaseLink, trackedCase } from './tracked-case';

const meta = (at: string): CommandMetadata => ({ commandId: at, at, actor: { userId: 'system', roles: [], departments: [] }, correlationId: 'c' });
const tracked: TrackedCaseEvent = {
  type: 'CaseTracked',
  data: { caseId: 'd-1', facts: { customerTier: 'gold', priority: 'P3', demandKind: 'enquiry' }, openedAt: '2026-11-30T01:00:00Z' },
};
const { stateAfter } = deciderSpec(trackedCase);

describe('tracked case: the facts clocks are targeted on', () => {
  it('is tracked once; a repeated opening changes nothing', () => {
    expect(trackedCase.decide({ type: 'TrackCase', data: { caseId: 'd-1', facts: tracked.data.facts }, metadata: meta('2026-11-30T01:00:00Z') }, null)).toEqual([tracked]);
    expect(trackedCase.decide({ type: 'TrackCase', data: { caseId: 'd-1', facts: {} }, metadata: meta('2026-11-30T02:00:00Z') }, stateAfter([tracked]))).toEqual([]);
  });

  it('records a change of priority or category with the facts before it, and nothing for the same facts', () => {
    const changed = trackedCase.decide(
      { type: 'ChangeCaseFacts', data: { caseId: 'd-1', priority: 'P2', businessCategory: 'technical-support' }, metadata: meta('2026-11-30T01:05:00Z') },
      stateAfter([tracked]),
    );
    expect(changed).toEqual([
      {
        type: 'CaseFactsChanged',
        data: {
          caseId: 'd-1',
          previous: tracked.data.facts,
          facts: { customerTier: 'gold', priority: 'P2', demandKind: 'enquiry', businessCategory: 'technical-support' },
          changedAt: '2026-11-30T01:05:00Z',
        },
      },
    ]);
    expect(trackedCase.decide({ type: 'ChangeCaseFacts', data: { caseId: 'd-1', priority: 'P3' }, metadata: meta('2026-11-30T01:06:00Z') }, stateAfter([tracked]))).toEqual([]);
  });

  it('is tracked with its department when one answers for it from the start (an after-sales problem), its owner named later', () => {
    const opened = trackedCase.decide({ type: 'TrackCase', data: { caseId: 'p-1', facts: { demandKind: 'after-sales' }, departmentId: 'tech-support' }, metadata: meta('2026-11-30T02:00:00Z') }, null);
    expect(opened.map((e) => e.type)).toEqual(['CaseTracked', 'CaseAssigned']);
    expect(opened[1].data).toEqual({ caseId: 'p-1', departmentId: 'tech-support', assignedAt: '2026-11-30T02:00:00Z' });
    const named = trackedCase.decide({ type: 'AssignCase', data: { caseId: 'p-1', departmentId: 'tech-support', ownerId: 'ts-li' }, metadata: meta('2026-11-30T02:20:00Z') }, stateAfter(opened));
    expect(named).toEqual([{ type: 'CaseAssigned', data: { caseId: 'p-1', departmentId: 'tech-support', ownerId: 'ts-li', assignedAt: '2026-11-30T02:20:00Z' } }]);
  });

  it('keeps the department that registered the case through its assignment to another (二(一)2 及時記錄)', () => {
    const opened = trackedCase.decide(
      { type: 'TrackCase', data: { caseId: 'd-2', facts: { priority: 'P3' }, registeringDepartmentId: 'customer-service' }, metadata: meta('2026-11-30T01:00:00Z') },
      null,
    );
    expect(opened).toEqual([{ type: 'CaseTracked', data: { caseId: 'd-2', facts: { priority: 'P3' }, registeringDepartmentId: 'customer-service', openedAt: '2026-11-30T01:00:00Z' } }]);
    const assigned = trackedCase.decide({ type: 'AssignCase', data: { caseId: 'd-2', departmentId: 'tech-support' }, metadata: meta('2026-11-30T01:10:00Z') }, stateAfter(opened));
    expect(stateAfter([...opened, ...assigned])).toMatchObject({ departmentId: 'tech-support', registeringDepartmentId: 'customer-service' });
  });

  it('records a reclassified kind, so that the policies for the new kind apply', () => {
    const [changed] = trackedCase.decide({ type: 'ChangeCaseFacts', data: { caseId: 'd-1', demandKind: 'complaint' }, metadata: meta('2026-11-30T01:07:00Z') }, stateAfter([tracked]));
    expect(changed).toMatchObject({
      type: 'CaseFactsChanged',
      data: { previous: { customerTier: 'gold', priority: 'P3', demandKind: 'enquiry' }, facts: { customerTier: 'gold', priority: 'P3', demandKind: 'complaint' } },
    });
  });

  it('records the department answering for the case, and a move to another', () => {
    const [assigned] = trackedCase.decide({ type: 'AssignCase', data: { caseId: 'd-1', departmentId: 'tech-support', ownerId: 'ts-lead' }, metadata: meta('2026-11-30T01:10:00Z') }, stateAfter([tracked]));
    expect(assigned.data).toEqual({ caseId: 'd-1', departmentId: 'tech-support', ownerId: 'ts-lead', assignedAt: '2026-11-30T01:10:00Z' });
    const moved = trackedCase.decide({ type: 'AssignCase', data: { caseId: 'd-1', departmentId: 'customer-service', ownerId: 'cs-lead' }, metadata: meta('2026-11-30T02:00:00Z') }, stateAfter([tracked, assigned]));
    expect(moved[0].data).toMatchObject({ previousDepartmentId: 'tech-support' });
    expect(() => trackedCase.decide({ type: 'AssignCase', data: { caseId: 'd-2', departmentId: 'x', ownerId: 'y' }, metadata: meta('2026-11-30T02:00:00Z') }, null)).toThrow('d-2');
  });
});

describe('delivery case link: a service-delivery case to its demand', () => {
  const link = (demandId: string, at: string) => ({ type: 'LinkDeliveryCase' as const, data: { deliveryCaseId: 'case-1', demandId }, metadata: meta(at) });

  it('links once; the same link again changes nothing; another demand is refused', () => {
    const events = deliveryCaseLink.decide(link('d-1', '2026-11-30T01:00:00Z'), null);
    expect(events).toEqual([{ type: 'DeliveryCaseLinked', data: { deliveryCaseId: 'case-1', demandId: 'd-1', linkedAt: '2026-11-30T01:00:00Z' } }]);
    const linked = events.reduce(deliveryCaseLink.evolve, deliveryCaseLink.initialState());
    expect(linked).toEqual({ deliveryCaseId: 'case-1', demandId: 'd-1', linkedAt: '2026-11-30T01:00:00Z' });
    expect(deliveryCaseLink.decide(link('d-1', '2026-11-30T02:00:00Z'), linked)).toEqual([]);
    expect(() => deliveryCaseLink.decide(link('d-2', '2026-11-30T02:00:00Z'), linked)).toThrow(/delivers demand d-1/);
  });
});
