import { actor, commandsOf, deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import { EraseCustomerData, customerErasure, customerErasureStream } from './customer-erasure';

const AT = '2026-12-01T02:00:00.000Z';
const ERASED_IN_INTAKE = '2026-12-01T01:59:58.000Z';
const command = commandsOf<EraseCustomerData>({ at: AT, actor: actor('service-delivery', [], []) });
const { when } = deciderSpec(customerErasure);

describe('a customer’s erasure in service-delivery (R-3.1 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  it('erases the customer once, recording when intake erased them and when this service did', () => {
    expect(customerErasureStream('customer-1')).toBe('service-delivery.customer-erasure-customer-1');
    const erased = when([], command('EraseCustomerData', { customerId: 'customer-1', erasedAt: ERASED_IN_INTAKE }));
    expect(erased).toEqual([{ type: 'CustomerDataErased', data: { customerId: 'customer-1', erasedAt: ERASED_IN_INTAKE, recordedAt: AT } }]);
    expect(when(erased, command('EraseCustomerData', { customerId: 'customer-1', erasedAt: ERASED_IN_INTAKE }))).toEqual([]);
  });

  it('names the customer’s cases it found, each once, for the read models that know a case but not its customer', () => {
    const erased = when([], command('EraseCustomerData', { customerId: 'customer-1', erasedAt: ERASED_IN_INTAKE, caseIds: ['case-1', 'case-2', 'case-1'] }));
    expect(erased).toEqual([{ type: 'CustomerDataErased', data: { customerId: 'customer-1', erasedAt: ERASED_IN_INTAKE, recordedAt: AT, caseIds: ['case-1', 'case-2'] } }]);
  });
});
