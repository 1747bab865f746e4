import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { canonicalJson } from './canonical-json';

/**
 * Service-level policies (sla-and-metrics.md, "Selecting a policy" and "Warning, breach, escalation"):
 * SLA (promised to customers), OLA (between departments, P-2.2) and UC (agreed with partners, C-3.1).
 *
 * A policy matches on customer tier × business category × priority × demand kind; a dimension left out,
 * given as '*', or listing '*' matches anything, and a fact that is not known yet (no business category
 * before triage) matches only a wildcard. Where several policies match, each metric takes the SHORTEST
 * target (`resolveTargets`); equal targets go to SLA before OLA before UC, then to the lower policy id.
 * Targets are business minutes on the policy's calendar (none: 24×7).
 *
 * Policies are configuration events in one stream; each accepted change is a new version, carried on
 * its event, and a clock records the (policy id, version) it ran under.
 *
 * A UC policy may name a partner (`partnerId`, from a cooperation agreement's service standards signed in
 * the resource service, C-3.1): it then matches only a wait on that partner (`PolicyFacts.partnerId`),
 * never a demand's own clocks, and its `third-party-wait` target measures how long the partner holds the
 * next step.
 */
export const POLICY_KINDS = ['SLA', 'OLA', 'UC'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/**
 * The measured metrics, in the spec's order; then recording delay (二(一)2 及時記錄), from when a demand
 * reached us to when it was registered.
 */
export const METRICS = [
  'time-to-own',
  'first-response',
  'next-update',
  'resolution',
  'promised-handling',
  'rectification-deadline',
  'recording-delay',
  'third-party-wait',
] as const;
export type Metric = (typeof METRICS)[number];

/** Only these clocks pause, and only on the waiting states their policy names. */
export const PAUSABLE_METRICS: readonly Metric[] = ['resolution', 'promised-handling'];

/** Mirrors intake's vocabulary: a domain imports no other scope. P1 is the most urgent. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const DEMAND_KINDS = ['enquiry', 'feedback', 'complaint', 'after-sales'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

/** The waiting states the service derives from status-change events; a policy may name others. */
export const WAITING_ON_CUSTOMER = 'waiting-on-customer';
export const WAITING_ON_THIRD_PARTY = 'waiting-on-third-party';

export const DEFAULT_WARNING_THRESHOLD = 0.75;

/** The longest target: a year of minutes, which on an office calendar is years of working time. */
export const MAX_TARGET_MINUTES = 365 * 24 * 60;
/** An escalation step lies at most the longest target before or after the deadline. */
export const MAX_ESCALATION_OFFSET_MINUTES = MAX_TARGET_MINUTES;
/** Raising a priority moves it at most from the lowest to the highest. */
export const MAX_ESCALATION_LEVELS = PRIORITIES.length - 1;

export const ESCALATION_ACTIONS = ['notify-department-head', 'add-observer', 'raise-priority'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

export interface EscalationStep {
  /**
   * Business minutes relative to the deadline: −30 half an hour before it, 0 at it, 60 an hour after.
   * A step is due when the clock's used minutes exceed target + offset (never before the clock starts).
   */
  offsetMinutes: number;
  action: EscalationAction;
  /** For add-observer: the user to add. */
  observerId?: string;
  /** For raise-priority: steps towards P1 (default 1). */
  levels?: number;
  /** The metrics it applies to; all when left out. */
  metrics?: Metric[];
}

export type Wildcard = '*';
export const ANY: Wildcard = '*';

export interface PolicyMatch {
  customerTiers?: Wildcard | string[];
  businessCategories?: Wildcard | string[];
  priorities?: Wildcard | Priority[];
  demandKinds?: Wildcard | DemandKind[];
}

/** What a policy says; DefinePolicy and RevisePolicy carry all of it. */
export interface PolicyTerms {
  kind: PolicyKind;
  name: string;
  match: PolicyMatch;
  /** Business minutes per metric; a metric left out is not measured by this policy. */
  targets: Partial<Record<Metric, number>>;
  /** The business calendar the targets count on; none: 24×7. */
  calendarId?: string;
  /** Share of the target at which a warning is raised (0 < t < 1); default 0.75. */
  warningThreshold?: number;
  escalations?: EscalationStep[];
  /** The waiting states that pause this policy's pausable clocks. */
  pauseOn?: string[];
  /** A UC policy's partner (the resource service's id): it matches only a wait on that partner. */
  partnerId?: string;
}

export interface Policy {
  policyId: string;
  version: number;
  kind: PolicyKind;
  name: string;
  match: Required<PolicyMatch>;
  targets: Partial<Record<Metric, number>>;
  calendarId?: string;
  warningThreshold: number;
  escalations: EscalationStep[];
  pauseOn: string[];
  partnerId?: string;
  retired: boolean;
}

export interface PolicyRef {
  policyId: string;
  version: number;
  kind: PolicyKind;
}

/** What a clock runs to: the service turns a resolved target into one, or sets one itself (an agreed deadline). */
export interface ClockTarget {
  targetMinutes: number;
  warningThreshold: number;
  escalations: EscalationStep[];
  pauseOn: string[];
  calendarId?: string;
  policy?: PolicyRef;
}

export interface ResolvedTarget extends ClockTarget {
  metric: Metric;
  policy: PolicyRef;
}

/** What is known of a case when its targets are resolved; unknown facts match only wildcards. */
export interface PolicyFacts {
  customerTier?: string;
  businessCategory?: string;
  priority?: Priority;
  demandKind?: DemandKind;
  /** The partner a demand waits on, when a wait on a partner is measured. */
  partnerId?: string;
}

export interface PolicyRegistry {
  policies: ReadonlyMap<string, Policy>;
}

// Matching

export function policyMatches(policy: Pick<Policy, 'match' | 'partnerId'>, facts: PolicyFacts): boolean {
  const { customerTiers, businessCategories, priorities, demandKinds } = policy.match;
  if (policy.partnerId !== undefined && policy.partnerId !== facts.partnerId) return false;
  return (
    dimensionMatches(customerTiers, facts.customerTier) &&
    dimensionMatches(businessCategories, facts.businessCategory) &&
    dimensionMatches(priorities, facts.priority) &&
    dimensionMatches(demandKinds, facts.demandKind)
  );
}

/**
 * Per metric, the shortest target among the active policies that match the facts (of the given kinds,
 * all kinds by default), with the winning policy's calendar, warning threshold, escalation steps for
 * that metric (sorted by offset) and pause states. A metric no matching policy measures is absent.
 */
export function resolveTargets(
  policies: Iterable<Policy>,
  facts: PolicyFacts,
  options: { kinds?: PolicyKind[] } = {},
): Partial<Record<Metric, ResolvedTarget>> {
  const candidates = [...policies].filter(
    (p) => !p.retired && (!options.kinds || options.kinds.includes(p.kind)) && policyMatches(p, facts),
  );
  const resolved: Partial<Record<Metric, ResolvedTarget>> = {};
  for (const metric of METRICS) {
    let best: Policy | undefined;
    for (const policy of candidates) {
      const minutes = policy.targets[metric];
      if (minutes === undefined) continue;
      if (!best || beats(policy, best, metric)) best = policy;
    }
    if (!best) continue;
    resolved[metric] = {
      metric,
      targetMinutes: best.targets[metric] as number,
      ...(best.calendarId ? { calendarId: best.calendarId } : {}),
      policy: { policyId: best.policyId, version: best.version, kind: best.kind },
      warningThreshold: best.warningThreshold,
      escalations: best.escalations
        .filter((s) => !s.metrics || s.metrics.includes(metric))
        .sort((a, b) => a.offsetMinutes - b.offsetMinutes),
      pauseOn: best.pauseOn,
    };
  }
  return resolved;
}

export function activePolicies(registry: PolicyRegistry): Policy[] {
  return [...registry.policies.values()].filter((p) => !p.retired);
}

function beats(candidate: Policy, best: Policy, metric: Metric): boolean {
  const [a, b] = [candidate.targets[metric] as number, best.targets[metric] as number];
  if (a !== b) return a < b;
  const [ka, kb] = [POLICY_KINDS.indexOf(candidate.kind), POLICY_KINDS.indexOf(best.kind)];
  if (ka !== kb) return ka < kb;
  return candidate.policyId < best.policyId;
}

function dimensionMatches(allowed: Wildcard | readonly string[], fact: string | undefined): boolean {
  return allowed === ANY || (fact !== undefined && allowed.includes(fact));
}

// Commands and events

export type DefinePolicy = Command<'DefinePolicy', { policyId: string } & PolicyTerms>;
/** Replaces the policy's terms as a new version; the kind stays. */
export type RevisePolicy = Command<'RevisePolicy', { policyId: string } & PolicyTerms>;
export type RetirePolicy = Command<'RetirePolicy', { policyId: string; reason: string }>;
export type PolicyRegistryCommand = DefinePolicy | RevisePolicy | RetirePolicy;

export type PolicySnapshot = Omit<Policy, 'retired'>;
export type PolicyDefined = { type: 'PolicyDefined'; data: PolicySnapshot };
export type PolicyRevised = { type: 'PolicyRevised'; data: PolicySnapshot };
export type PolicyRetired = { type: 'PolicyRetired'; data: { policyId: string; version: number; reason: string } };
export type PolicyRegistryEvent = PolicyDefined | PolicyRevised | PolicyRetired;

export const policyRegistry: Decider<PolicyRegistryCommand, PolicyRegistryEvent, PolicyRegistry> = {
  initialState: () => ({ policies: new Map() }),
  evolve(state, event) {
    const policies = new Map(state.policies);
    switch (event.type) {
      case 'PolicyDefined':
      case 'PolicyRevised':
        policies.set(event.data.policyId, { ...event.data, retired: false });
        break;
      case 'PolicyRetired': {
        const policy = policies.get(event.data.policyId);
        if (policy) policies.set(policy.policyId, { ...policy, version: event.data.version, retired: true });
        break;
      }
    }
    return { policies };
  },
  decide(command, state) {
    const { policyId } = command.data;
    const existing = state.policies.get(policyId);
    switch (command.type) {
      case 'DefinePolicy': {
        if (!policyId.trim()) throw new RuleViolation('policy-id-required', 'A policy needs an id');
        if (existing) throw new RuleViolation('policy-exists', `Policy ${policyId} is already defined; revise it instead`);
        return [{ type: 'PolicyDefined', data: snapshot(policyId, 1, command.data) }];
      }
      case 'RevisePolicy': {
        const policy = ensureActive(existing, policyId);
        if (command.data.kind !== policy.kind) {
          throw new RuleViolation(
            'policy-kind-fixed',
            `Policy ${policyId} is an ${policy.kind} policy; define a new policy for ${command.data.kind}`,
          );
        }
        if ((command.data.partnerId ?? undefined) !== policy.partnerId) {
          throw new RuleViolation('policy-partner-fixed', `Policy ${policyId} measures ${policy.partnerId ? `partner ${policy.partnerId}` : 'no partner'}; define a new policy for another`);
        }
        const revised = snapshot(policyId, policy.version + 1, command.data);
        if (sameTerms(revised, policy)) return [];
        return [{ type: 'PolicyRevised', data: revised }];
      }
      case 'RetirePolicy': {
        const policy = ensureActive(existing, policyId);
        const reason = command.data.reason?.trim();
        if (!reason) throw new RuleViolation('reason-required', `Retiring policy ${policyId} needs a reason`);
        return [{ type: 'PolicyRetired', data: { policyId, version: policy.version + 1, reason } }];
      }
    }
  },
};

/** One policy registry for the whole installation; its id completes the stream it has always had, `quality-monitoring.policy-registry`. */
export const POLICY_REGISTRY_ID = 'registry';

export const policyRegistries: Aggregate<PolicyRegistryCommand, PolicyRegistryEvent, PolicyRegistry> = {
  name: 'Policy registry',
  streamPrefix: 'quality-monitoring.policy-',
  decider: policyRegistry,
  idOf: () => POLICY_REGISTRY_ID,
  creates: 'any',
};

export const POLICY_REGISTRY_STREAM = streamOf(policyRegistries, POLICY_REGISTRY_ID);

/** The policy as it stood at `version`, rebuilt from the registry's events (for recomputation). */
export function policyAtVersion(events: PolicyRegistryEvent[], policyId: string, version: number): Policy | undefined {
  const history = events.filter((e) => e.data.policyId === policyId && e.data.version <= version);
  const policy = history.reduce(policyRegistry.evolve, policyRegistry.initialState()).policies.get(policyId);
  return policy?.version === version ? policy : undefined;
}

/**
 * The policies a recomputation runs under: the registry's active policies as they stand now, with each
 * pinned one at its pinned version instead (an older version, or one since retired).
 */
export function policySet(events: PolicyRegistryEvent[], pinned: ReadonlyArray<{ policyId: string; version: number }>): Policy[] {
  const policies = new Map(activePolicies(events.reduce(policyRegistry.evolve, policyRegistry.initialState())).map((p) => [p.policyId, p]));
  for (const { policyId, version } of pinned) {
    const policy = policyAtVersion(events, policyId, version);
    if (!policy) throw new NotFoundError('Policy version', `${policyId}@${version}`);
    if (policy.retired) throw new RuleViolation('policy-version-retired', `Version ${version} of policy ${policyId} is its retirement; pin an earlier one`);
    policies.set(policyId, policy);
  }
  return [...policies.values()];
}

function ensureActive(policy: Policy | undefined, policyId: string): Policy {
  if (!policy) throw new NotFoundError('Policy', policyId);
  if (policy.retired) throw new RuleViolation('policy-retired', `Policy ${policyId} is retired`);
  return policy;
}

function snapshot(policyId: string, version: number, terms: PolicyTerms): PolicySnapshot {
  if (!(POLICY_KINDS as readonly string[]).includes(terms.kind)) {
    throw new RuleViolation('unknown-policy-kind', `"${terms.kind}" is not a policy kind (SLA, OLA, UC)`);
  }
  const name = terms.name?.trim();
  if (!name) throw new RuleViolation('name-required', `Policy ${policyId} needs a name`);
  const warningThreshold = terms.warningThreshold ?? DEFAULT_WARNING_THRESHOLD;
  if (!(warningThreshold > 0 && warningThreshold < 1)) {
    throw new RuleViolation(
      'invalid-warning-threshold',
      `The warning threshold is a share of the target between 0 and 1 (default 0.75), not ${warningThreshold}`,
    );
  }
  const pauseOn = [...new Set((terms.pauseOn ?? []).map((s) => s.trim()))];
  if (pauseOn.some((s) => !s)) {
    throw new RuleViolation('invalid-waiting-state', 'A waiting state that pauses clocks needs a name');
  }
  return {
    policyId,
    version,
    kind: terms.kind,
    name,
    match: normalisedMatch(terms.match ?? {}),
    targets: targets(terms.targets ?? {}),
    ...(terms.calendarId?.trim() ? { calendarId: terms.calendarId.trim() } : {}),
    warningThreshold,
    escalations: escalations(terms.escalations ?? []),
    pauseOn,
    ...(terms.partnerId?.trim() ? { partnerId: terms.partnerId.trim() } : {}),
  };
}

function targets(given: Partial<Record<Metric, number>>): Partial<Record<Metric, number>> {
  const entries = Object.entries(given).filter(([, minutes]) => minutes !== undefined);
  if (entries.length === 0) throw new RuleViolation('no-targets', 'A policy sets a target for at least one metric');
  const result: Partial<Record<Metric, number>> = {};
  for (const [metric, minutes] of entries) {
    ensureMetric(metric);
    if (!(Number.isInteger(minutes) && (minutes as number) > 0 && (minutes as number) <= MAX_TARGET_MINUTES)) {
      throw new RuleViolation(
        'invalid-target',
        `The ${metric} target must be a whole number of minutes from 1 to ${MAX_TARGET_MINUTES}, not ${minutes}`,
      );
    }
    result[metric as Metric] = minutes;
  }
  return result;
}

function escalations(steps: EscalationStep[]): EscalationStep[] {
  const result = steps.map((step): EscalationStep => {
    if (!(ESCALATION_ACTIONS as readonly string[]).includes(step.action)) {
      throw new RuleViolation(
        'unknown-escalation-action',
        `"${step.action}" is not an escalation action (${ESCALATION_ACTIONS.join(', ')})`,
      );
    }
    if (!(Number.isInteger(step.offsetMinutes) && Math.abs(step.offsetMinutes) <= MAX_ESCALATION_OFFSET_MINUTES)) {
      throw new RuleViolation(
        'invalid-escalation-offset',
        `An escalation offset is a whole number of minutes within ±${MAX_ESCALATION_OFFSET_MINUTES}, not ${step.offsetMinutes}`,
      );
    }
    if (step.action === 'add-observer' && !step.observerId?.trim()) {
      throw new RuleViolation('observer-required', 'An add-observer escalation names the observer');
    }
    const levels = step.levels ?? 1;
    if (step.action === 'raise-priority' && !(Number.isInteger(levels) && levels > 0 && levels <= MAX_ESCALATION_LEVELS)) {
      throw new RuleViolation(
        'invalid-escalation-levels',
        `Raising a priority takes a whole number of steps from 1 to ${MAX_ESCALATION_LEVELS}, not ${levels}`,
      );
    }
    step.metrics?.forEach(ensureMetric);
    return {
      offsetMinutes: step.offsetMinutes,
      action: step.action,
      ...(step.action === 'add-observer' ? { observerId: step.observerId?.trim() } : {}),
      ...(step.action === 'raise-priority' ? { levels } : {}),
      ...(step.metrics ? { metrics: [...new Set(step.metrics)] } : {}),
    };
  });
  const repeated = result.find((s, i) =>
    result.some((o, j) => j < i && o.offsetMinutes === s.offsetMinutes && o.action === s.action),
  );
  if (repeated) {
    throw new RuleViolation(
      'duplicate-escalation-step',
      `Two escalation steps ${repeated.action} at ${repeated.offsetMinutes} minutes; merge them`,
    );
  }
  return result.sort((a, b) => a.offsetMinutes - b.offsetMinutes);
}

function normalisedMatch(match: PolicyMatch): Required<PolicyMatch> {
  const dimension = <T extends string>(
    label: string,
    value: Wildcard | T[] | undefined,
    known?: { values: readonly T[]; code: string },
  ) => {
    if (value === undefined || value === ANY) return ANY;
    if (!Array.isArray(value)) throw new RuleViolation('invalid-match', `${label} is '*' or a list`);
    if (value.includes(ANY as T)) return ANY;
    if (value.length === 0) {
      throw new RuleViolation('empty-match', `${label} lists nothing, so the policy would never match; use '*' for any`);
    }
    const unknown = known && value.find((v) => !known.values.includes(v));
    if (known && unknown) {
      throw new RuleViolation(known.code, `"${unknown}" is not one of the ${label} ${known.values.join(', ')}`);
    }
    return [...new Set(value)];
  };
  return {
    customerTiers: dimension('customer tiers', match.customerTiers),
    businessCategories: dimension('business categories', match.businessCategories),
    priorities: dimension('priorities', match.priorities, { values: PRIORITIES, code: 'unknown-priority' }),
    demandKinds: dimension('demand kinds', match.demandKinds, { values: DEMAND_KINDS, code: 'unknown-demand-kind' }),
  };
}

function ensureMetric(metric: string): void {
  if (!(METRICS as readonly string[]).includes(metric)) {
    throw new RuleViolation('unknown-metric', `"${metric}" is not a metric (${METRICS.join(', ')})`);
  }
}

function sameTerms(a: PolicySnapshot, b: Policy): boolean {
  const { version: _va, ...left } = a;
  const { version: _vb, retired: _r, ...right } = b;
  return canonicalJson(left) === canonicalJson(right);
}
