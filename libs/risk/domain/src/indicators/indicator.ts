import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { RISK_CATEGORIES, RiskCategory } from '../risk-policy';
import { Signal, SignalValue } from './signal';
import { IndicatorWindow, ensureWindow } from './windows';

/**
 * Key risk indicators (K-3.2), defined as data and versioned: which contract events an indicator counts
 * (with an optional condition on their fields), grouped by what (a customer, a department, a partner, an
 * equipment asset, or the whole organisation), over what window, and the threshold at which it warns the
 * risk owner: the indicator's own owner when one is configured, else the owner of its category's risks,
 * kept in the same registry (`AssignCategoryOwner`).
 *
 * Every indicator lives in one registry (administrative edits, tens a year), so the consumer reads the
 * indicators in force with one stream. A revision that changes nothing is no new version.
 */
export type IndicatorCategory = RiskCategory;

export const GROUP_KINDS = ['customer', 'department', 'partner', 'equipment', 'organisation'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** What one indicator counts per: the kind of thing, and the signal field naming it (none for the organisation). */
export interface IndicatorGrouping {
  kind: GroupKind;
  field?: string;
}

/** A condition on one field of a signal: its value is one of these. */
export interface FieldCondition {
  field: string;
  oneOf: SignalValue[];
}

/** One kind of contract event the indicator counts, optionally only those whose fields meet every condition. */
export interface SignalMatch {
  type: string;
  where?: FieldCondition[];
}

export interface IndicatorDefinition {
  indicatorId: string;
  name: string;
  category: IndicatorCategory;
  counts: SignalMatch[];
  groupBy: IndicatorGrouping;
  window: IndicatorWindow;
  /** A warning is raised when this many signals of one group fall in one window. */
  threshold: number;
  /** The risk owner warned; absent: the owner of the category's risks in the register. */
  ownerId?: string;
}

export interface IndicatorVersion extends IndicatorDefinition {
  version: number;
  since: string;
  by: string;
}

export interface Indicator extends IndicatorVersion {
  retired: boolean;
  /** Every version, the first first; the last is the one in force. */
  versions: IndicatorVersion[];
}

export interface IndicatorRegistry {
  indicators: Record<string, Indicator>;
  /** The owner of each category's risks, who is warned when an indicator names no owner of its own. */
  owners: Partial<Record<IndicatorCategory, string>>;
}

export const INDICATOR_REGISTRY_ID = 'default';
export const MAX_THRESHOLD = 10_000;
const MAX_COUNTS = 10;
const MAX_CONDITIONS = 10;

export type DefineIndicator = Command<'DefineIndicator', IndicatorDefinition>;
export type ReviseIndicator = Command<'ReviseIndicator', IndicatorDefinition>;
export type RetireIndicator = Command<'RetireIndicator', { indicatorId: string; reason: string }>;
export type AssignCategoryOwner = Command<'AssignCategoryOwner', { category: string; ownerId: string }>;
export type IndicatorCommand = DefineIndicator | ReviseIndicator | RetireIndicator | AssignCategoryOwner;

export type IndicatorDefined = { type: 'IndicatorDefined'; data: IndicatorVersion };
export type IndicatorRevised = { type: 'IndicatorRevised'; data: IndicatorVersion };
export type IndicatorRetired = { type: 'IndicatorRetired'; data: { indicatorId: string; reason: string; retiredAt: string; retiredBy: string } };
export type CategoryOwnerAssigned = { type: 'CategoryOwnerAssigned'; data: { category: IndicatorCategory; ownerId: string; assignedAt: string; assignedBy: string } };
export type IndicatorEvent = IndicatorDefined | IndicatorRevised | IndicatorRetired | CategoryOwnerAssigned;

export const indicatorRegistry: Decider<IndicatorCommand, IndicatorEvent, IndicatorRegistry> = {
  initialState: () => ({ indicators: {}, owners: {} }),
  evolve(state, event) {
    switch (event.type) {
      case 'IndicatorDefined':
      case 'IndicatorRevised': {
        const versions = [...(state.indicators[event.data.indicatorId]?.versions ?? []), event.data];
        return { ...state, indicators: { ...state.indicators, [event.data.indicatorId]: { ...event.data, retired: false, versions } } };
      }
      case 'IndicatorRetired': {
        const indicator = state.indicators[event.data.indicatorId];
        return indicator ? { ...state, indicators: { ...state.indicators, [indicator.indicatorId]: { ...indicator, retired: true } } } : state;
      }
      case 'CategoryOwnerAssigned':
        return { ...state, owners: { ...state.owners, [event.data.category]: event.data.ownerId } };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'AssignCategoryOwner') {
      const { category, ownerId } = command.data;
      ensureCategory(category);
      if (state.owners[category] === ownerId) return [];
      return [{ type: 'CategoryOwnerAssigned', data: { category, ownerId, assignedAt: at, assignedBy: actor.userId } }];
    }
    const known = state.indicators[command.data.indicatorId];
    switch (command.type) {
      case 'DefineIndicator':
        if (known) throw new RuleViolation('indicator-exists', `Indicator ${known.indicatorId} is defined already`);
        ensureDefinition(command.data);
        return [{ type: 'IndicatorDefined', data: { ...definitionOf(command.data), version: 1, since: at, by: actor.userId } }];
      case 'ReviseIndicator': {
        if (!known) throw new NotFoundError('Indicator', command.data.indicatorId);
        ensureDefinition(command.data);
        const definition = definitionOf(command.data);
        if (!known.retired && JSON.stringify(definition) === JSON.stringify(definitionOf(known))) return [];
        return [{ type: 'IndicatorRevised', data: { ...definition, version: known.version + 1, since: at, by: actor.userId } }];
      }
      case 'RetireIndicator':
        if (!known) throw new NotFoundError('Indicator', command.data.indicatorId);
        if (known.retired) return [];
        return [{ type: 'IndicatorRetired', data: { indicatorId: known.indicatorId, reason: command.data.reason, retiredAt: at, retiredBy: actor.userId } }];
    }
  },
};

export const indicatorRegistries: Aggregate<IndicatorCommand, IndicatorEvent, IndicatorRegistry> = {
  name: 'Indicator registry',
  streamPrefix: 'risk.indicator-registry-',
  decider: indicatorRegistry,
  idOf: () => INDICATOR_REGISTRY_ID,
  creates: 'any',
};

export const indicatorRegistryStream = streamOf(indicatorRegistries, INDICATOR_REGISTRY_ID);

/** The indicators in force, each at its current version. */
export function activeIndicators(registry: IndicatorRegistry): Indicator[] {
  return Object.values(registry.indicators).filter((indicator) => !indicator.retired);
}

/** The definition alone, in a fixed key order (what a revision is compared on). */
export function definitionOf(source: IndicatorDefinition): IndicatorDefinition {
  const { indicatorId, name, category, counts, groupBy, window, threshold, ownerId } = source;
  return {
    indicatorId,
    name,
    category,
    counts: counts.map(({ type, where }) => ({ type, ...(where?.length ? { where: where.map(({ field, oneOf }) => ({ field, oneOf: [...oneOf] })) } : {}) })),
    groupBy: { kind: groupBy.kind, ...(groupBy.field ? { field: groupBy.field } : {}) },
    window: window.kind === 'rolling' ? { kind: 'rolling', days: window.days } : { kind: 'calendar', unit: window.unit },
    threshold,
    ...(ownerId ? { ownerId } : {}),
  };
}

function ensureCategory(category: string): asserts category is IndicatorCategory {
  if (!(RISK_CATEGORIES as readonly string[]).includes(category)) {
    throw new RuleViolation('indicator-category-unknown', `A risk category is one of ${RISK_CATEGORIES.join(', ')}`);
  }
}

export function ensureDefinition(definition: IndicatorDefinition): void {
  ensureCategory(definition.category);
  if (!Number.isInteger(definition.threshold) || definition.threshold < 1 || definition.threshold > MAX_THRESHOLD) {
    throw new RuleViolation('indicator-threshold-invalid', `A threshold is a whole number of signals, 1 to ${MAX_THRESHOLD}`);
  }
  if (definition.counts.length === 0 || definition.counts.length > MAX_COUNTS) {
    throw new RuleViolation('indicator-counts-nothing', `An indicator counts 1 to ${MAX_COUNTS} kinds of event`);
  }
  if (definition.counts.some((match) => (match.where?.length ?? 0) > MAX_CONDITIONS || match.where?.some((c) => c.oneOf.length === 0))) {
    throw new RuleViolation('indicator-condition-invalid', `A condition names at least one value; an event kind has at most ${MAX_CONDITIONS} conditions`);
  }
  if (!GROUP_KINDS.includes(definition.groupBy.kind)) {
    throw new RuleViolation('indicator-grouping-invalid', `An indicator groups by ${GROUP_KINDS.join(', ')}`);
  }
  if ((definition.groupBy.kind === 'organisation') === Boolean(definition.groupBy.field)) {
    throw new RuleViolation('indicator-grouping-invalid', 'A group names the field that identifies it, except the whole organisation, which names none');
  }
  ensureWindow(definition.window);
}

/** Who is warned when the indicator crosses its threshold: its own owner, else its category's, else nobody yet. */
export function ownerOf(registry: IndicatorRegistry, indicator: IndicatorDefinition): string | undefined {
  return indicator.ownerId ?? registry.owners[indicator.category];
}

/** Whether the indicator counts this signal. */
export function counts(indicator: IndicatorDefinition, signal: Signal): boolean {
  return indicator.counts.some(
    (match) => match.type === signal.type && (match.where ?? []).every((condition) => condition.oneOf.includes(signal.fields[condition.field] ?? null)),
  );
}

/** The group the signal counts in, or undefined when the signal does not name one (it is then not counted). */
export function groupOf(indicator: IndicatorDefinition, signal: Signal): string | undefined {
  if (indicator.groupBy.kind === 'organisation') return 'organisation';
  const value = signal.fields[indicator.groupBy.field ?? ''];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
