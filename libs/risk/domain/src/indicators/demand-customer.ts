import { Aggregate, Command, Decider, streamOf } from '@serviceledger/platform/core';

/**
 * Whose a demand is, as intake registered it (`demand.registered`): intake's complaint events name the
 * demand, not the customer, so risk keeps the customer of every demand to count complaints per customer
 * (K-3.2). A stream per demand (`risk.demand-<id>`), one event in its life.
 */
export interface DemandCustomer {
  demandId: string;
  customerId: string;
}

export type NoteDemandCustomer = Command<'NoteDemandCustomer', DemandCustomer>;
export type DemandCustomerNoted = { type: 'DemandCustomerNoted'; data: DemandCustomer };

export const demandCustomer: Decider<NoteDemandCustomer, DemandCustomerNoted, DemandCustomer | null> = {
  initialState: () => null,
  evolve: (_state, event) => ({ demandId: event.data.demandId, customerId: event.data.customerId }),
  decide: (command, state) =>
    state?.customerId === command.data.customerId ? [] : [{ type: 'DemandCustomerNoted', data: { demandId: command.data.demandId, customerId: command.data.customerId } }],
};

export const demandCustomers: Aggregate<NoteDemandCustomer, DemandCustomerNoted, DemandCustomer | null> = {
  name: 'Demand',
  streamPrefix: 'risk.demand-',
  decider: demandCustomer,
  idOf: (command) => command.data.demandId,
  creates: ['NoteDemandCustomer'],
};

export const demandCustomerStream = (demandId: string): string => streamOf(demandCustomers, demandId);
