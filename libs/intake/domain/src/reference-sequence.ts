import { Command, Decider, DomainEvent, RuleViolation } from '@serviceledger/platform/core';
import { formatDemandReference } from './demand-reference';

/** One sequence per year, so references read `SR-2026-000001` onwards. */
export const referenceSequenceStream = (year: number): string => `intake.reference-sequence-${year}`;

export type AllocateReference = Command<'AllocateReference', { year: number; demandId: string }>;
export type ReferenceAllocated = DomainEvent<'ReferenceAllocated', { year: number; sequence: number; reference: string; demandId: string }>;

export interface ReferenceSequence {
  last: number;
  byDemand: Record<string, string>;
}

/**
 * Hands out demand references without gaps or repeats: concurrent registrations race on the
 * stream's version and the loser retries with the next number.
 */
export const referenceSequence: Decider<AllocateReference, ReferenceAllocated, ReferenceSequence> = {
  initialState: () => ({ last: 0, byDemand: {} }),
  evolve: (state, { data }) => ({ last: data.sequence, byDemand: { ...state.byDemand, [data.demandId]: data.reference } }),
  decide({ data }, state) {
    if (state.byDemand[data.demandId]) {
      throw new RuleViolation('reference-allocated', `Demand ${data.demandId} already has reference ${state.byDemand[data.demandId]}`);
    }
    const sequence = state.last + 1;
    return [{ type: 'ReferenceAllocated', data: { ...data, sequence, reference: formatDemandReference(data.year, sequence) } }];
  },
};
