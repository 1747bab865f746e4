import { publishedMessage } from '@serviceledger/platform/testing';
import { DEMAND_ASSIGNED_V1, DEMAND_ASSIGNED_V2, DEMAND_CLOSED_V2, DEMAND_REGISTERED_V1, DEMAND_RESOLVED_V1, DEMAND_TRIAGED_V1 } from '@serviceledger/intake/contracts';
import { CASE_ACCEPTANCE_PASSED_V1, CASE_CLOSED_V1 } from '@serviceledger/service-delivery/contracts';
import { sourceFactsOf } from './knowledge-source-consumer';

const AT = '2026-11-29T08:00:00.000Z';
const routing = { source: '/serviceledger/intake', key: 'dem-1' };

describe('what the knowledge base keeps of intake’s and service delivery’s events (R-1.2)', () => {
  it('takes a demand’s reference, category, department and resolution, and a case’s acceptance', () => {
    expect(sourceFactsOf(publishedMessage(DEMAND_RESOLVED_V1, routing, { demandId: 'dem-1', resolvedAt: AT, occurredAt: AT }, AT))).toEqual({ kind: 'demand', id: 'dem-1', facts: { concludedAt: AT } });
    expect(
      sourceFactsOf(publishedMessage(DEMAND_TRIAGED_V1, routing, { demandId: 'dem-1', complexity: 'simple', priority: 'P3', businessCategory: 'network', overridden: [], decidedBy: 'a', occurredAt: AT }, AT)),
    ).toEqual({ kind: 'demand', id: 'dem-1', facts: { businessCategory: 'network' } });
    const registered = { demandId: 'dem-1', reference: 'SR-2026-000001', customerId: 'c', customerTier: 'standard', channel: 'phone', kind: 'enquiry', subject: '客戶的原話', impact: 2, urgency: 2, priority: 'P3', registeredAt: AT, occurredAt: AT };
    expect(sourceFactsOf(publishedMessage(DEMAND_REGISTERED_V1, routing, registered, AT))).toEqual({ kind: 'demand', id: 'dem-1', facts: { reference: 'SR-2026-000001', businessCategory: undefined } });
    const accepted = { caseId: 'case-1', round: 1, criteriaCount: 1, criteriaMet: 1, conditionCount: 0, acceptedAt: AT, followUpVisitsDueAt: [], occurredAt: AT };
    expect(sourceFactsOf(publishedMessage(CASE_ACCEPTANCE_PASSED_V1, { ...routing, key: 'case-1' }, accepted, AT))).toEqual({ kind: 'case', id: 'case-1', facts: { concludedAt: AT } });
  });

  it('takes a demand’s department from an assignment in version 2, without a reassignment’s reason (R-3.1), as from version 1', () => {
    const assigned = { demandId: 'dem-1', departmentId: 'tech-support', ownerId: 'zhang', assignedBy: 'agent-li', occurredAt: AT };
    const facts = { kind: 'demand', id: 'dem-1', facts: { departmentId: 'tech-support' } };
    const reassignment = { previousDepartmentId: 'customer-service', previousOwnerId: 'agent-li' };
    expect(sourceFactsOf(publishedMessage(DEMAND_ASSIGNED_V2, routing, { ...assigned, reassignment }, AT))).toEqual(facts);
    expect(sourceFactsOf(publishedMessage(DEMAND_ASSIGNED_V1, routing, { ...assigned, reassignment: { ...reassignment, reason: '客戶要求換人' } }, AT))).toEqual(facts);
  });

  it('ignores the events an article needs nothing from', () => {
    expect(sourceFactsOf(publishedMessage(DEMAND_CLOSED_V2, routing, { demandId: 'dem-1', occurredAt: AT }, AT))).toBeUndefined();
    expect(sourceFactsOf(publishedMessage(CASE_CLOSED_V1, { ...routing, key: 'case-1' }, { caseId: 'case-1', occurredAt: AT }, AT))).toBeUndefined();
  });
});
