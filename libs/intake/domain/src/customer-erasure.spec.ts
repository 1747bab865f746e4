import { ERASED } from '@serviceledger/platform/core';
import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { CustomerCommand, CustomerErased, CustomerRegistered, customer } from './customer';

const administrator = actor('admin-1', ['administrator'], []);
const command = commandsOf<CustomerCommand>({ at: '2026-03-02T09:00:00.000Z', actor: administrator });
const { when, stateAfter, refusal } = deciderSpec(customer);

const registered: CustomerRegistered = {
  type: 'CustomerRegistered',
  data: { customerId: 'c-1', organisation: 'Acme Ltd', contactPerson: 'Li Wei', email: 'li.wei@acme.cn', tier: 'gold', flaggedForReview: false, source: 'agent' },
};
const erased: CustomerErased = {
  type: 'CustomerErased',
  data: { customerId: 'c-1', erasedBy: 'admin-1', erasedAt: '2026-03-02T09:00:00.000Z', reason: 'The customer asked to be forgotten' },
};
const erase = command('EraseCustomer', { customerId: 'c-1', reason: 'The customer asked to be forgotten' });

describe('erasing a customer (R-3.1: 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  it('records who erased the customer, when and why, and nothing personal', () => {
    expect(when([registered], erase)).toEqual([erased]);
  });

  it('leaves the customer with every personal field erased and the rest as it was', () => {
    expect(stateAfter([registered, erased])).toEqual({ ...registered.data, contactPerson: ERASED, email: ERASED, erased: true });
  });

  it('names the demands filed under the unverified senders from the customer’s address, each once, so that they are erased too', () => {
    const withUnverified = command('EraseCustomer', { customerId: 'c-1', reason: 'The customer asked to be forgotten', unverifiedDemandIds: ['d-7', 'd-9', 'd-7'] });
    expect(when([registered], withUnverified)).toEqual([{ ...erased, data: { ...erased.data, unverifiedDemandIds: ['d-7', 'd-9'] } }]);
  });

  it('erases a customer once: erasing again records nothing', () => {
    expect(when([registered, erased], erase)).toEqual([]);
  });

  it('refuses to erase a customer who does not exist', () => {
    expect(refusal([], erase)).toMatchObject({ name: 'NotFoundError' });
  });

  it('records no new personal data for an erased customer', () => {
    expect(refusal([registered, erased], command('UpdateCustomer', { customerId: 'c-1', email: 'new@acme.cn' }))).toMatchObject(refused('customer-erased'));
  });
});
