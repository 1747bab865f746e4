import { CommandMetadata, RuleViolation, fold } from '@serviceledger/platform/core';
import { AllocateReference, ReferenceAllocated, referenceSequence } from './reference-sequence';

const metadata: CommandMetadata = {
  commandId: 'c1',
  at: '2026-11-30T08:00:00Z',
  actor: { userId: 'agent-1', roles: ['agent'], departments: ['customer-service'] },
  correlationId: 'c1',
};
const allocate = (demandId: string): AllocateReference => ({ type: 'AllocateReference', data: { year: 2026, demandId }, metadata });
const allocated = (sequence: number, demandId: string): ReferenceAllocated => ({
  type: 'ReferenceAllocated',
  data: { year: 2026, sequence, reference: `SR-2026-${String(sequence).padStart(6, '0')}`, demandId },
});

describe('reference sequence', () => {
  it('starts the year at SR-YYYY-000001', () => {
    expect(referenceSequence.decide(allocate('d1'), referenceSequence.initialState())).toEqual([allocated(1, 'd1')]);
  });

  it('hands out the next number after those already allocated', () => {
    const state = fold(referenceSequence, [allocated(1, 'd1'), allocated(2, 'd2')]);
    expect(referenceSequence.decide(allocate('d3'), state)).toEqual([allocated(3, 'd3')]);
  });

  it('refuses a second reference for the same demand', () => {
    const state = fold(referenceSequence, [allocated(1, 'd1')]);
    expect(() => referenceSequence.decide(allocate('d1'), state)).toThrow(
      new RuleViolation('reference-allocated', 'Demand d1 already has reference SR-2026-000001'),
    );
  });
});
