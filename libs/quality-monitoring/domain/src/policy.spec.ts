import { NotFoundError } from '@serviceledger/platform/core';
import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import {
  MAX_ESCALATION_LEVELS,
  MAX_ESCALATION_OFFSET_MINUTES,
  MAX_TARGET_MINUTES,
  POLICY_REGISTRY_STREAM,
  Policy,
  PolicyRegistryCommand,
  PolicyTerms,
  activePolicies,
  policyAtVersion,
  policySet,
  policyMatches,
  policyRegistry,
  resolveTargets,
} from './policy';

const admin = actor('admin-1', ['administrator'], []);
const command = commandsOf<PolicyRegistryCommand>({ at: '2026-03-02T09:00:00.000Z', actor: admin });
const { when, stateAfter, refusal } = deciderSpec(policyRegistry);

const standardTerms: PolicyTerms = {
  kind: 'SLA',
  name: 'Standard',
  match: {},
  targets: { 'first-response': 240, resolution: 2400, 'time-to-own': 120 },
  calendarId: 'cn-office',
  escalations: [
    { offsetMinutes: 60, action: 'raise-priority' },
    { offsetMinutes: -30, action: 'notify-department-head' },
    { offsetMinutes: 0, action: 'add-observer', observerId: 'qm-lead', metrics: ['resolution'] },
  ],
  pauseOn: ['waiting-on-customer', 'waiting-on-third-party'],
};

const policy = (overrides: Partial<Policy> & Pick<Policy, 'policyId'>): Policy => ({
  version: 1,
  kind: 'SLA',
  name: overrides.policyId,
  match: { customerTiers: '*', businessCategories: '*', priorities: '*', demandKinds: '*' },
  targets: {},
  warningThreshold: 0.75,
  escalations: [],
  pauseOn: [],
  retired: false,
  ...overrides,
});

