import { Aggregate, Command, Decider, RuleViolation, streamOf } from '@serviceledger/platform/core';

/**
 * What the business asks for, as R&D investment is weighed against it (R-1.3; 五(一)3 "根據公司業務發展需求"):
 * each demand intake registers, by its business category (as registered, then as triage settles it) and its
 * customer, counted from when it came. A plan line justified by a business category, a demand trend in one, or a
 * customer is shown beside the demands behind that need, this year and last. One stream per demand, bounded by
 * its registration and triage; only the resource service's consumer of intake's events sends these commands.
 */
export interface BusinessDemand {
  demandId: string;
  /** When the demand came: its registration, or the first message that told of it. */
  since: string;
  businessCategory?: string;
  customerId?: string;
}

export type BusinessDemandState = BusinessDemand | null;

export type NoteBusinessDemand = Command<'NoteBusinessDemand', { demandId: string; at: string; businessCategory?: string; customerId?: string }>;
export type BusinessDemandNoted = { type: 'BusinessDemandNoted'; data: BusinessDemand };
export type BusinessDemandEvent = BusinessDemandNoted;

export const businessDemand: Decider<NoteBusinessDemand, BusinessDemandEvent, BusinessDemandState> = {
  initialState: () => null,
  evolve: (_state, event) => ({ ...event.data }),
  decide(command, state) {
    const { demandId, at } = command.data;
    if (Number.isNaN(Date.parse(at))) throw new RuleViolation('field-invalid', `A demand's time must be an ISO-8601 instant, not ${JSON.stringify(at)}`);
    const businessCategory = command.data.businessCategory ?? state?.businessCategory;
    const customerId = state?.customerId ?? command.data.customerId;
    if (state && state.businessCategory === businessCategory && state.customerId === customerId) return [];
    return [
      {
        type: 'BusinessDemandNoted',
        data: {
          demandId,
          since: state?.since ?? new Date(at).toISOString(),
          ...(businessCategory ? { businessCategory } : {}),
          ...(customerId ? { customerId } : {}),
        },
      },
    ];
  },
};

/** A demand's stream is `resource.business-demand-<demandId>`: its registration and its triage. */
export const businessDemands: Aggregate<NoteBusinessDemand, BusinessDemandEvent, BusinessDemandState> = {
  name: 'Business demand',
  streamPrefix: 'resource.business-demand-',
  decider: businessDemand,
  idOf: (command) => command.data.demandId,
  creates: ['NoteBusinessDemand'],
};

export const businessDemandStream = (demandId: string): string => streamOf(businessDemands, demandId);
