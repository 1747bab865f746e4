import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { BusinessDemandEvent, NoteBusinessDemand, businessDemand } from './business-demand';

const meta: CommandMetadata = { commandId: 'm-1', at: '2026-03-02T02:00:00.000Z', actor: { userId: 'system:resource', roles: [], departments: [] }, correlationId: 'c' };
const { when, refusal } = deciderSpec(businessDemand);
const note = (data: Omit<NoteBusinessDemand['data'], 'demandId'>): NoteBusinessDemand => ({ type: 'NoteBusinessDemand', data: { demandId: 'd-1', ...data }, metadata: meta });
const registered: BusinessDemandEvent = { type: 'BusinessDemandNoted', data: { demandId: 'd-1', since: '2026-03-02T01:00:00.000Z', businessCategory: 'technical-support', customerId: 'c-acme' } };

describe('business demand behind R&D investment (R-1.3)', () => {
  it('notes a demand’s category and customer from when it came', () => {
    expect(when([], note({ at: '2026-03-02T09:00:00+08:00', businessCategory: 'technical-support', customerId: 'c-acme' }))).toEqual([registered]);
    expect(refusal([], note({ at: 'yesterday' }))).toMatchObject(refused('field-invalid'));
  });

  it('follows triage’s category, keeping when the demand came and its customer, and notes nothing new twice', () => {
    expect(when([registered], note({ at: '2026-03-03T01:00:00.000Z', businessCategory: 'software-development' }))).toEqual([
      { type: 'BusinessDemandNoted', data: { demandId: 'd-1', since: '2026-03-02T01:00:00.000Z', businessCategory: 'software-development', customerId: 'c-acme' } },
    ]);
    expect(when([registered], note({ at: '2026-03-03T01:00:00.000Z', businessCategory: 'technical-support' }))).toEqual([]);
  });

  it('notes a demand registered without a category, and takes the category triage gives it', () => {
    const uncategorised = when([], note({ at: '2026-03-02T01:00:00.000Z', customerId: 'c-acme' }));
    expect(uncategorised).toEqual([{ type: 'BusinessDemandNoted', data: { demandId: 'd-1', since: '2026-03-02T01:00:00.000Z', customerId: 'c-acme' } }]);
    expect(when(uncategorised, note({ at: '2026-03-02T03:00:00.000Z', businessCategory: 'system-maintenance' }))[0].data).toEqual({
      demandId: 'd-1',
      since: '2026-03-02T01:00:00.000Z',
      businessCategory: 'system-maintenance',
      customerId: 'c-acme',
    });
  });
});
