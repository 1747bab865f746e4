import { RuleViolation } from '@serviceledger/platform/core';

/**
 * 二(六)2 "根據問題的性質和復雜程度，採取相應的解決措施": which measures an after-sales problem is offered
 * and which it requires, by its class (nature × complexity). The rules are versioned: a problem keeps
 * the version it was classified under, so a later version never changes what an open problem owes.
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
  offered: readonly MeasureKind[];
  required: Record<ProblemComplexity, readonly MeasureKind[]>;
}

export interface AfterSalesMeasureRules {
  version: number;
  byNature: Record<ProblemNature, MeasureRule>;
}

/** Version 1. A new version is a new entry here, and `CURRENT_MEASURE_RULES` moves to it. */
export const AFTER_SALES_MEASURE_RULES: readonly AfterSalesMeasureRules[] = [
  {
    version: 1,
    byNature: {
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
        offered: MEASURE_KINDS,
        required: { simple: ['customer-verification'], complex: ['root-cause', 'customer-verification'] },
      },
    },
  },
];

export const CURRENT_MEASURE_RULES: AfterSalesMeasureRules = AFTER_SALES_MEASURE_RULES[AFTER_SALES_MEASURE_RULES.length - 1];

/** What a problem of this class is offered and owes, under the current rules. */
export function measuresFor(nature: ProblemNature, complexity: ProblemComplexity): { rulesVersion: number; offered: MeasureKind[]; required: MeasureKind[] } {
  const rule = CURRENT_MEASURE_RULES.byNature[ensureOneOf(PROBLEM_NATURES, nature, 'nature')];
  return {
    rulesVersion: CURRENT_MEASURE_RULES.version,
    offered: [...rule.offered],
    required: [...rule.required[ensureOneOf(PROBLEM_COMPLEXITIES, complexity, 'complexity')]],
  };
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
