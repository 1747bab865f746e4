import { DEMAND_RESOLVED_V1 } from '@serviceledger/intake/contracts';
import { CASE_AFTER_SALES_PROBLEM_RESOLVED_V1, CASE_CLOSED_V1 } from '@serviceledger/service-delivery/contracts';
import { attributionOf } from './attribution-consumer';

const AT = '2026-12-01T02:00:00.000Z';

describe('after-sales attribution from both ways in (P-6.3)', () => {
  it('attributes an after-sales demand resolved in intake to the stage it names', () => {
    const message = { id: 'msg-1', type: DEMAND_RESOLVED_V1.type, data: { demandId: 'd-1', processStage: 'planning', resolvedAt: AT, occurredAt: AT } };
    expect(attributionOf(message)).toEqual({ origin: 'intake', problemId: 'd-1', stage: 'planning', resolvedAt: AT, messageId: 'msg-1' });
  });

  it('attributes a problem resolved in service delivery to its stage', () => {
    const message = {
      id: 'msg-2',
      type: CASE_AFTER_SALES_PROBLEM_RESOLVED_V1.type,
      data: { caseId: 'c-1', problemId: 'p-1', stage: 'implementation', handlerId: 'ts-lead', resolvedAt: AT, occurredAt: AT },
    };
    expect(attributionOf(message)).toEqual({ origin: 'service-delivery', problemId: 'p-1', stage: 'implementation', resolvedAt: AT, messageId: 'msg-2' });
  });

  it('leaves out a demand resolved without a stage (another kind, or before stages), and any other event', () => {
    expect(attributionOf({ id: 'msg-3', type: DEMAND_RESOLVED_V1.type, data: { demandId: 'd-2', resolvedAt: AT, occurredAt: AT } })).toBeUndefined();
    expect(attributionOf({ id: 'msg-4', type: CASE_CLOSED_V1.type, data: { caseId: 'c-1', closedAt: AT, occurredAt: AT } })).toBeUndefined();
  });
});