describe('policy registry', () => {
  it('lives in one stream', () => {
    expect(POLICY_REGISTRY_STREAM).toBe('quality-monitoring.policy-registry');
  });

  it('defines version 1 with wildcards, the default 75 % warning and steps sorted by offset', () => {
    expect(when([], command('DefinePolicy', { policyId: 'sla-standard', ...standardTerms }))).toEqual([
      {
        type: 'PolicyDefined',
        data: {
          policyId: 'sla-standard',
          version: 1,
          kind: 'SLA',
          name: 'Standard',
          match: { customerTiers: '*', businessCategories: '*', priorities: '*', demandKinds: '*' },
          targets: { 'first-response': 240, resolution: 2400, 'time-to-own': 120 },
          calendarId: 'cn-office',
          warningThreshold: 0.75,
          escalations: [
            { offsetMinutes: -30, action: 'notify-department-head' },
            { offsetMinutes: 0, action: 'add-observer', observerId: 'qm-lead', metrics: ['resolution'] },
            { offsetMinutes: 60, action: 'raise-priority', levels: 1 },
          ],
          pauseOn: ['waiting-on-customer', 'waiting-on-third-party'],
        },
      },
    ]);
  });

  it('revises into a new version, keeps every version, and records nothing for an unchanged revision', () => {
    const defined = when([], command('DefinePolicy', { policyId: 'sla-standard', ...standardTerms }));
    const revised = when(defined, command('RevisePolicy', { policyId: 'sla-standard', ...standardTerms, warningThreshold: 0.8 }));
    expect(revised).toMatchObject([{ type: 'PolicyRevised', data: { version: 2, warningThreshold: 0.8 } }]);
    const history = [...defined, ...revised];
    expect(when(history, command('RevisePolicy', { policyId: 'sla-standard', ...standardTerms, warningThreshold: 0.8 }))).toEqual([]);
    expect(policyAtVersion(history, 'sla-standard', 1)?.warningThreshold).toBe(0.75);
    expect(policyAtVersion(history, 'sla-standard', 2)?.warningThreshold).toBe(0.8);
  });

  it('retires a policy as a new version; a retired policy no longer resolves', () => {
    const defined = when([], command('DefinePolicy', { policyId: 'sla-standard', ...standardTerms }));
    const retired = when(defined, command('RetirePolicy', { policyId: 'sla-standard', reason: 'replaced by 2027 terms' }));
    expect(retired).toEqual([{ type: 'PolicyRetired', data: { policyId: 'sla-standard', version: 2, reason: 'replaced by 2027 terms' } }]);
    const state = stateAfter([...defined, ...retired]);
    expect(activePolicies(state)).toEqual([]);
    expect(resolveTargets(state.policies.values(), {})).toEqual({});
    expect(refusal([...defined, ...retired], command('RevisePolicy', { policyId: 'sla-standard', ...standardTerms }))).toMatchObject(
      refused('policy-retired'),
    );
  });

  it('gives a recomputation the current policies, with pinned ones at their pinned versions', () => {
    const defined = when([], command('DefinePolicy', { policyId: 'sla-standard', ...standardTerms }));
    const other = when(defined, command('DefinePolicy', { policyId: 'ola-network', ...standardTerms, kind: 'OLA' }));
    const revised = when([...defined, ...other], command('RevisePolicy', { policyId: 'sla-standard', ...standardTerms, warningThreshold: 0.8 }));
    const retired = when([...defined, ...other, ...revised], command('RetirePolicy', { policyId: 'ola-network', reason: 'merged into the SLA' }));
    const history = [...defined, ...other, ...revised, ...retired];
    const versions = (pinned: Array<{ policyId: string; version: number }>) => policySet(history, pinned).map((p) => [p.policyId, p.version]);
    expect(versions([])).toEqual([['sla-standard', 2]]);
    expect(versions([{ policyId: 'sla-standard', version: 1 }, { policyId: 'ola-network', version: 1 }])).toEqual([
      ['sla-standard', 1],
      ['ola-network', 1],
    ]);
    expect(() => policySet(history, [{ policyId: 'sla-standard', version: 3 }])).toThrow(NotFoundError);
    expect(() => policySet(history, [{ policyId: 'ola-network', version: 2 }])).toThrow(expect.objectContaining(refused('policy-version-retired')));
  });

  it.each([
    ['policy-exists', { ...standardTerms }],
    ['no-targets', { ...standardTerms, targets: {} }],
    ['invalid-target', { ...standardTerms, targets: { resolution: 0 } }],
    ['invalid-target', { ...standardTerms, targets: { resolution: 90.5 } }],
    ['invalid-target', { ...standardTerms, targets: { resolution: MAX_TARGET_MINUTES + 1 } }],
    ['invalid-target', { ...standardTerms, targets: { resolution: Infinity } }],
    ['invalid-target', { ...standardTerms, targets: { resolution: NaN } }],
    ['unknown-metric', { ...standardTerms, targets: { 'coffee-break': 10 } }],
    ['invalid-warning-threshold', { ...standardTerms, warningThreshold: 1 }],
    ['invalid-warning-threshold', { ...standardTerms, warningThreshold: 75 }],
    ['invalid-warning-threshold', { ...standardTerms, warningThreshold: NaN }],
    ['empty-match', { ...standardTerms, match: { priorities: [] } }],
    ['unknown-priority', { ...standardTerms, match: { priorities: ['P9'] } }],
    ['unknown-demand-kind', { ...standardTerms, match: { demandKinds: ['gossip'] } }],
    ['unknown-escalation-action', { ...standardTerms, escalations: [{ offsetMinutes: 0, action: 'panic' }] }],
    ['invalid-escalation-offset', { ...standardTerms, escalations: [{ offsetMinutes: 1.5, action: 'raise-priority' }] }],
    ['invalid-escalation-offset', { ...standardTerms, escalations: [{ offsetMinutes: -MAX_ESCALATION_OFFSET_MINUTES - 1, action: 'raise-priority' }] }],
    ['invalid-escalation-levels', { ...standardTerms, escalations: [{ offsetMinutes: 0, action: 'raise-priority', levels: 0 }] }],
    ['invalid-escalation-levels', { ...standardTerms, escalations: [{ offsetMinutes: 0, action: 'raise-priority', levels: MAX_ESCALATION_LEVELS + 1 }] }],
    ['observer-required', { ...standardTerms, escalations: [{ offsetMinutes: 0, action: 'add-observer' }] }],
    [
      'duplicate-escalation-step',
      { ...standardTerms, escalations: [{ offsetMinutes: 0, action: 'raise-priority' }, { offsetMinutes: 0, action: 'raise-priority' }] },
    ],
    ['unknown-policy-kind', { ...standardTerms, kind: 'XLA' }],
    ['name-required', { ...standardTerms, name: '' }],
  ])('refuses with %s', (code, terms) => {
    const id = code === 'policy-exists' ? 'sla-standard' : 'sla-new';
    const given = when([], command('DefinePolicy', { policyId: 'sla-standard', ...standardTerms }));
    expect(refusal(given, command('DefinePolicy', { policyId: id, ...(terms as PolicyTerms) }))).toMatchObject(refused(code));
  });

  it(`takes a target of up to ${MAX_TARGET_MINUTES} minutes, escalation steps as far either side of the deadline, and raising by up to ${MAX_ESCALATION_LEVELS} levels`, () => {
    const terms = {
      ...standardTerms,
      targets: { resolution: MAX_TARGET_MINUTES },
      escalations: [
        { offsetMinutes: -MAX_ESCALATION_OFFSET_MINUTES, action: 'notify-department-head' as const },
        { offsetMinutes: MAX_ESCALATION_OFFSET_MINUTES, action: 'raise-priority' as const, levels: MAX_ESCALATION_LEVELS },
      ],
    };
    expect(when([], command('DefinePolicy', { policyId: 'sla-longest', ...terms }))).toHaveLength(1);
  });

  it('keeps the kind of a policy', () => {
    const given = when([], command('DefinePolicy', { policyId: 'sla-standard', ...standardTerms }));
    expect(refusal(given, command('RevisePolicy', { policyId: 'sla-standard', ...standardTerms, kind: 'OLA' }))).toMatchObject(
      refused('policy-kind-fixed'),
    );
  });
});

