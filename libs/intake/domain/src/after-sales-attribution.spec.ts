import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { DemandCommand, DemandEvent, demand } from './demand';
import { AT, registered } from './testing/demand-fixtures';

const agent = actor('agent-1', ['agent'], ['customer-service']);
const command = commandsOf<DemandCommand, { demandId: string }>({ at: AT, actor: agent, data: { demandId: 'd-1' } });
const { when, refusal } = deciderSpec(demand);

/** Demand d-1 of the given kind, triaged routine and assigned to tech support. */
const assignedDemand = (kind: 'after-sales' | 'enquiry'): DemandEvent[] => [
  registered({ kind }),
  ...when([registered({ kind })], command('ConfirmTriage', {
    complexity: 'routine',
    priority: 'P3',
    businessCategory: 'technical-support',
    suggestion: { complexity: 'routine', priority: 'P3', businessCategory: 'technical-support', matchedRuleIds: [], ruleSetVersion: 1 },
  })),
];
const assigned = (kind: 'after-sales' | 'enquiry'): DemandEvent[] => {
  const triaged = assignedDemand(kind);
  return [...triaged, ...when(triaged, command('AssignDemand', { departmentId: 'tech-support', ownerId: 'zhang' }))];
};
const resolve = (processStage?: string) =>
  command('ResolveDemand', { resolution: 'Network card replaced', ...(processStage !== undefined ? { processStage } : {}) });

describe('an after-sales demand resolved in intake (二(六)3 將相關信息反饋至服務流程的各個環節)', () => {
  it('is attributed to the process stage it points back to', () => {
    expect(when(assigned('after-sales'), resolve('implementation'))).toEqual([
      { type: 'DemandResolved', data: { demandId: 'd-1', resolution: 'Network card replaced', processStage: 'implementation', resolvedAt: AT } },
    ]);
  });

  it.each([
    ['process-stage-required', 'after-sales', undefined],
    ['unknown-process-stage', 'after-sales', 'billing'],
    ['stage-not-applicable', 'enquiry', 'implementation'],
  ] as const)('refuses with %s', (code, kind, stage) => {
    expect(refusal(assigned(kind), resolve(stage))).toMatchObject(refused(code));
  });

  it('resolves any other kind without a stage, as before', () => {
    expect(when(assigned('enquiry'), resolve())[0].data).not.toHaveProperty('processStage');
  });
});
