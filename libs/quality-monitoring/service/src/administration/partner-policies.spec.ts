import { AgreementSignedV1 } from '@serviceledger/resource/contracts';
import { PolicyRegistry, PolicyRegistryEvent, policyRegistry, resolveTargets } from '@serviceledger/quality-monitoring/domain';
import { partnerPolicyCommands, partnerPolicyId } from './partner-policies';

const SIGNED: AgreementSignedV1 = {
  partnerId: 'acme',
  agreementId: 'agr-1',
  version: 1,
  validFrom: '2026-12-01',
  validTo: '2027-11-30',
  serviceStandards: {
    targets: [
      { priority: 'P1', responseMinutes: 15, resolutionMinutes: 120 },
      { priority: 'P3', responseMinutes: 60, resolutionMinutes: 480 },
    ],
    calendarId: 'office',
  },
  signedAt: '2026-12-01T02:00:00.000Z',
  occurredAt: '2026-12-01T02:00:00.000Z',
};
const metadata = { commandId: 'c', at: '2026-12-01T02:00:00.000Z', actor: { userId: 'system', roles: [], departments: [] }, correlationId: 'c' };

/** Applies the commands to the registry as the decider decides them. */
function apply(registry: PolicyRegistry, commands: ReturnType<typeof partnerPolicyCommands>): PolicyRegistry {
  return commands.reduce((state, command) => {
    const events: PolicyRegistryEvent[] = policyRegistry.decide({ ...command, metadata } as never, state);
    return events.reduce(policyRegistry.evolve, state);
  }, registry);
}

describe('a partner’s service standards as UC policies (C-3.1)', () => {
  const empty = policyRegistry.initialState();
  const known = () => true;

  it('defines one UC policy per priority, measuring a wait on that partner against its resolution target on its calendar', () => {
    const registry = apply(empty, partnerPolicyCommands(SIGNED, empty, known));
    expect(registry.policies.get(partnerPolicyId('acme', 'P3'))).toMatchObject({
      policyId: 'uc-acme-p3',
      version: 1,
      kind: 'UC',
      partnerId: 'acme',
      calendarId: 'office',
      match: { priorities: ['P3'], customerTiers: '*', businessCategories: '*', demandKinds: '*' },
      targets: { 'third-party-wait': 480 },
    });
    const policies = [...registry.policies.values()];
    expect(resolveTargets(policies, { priority: 'P3', partnerId: 'acme' }, { kinds: ['UC'] })['third-party-wait']).toMatchObject({ targetMinutes: 480 });
    // Never a demand's own clocks, nor a wait on another partner.
    expect(resolveTargets(policies, { priority: 'P3' })).toEqual({});
    expect(resolveTargets(policies, { priority: 'P3', partnerId: 'globex' }, { kinds: ['UC'] })).toEqual({});
  });

  it('revises them from a later version, and retires the priority it no longer covers', () => {
    const v1 = apply(empty, partnerPolicyCommands(SIGNED, empty, known));
    const v2 = { ...SIGNED, version: 2, serviceStandards: { targets: [{ priority: 'P3' as const, responseMinutes: 30, resolutionMinutes: 240 }] } };
    const commands = partnerPolicyCommands(v2, v1, known);
    expect(commands.map((c) => [c.type, c.data.policyId])).toEqual([
      ['RevisePolicy', 'uc-acme-p3'],
      ['RetirePolicy', 'uc-acme-p1'],
    ]);
    const registry = apply(v1, commands);
    expect(registry.policies.get('uc-acme-p3')).toMatchObject({ version: 2, targets: { 'third-party-wait': 240 } });
    expect(registry.policies.get('uc-acme-p3')?.calendarId).toBeUndefined();
    expect(registry.policies.get('uc-acme-p1')?.retired).toBe(true);
  });

  it('counts 24×7 on a calendar quality monitoring does not know, and says so', () => {
    const registry = apply(empty, partnerPolicyCommands(SIGNED, empty, () => false));
    const policy = registry.policies.get('uc-acme-p1');
    expect(policy?.calendarId).toBeUndefined();
    expect(policy?.name).toContain('24×7: calendar office unknown');
  });

  it('keeps a partner’s policy to its partner: an administrator’s revision without it is refused', () => {
    const registry = apply(empty, partnerPolicyCommands(SIGNED, empty, known));
    const revise = { type: 'RevisePolicy', data: { policyId: 'uc-acme-p1', kind: 'UC', name: 'x', match: {}, targets: { resolution: 60 } }, metadata };
    expect(() => policyRegistry.decide(revise as never, registry)).toThrow(expect.objectContaining({ code: 'policy-partner-fixed' }));
  });
});