describe('matching', () => {
  const gold = policy({
    policyId: 'gold',
    match: { customerTiers: ['gold'], businessCategories: '*', priorities: ['P1', 'P2'], demandKinds: '*' },
  });

  it('matches listed values and wildcards', () => {
    expect(policyMatches(gold, { customerTier: 'gold', priority: 'P1', businessCategory: 'anything' })).toBe(true);
    expect(policyMatches(gold, { customerTier: 'gold', priority: 'P3' })).toBe(false);
    expect(policyMatches(gold, { customerTier: 'silver', priority: 'P1' })).toBe(false);
  });

  it('matches an unknown fact only with a wildcard', () => {
    expect(policyMatches(gold, { priority: 'P1' })).toBe(false);
    expect(policyMatches(policy({ policyId: 'any' }), {})).toBe(true);
  });

  it("reads a list with '*' as a wildcard", () => {
    const [event] = when([], command('DefinePolicy', { policyId: 'p', ...standardTerms, match: { customerTiers: ['*', 'gold'] } }));
    expect(event.data).toMatchObject({ match: { customerTiers: '*' } });
  });
});

describe('resolveTargets: the shortest target per metric wins', () => {
  const base = policy({
    policyId: 'sla-base',
    targets: { 'first-response': 240, resolution: 2400, 'next-update': 1440 },
    calendarId: 'cn-office',
    pauseOn: ['waiting-on-customer'],
    escalations: [
      { offsetMinutes: 60, action: 'raise-priority', levels: 1 },
      { offsetMinutes: -30, action: 'notify-department-head' },
      { offsetMinutes: 0, action: 'add-observer', observerId: 'qm-lead', metrics: ['resolution'] },
    ],
  });
  const goldP1 = policy({
    policyId: 'sla-gold-p1',
    version: 3,
    match: { customerTiers: ['gold'], businessCategories: '*', priorities: ['P1'], demandKinds: '*' },
    targets: { 'first-response': 30, resolution: 4800 },
    calendarId: 'cn-24x7',
    warningThreshold: 0.5,
  });
  const complaints = policy({
    policyId: 'sla-complaints',
    match: { customerTiers: '*', businessCategories: '*', priorities: '*', demandKinds: ['complaint'] },
    targets: { 'promised-handling': 1440, 'first-response': 60 },
  });
  const ola = policy({ policyId: 'ola-tech', kind: 'OLA', targets: { resolution: 600, 'time-to-own': 60 } });
  const retired = policy({ policyId: 'sla-old', targets: { 'first-response': 1 }, retired: true });
  const policies = [base, goldP1, complaints, ola, retired];

  it('takes per metric the shortest among matching policies, with that policy’s terms', () => {
    const targets = resolveTargets(policies, { customerTier: 'gold', priority: 'P1', demandKind: 'enquiry' }, { kinds: ['SLA'] });
    expect(targets['first-response']).toEqual({
      metric: 'first-response',
      targetMinutes: 30,
      calendarId: 'cn-24x7',
      policy: { policyId: 'sla-gold-p1', version: 3, kind: 'SLA' },
      warningThreshold: 0.5,
      escalations: [],
      pauseOn: [],
    });
    // gold-P1's resolution (4800) is longer than the base's (2400): the base wins that metric.
    expect(targets.resolution).toEqual({
      metric: 'resolution',
      targetMinutes: 2400,
      calendarId: 'cn-office',
      policy: { policyId: 'sla-base', version: 1, kind: 'SLA' },
      warningThreshold: 0.75,
      escalations: [
        { offsetMinutes: -30, action: 'notify-department-head' },
        { offsetMinutes: 0, action: 'add-observer', observerId: 'qm-lead', metrics: ['resolution'] },
        { offsetMinutes: 60, action: 'raise-priority', levels: 1 },
      ],
      pauseOn: ['waiting-on-customer'],
    });
    expect(targets['next-update']?.targetMinutes).toBe(1440);
    expect(targets['promised-handling']).toBeUndefined();
    expect(targets['time-to-own']).toBeUndefined();
  });

  it('gives each metric only the escalation steps meant for it', () => {
    const targets = resolveTargets(policies, {}, { kinds: ['SLA'] });
    expect(targets['first-response']?.escalations.map((s) => s.action)).toEqual(['notify-department-head', 'raise-priority']);
  });

  it('lets a complaint policy shorten first response and add promised handling', () => {
    const targets = resolveTargets(policies, { customerTier: 'silver', priority: 'P3', demandKind: 'complaint' }, { kinds: ['SLA'] });
    expect(targets['first-response']?.policy.policyId).toBe('sla-complaints');
    expect(targets['first-response']?.targetMinutes).toBe(60);
    expect(targets['promised-handling']?.targetMinutes).toBe(1440);
  });

  it('compares across kinds unless kinds are given, and ignores retired policies', () => {
    const all = resolveTargets(policies, { customerTier: 'silver' });
    expect(all.resolution?.policy).toEqual({ policyId: 'ola-tech', version: 1, kind: 'OLA' });
    expect(all['first-response']?.targetMinutes).toBe(240);
    expect(resolveTargets(policies, {}, { kinds: ['OLA'] })['time-to-own']?.targetMinutes).toBe(60);
  });

  it('breaks a tie by kind (SLA, OLA, UC), then by policy id', () => {
    const uc = policy({ policyId: 'a-uc', kind: 'UC', targets: { resolution: 600 } });
    const sla = policy({ policyId: 'z-sla', targets: { resolution: 600 } });
    const otherSla = policy({ policyId: 'b-sla', targets: { resolution: 600 } });
    expect(resolveTargets([uc, ola, sla, otherSla], {}).resolution?.policy.policyId).toBe('b-sla');
    expect(resolveTargets([uc, ola], {}).resolution?.policy.policyId).toBe('ola-tech');
  });

  it('resolves nothing when nothing matches', () => {
    expect(resolveTargets([goldP1], { customerTier: 'silver', priority: 'P1' })).toEqual({});
  });
});
