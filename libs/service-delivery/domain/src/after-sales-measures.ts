import { Aggregate, Command, Decider, RuleViolation } from '@serviceledger/platform/core';

/**
 * 二(六)2 "根據問題的性質和復雜程度，採取相應的解決措施": which measures an after-sales problem is offered
 * and which it requires, by its class (nature × complexity). The rule book is versioned (one stream,
 * revised by those who manage the quality standards; version 1 seeded with `DEFAULT_MEASURE_RULES`): a
 * problem keeps the version it was classified under, so a later version never changes what it owes.
 */
export const PROBLEM_NATURES = ['defect', 'usage', 'configuration', 'performance', 'data', 'other'] as const;
export type ProblemNature = (typeof PROBLEM_NATURES)[number];

export const PROBLEM_COMPLEXITIES = ['simple', 'complex'] as const;
export type ProblemComplexity = (typeof PROBLEM_COMPLEXITIES)[number];

export const MEASURE_KINDS = [
  'root-cause',
  'workaround',
  'fix',
  'configuration-change',
  'performance-measurement',
  'data-correction',
  'guidance',
  'training',
  'customer-verification',
  'preventive-action',
  'other',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** How a refusal names a measure. */
export const MEASURE_NAMES: Record<MeasureKind, string> = {
  'root-cause': 'a root cause',
  workaround: 'a workaround',
  fix: 'a fix',
  'configuration-change': 'a configuration change',
  'performance-measurement': 'a performance measurement',
  'data-correction': 'a data correction',
  guidance: 'a guidance record',
  training: 'a training session',
  'customer-verification': 'the fix verified with the customer',
  'preventive-action': 'a preventive action',
  other: 'another measure',
};

export interface MeasureRule {
  offered: MeasureKind[];
  required: Record<ProblemComplexity, MeasureKind[]>;
}

export type MeasureRulesByNature = Record<ProblemNature, MeasureRule>;

/** One version of the rule book, as a problem classified under it is bound to it. */
export interface MeasureRulesVersion {
  version: number;
  byNature: MeasureRulesByNature;
  revisedAt: string;
  revisedBy: string;
}

export interface AfterSalesMeasureRules {
  rulesId: string;
  versions: MeasureRulesVersion[];
}
export type AfterSalesMeasureRulesState = AfterSalesMeasureRules | null;

/** The installation's one rule book. */
export const MEASURE_RULES_ID = 'after-sales-measures';

/** The rules seeded as version 1: what each class is offered, and requires when simple and when complex. */
export const DEFAULT_MEASURE_RULES: MeasureRulesByNature = {
  defect: {
    offered: ['root-cause', 'workaround', 'fix', 'customer-verification', 'preventive-action', 'other'],
    required: {
      simple: ['root-cause', 'fix', 'customer-verification'],
      complex: ['root-cause', 'fix', 'customer-verification', 'preventive-action'],
    },
  },
  usage: {
    offered: ['guidance', 'training', 'workaround', 'customer-verification', 'other'],
    required: { simple: ['guidance'], complex: ['guidance', 'training'] },
  },
  configuration: {
    offered: ['root-cause', 'configuration-change', 'customer-verification', 'preventive-action', 'other'],
    required: {
      simple: ['configuration-change', 'customer-verification'],
      complex: ['root-cause', 'configuration-change', 'customer-verification'],
    },
  },
  performance: {
    offered: ['performance-measurement', 'root-cause', 'fix', 'configuration-change', 'customer-verification', 'preventive-action', 'other'],
    required: {
      simple: ['performance-measurement', 'customer-verification'],
      complex: ['performance-measurement', 'root-cause', 'customer-verification', 'preventive-action'],
    },
  },
  data: {
    offered: ['root-cause', 'data-correction', 'customer-verification', 'preventive-action', 'other'],
    required: {
      simple: ['data-correction', 'customer-verification'],
      complex: ['root-cause', 'data-correction', 'customer-verification', 'preventive-action'],
    },
  },
  other: {
    offered: [...MEASURE_KINDS],
    required: { simple: ['customer-verification'], complex: ['root-cause', 'customer-verification'] },
  },
};

export type ReviseAfterSalesMeasureRules = Command<'ReviseAfterSalesMeasureRules', { rulesId: string; byNature: MeasureRulesByNature }>;
export type AfterSalesMeasureRulesRevised = { type: 'AfterSalesMeasureRulesRevised'; data: MeasureRulesVersion & { rulesId: string } };

/** Each accepted change is the next version; the same rules again are none. The first revision is version 1. */
export const afterSalesMeasureRulesDecider: Decider<ReviseAfterSalesMeasureRules, AfterSalesMeasureRulesRevised, AfterSalesMeasureRulesState> = {
  initialState: () => null,
  evolve(state, { data: { rulesId, ...version } }) {
    return { rulesId, versions: [...(state?.versions ?? []), version] };
  },
  decide(command, state) {
    const byNature = validRules(command.data.byNature);
    const current = state && latestMeasureRules(state);
    if (current && canonical(current.byNature) === canonical(byNature)) return [];
    const { metadata } = command;
    return [
      {
        type: 'AfterSalesMeasureRulesRevised',
        data: { rulesId: command.data.rulesId, version: (current?.version ?? 0) + 1, byNature, revisedAt: metadata.at, revisedBy: metadata.actor.userId },
      },
    ];
  },
};

/** The measure rules: a quality standard of the whole installation, no department's. */
export const afterSalesMeasureRules: Aggregate<ReviseAfterSalesMeasureRules, AfterSalesMeasureRulesRevised, AfterSalesMeasureRulesState> = {
  name: 'After-sales measure rules',
  streamPrefix: 'service-delivery.measure-rules-',
  decider: afterSalesMeasureRulesDecider,
  idOf: (command) => command.data.rulesId,
  creates: ['ReviseAfterSalesMeasureRules'],
};

export function latestMeasureRules(rules: AfterSalesMeasureRules): MeasureRulesVersion {
  return rules.versions[rules.versions.length - 1];
}

/** What a problem of this class is offered and owes under a version of the rules. */
export function measuresFor(
  rules: Pick<MeasureRulesVersion, 'version' | 'byNature'>,
  nature: ProblemNature,
  complexity: ProblemComplexity,
): { rulesVersion: number; offered: MeasureKind[]; required: MeasureKind[] } {
  const rule = rules.byNature[ensureOneOf(PROBLEM_NATURES, nature, 'nature')];
  return { rulesVersion: rules.version, offered: [...rule.offered], required: [...rule.required[ensureOneOf(PROBLEM_COMPLEXITIES, complexity, 'complexity')]] };
}

/**
 * Every nature has a rule; each class requires at least one measure (a problem is solved by measures, not
 * closed without any), and only measures it is offered.
 */
function validRules(byNature: MeasureRulesByNature): MeasureRulesByNature {
  const natures = Object.keys(byNature ?? {});
  const missing = PROBLEM_NATURES.filter((nature) => !natures.includes(nature));
  const unknown = natures.filter((nature) => !(PROBLEM_NATURES as readonly string[]).includes(nature));
  if (missing.length > 0 || unknown.length > 0) {
    throw new RuleViolation('invalid-measure-rules', `The measure rules give one rule for each nature (${PROBLEM_NATURES.join(', ')}) (P-6.2)`);
  }
  return Object.fromEntries(
    PROBLEM_NATURES.map((nature) => {
      const { offered, required } = byNature[nature];
      const offeredKinds = unique(offered.map(ensureMeasureKind));
      const requiredKinds = Object.fromEntries(
        PROBLEM_COMPLEXITIES.map((complexity) => {
          const kinds = unique((required?.[complexity] ?? []).map(ensureMeasureKind));
          if (kinds.length === 0) {
            throw new RuleViolation('required-measure-missing', `A ${complexity} ${nature} problem requires at least one measure (P-6.2)`);
          }
          const notOffered = kinds.filter((kind) => !offeredKinds.includes(kind));
          if (notOffered.length > 0) {
            throw new RuleViolation('required-measure-not-offered', `A ${complexity} ${nature} problem cannot require what it is not offered: ${notOffered.join(', ')} (P-6.2)`);
          }
          return [complexity, kinds];
        }),
      ) as Record<ProblemComplexity, MeasureKind[]>;
      return [nature, { offered: offeredKinds, required: requiredKinds }];
    }),
  ) as MeasureRulesByNature;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function canonical(byNature: MeasureRulesByNature): string {
  return JSON.stringify(
    PROBLEM_NATURES.map((nature) => {
      const { offered, required } = byNature[nature];
      return [[...offered].sort(), PROBLEM_COMPLEXITIES.map((complexity) => [...required[complexity]].sort())];
    }),
  );
}

export function ensureMeasureKind(kind: string): MeasureKind {
  return ensureOneOf(MEASURE_KINDS, kind, 'measure');
}

function ensureOneOf<T extends string>(values: readonly T[], value: string, what: string): T {
  if (!(values as readonly string[]).includes(value)) {
    throw new RuleViolation(`unknown-problem-${what}`, `"${value}" is not a problem ${what} (${values.join(', ')}) (P-6.2)`);
  }
  return value as T;
}
