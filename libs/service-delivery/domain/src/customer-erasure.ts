import { Aggregate, Command, Decider, streamOf } from '@serviceledger/platform/core';

/**
 * R-3.1 (五(三)1 嚴格控制客戶信息的訪問權限,防止客戶信息泄露): a customer erased in intake is erased in service-delivery
 * too. `CustomerDataErased` is declared an erasure (personal-data.ts): appending it destroys this
 * service's data key of the customer, so every acceptance signatory of theirs in the log reads as erased,
 * and the read models rewrite their copies as they pass it. Erasing again appends nothing.
 */
export type EraseCustomerData = Command<'EraseCustomerData', { customerId: string; erasedAt: string; caseIds?: string[] }>;

/**
 * When intake erased the customer, and when service-delivery did; nothing personal. `caseIds`: the
 * customer's cases here as the service found them, for the read models that know a case but not its
 * customer (the meetings' minutes); absent on erasures recorded before it was named.
 */
export type CustomerDataErased = { type: 'CustomerDataErased'; data: { customerId: string; erasedAt: string; recordedAt: string; caseIds?: string[] } };

/** Whether the customer's personal data here is erased. */
export type CustomerErasureState = boolean;

export const customerErasure: Decider<EraseCustomerData, CustomerDataErased, CustomerErasureState> = {
  initialState: () => false,
  evolve: () => true,
  decide(command, erased) {
    if (erased) return [];
    const { customerId, erasedAt, caseIds = [] } = command.data;
    return [{ type: 'CustomerDataErased', data: { customerId, erasedAt, recordedAt: command.metadata.at, ...(caseIds.length ? { caseIds: [...new Set(caseIds)] } : {}) } }];
  },
};

/** One stream per erased customer, which the service's own consumer alone writes. */
export const customerErasures: Aggregate<EraseCustomerData, CustomerDataErased, CustomerErasureState> = {
  name: 'Customer erasure',
  streamPrefix: 'service-delivery.customer-erasure-',
  decider: customerErasure,
  idOf: (command) => command.data.customerId,
  creates: ['EraseCustomerData'],
};

export const customerErasureStream = (customerId: string): string => streamOf(customerErasures, customerId);
