import { Actor, Aggregate, Command, Decider, RuleViolation } from '@serviceledger/platform/core';

/**
 * The risk policy of the installation (K-1.1, K-1.2, K-2.1, K-3.1): the likelihood × impact matrix that gives
 * an assessment its level, the rules that say which response fits which level, and the cadences of
 * identification rounds (per category) and of reviews (per band). Matrices and rules are versioned: a new
 * version never changes what an assessment or a response made under an earlier one recorded.
 */

export const RISK_CATEGORIES = ['market', 'technical', 'personnel', 'customer', 'legal'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** The regulation's three bands (七(二)): every level of every matrix belongs to one. */
export const RISK_BANDS = ['low', 'medium', 'high'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export const RESPONSE_STRATEGIES = ['avoid', 'reduce', 'transfer', 'accept'] as const;
export type ResponseStrategy = (typeof RESPONSE_STRATEGIES)[number];

export const CADENCES = ['monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const CADENCE_MONTHS: Readonly<Record<Cadence, number>> = { monthly: 1, quarterly: 3, 'half-yearly': 6, yearly: 12 };

/** The service's own actor: scheduled commands and seeds act as it. */
export const RISK_ACTOR: Actor = { userId: 'risk-service', roles: [], departments: [] };

export interface MatrixLevel {
  label: string;
  band: RiskBand;
}

export interface MatrixDefinition {
  likelihoodSteps: number;
  impactSteps: number;
  /** From the lowest to the highest. */
  levels: MatrixLevel[];
  /** `cells[likelihood - 1][impact - 1]` is the label of the level of that cell. */
  cells: string[][];
}

export interface RiskMatrix extends MatrixDefinition {
  version: number;
  publishedAt: string;
  publishedBy: string;
}

export interface ResponseRule {
  strategy: ResponseStrategy;
  /** As a refusal names it: `accept-only-low-risks`. */
  name: string;
  /** The bands the strategy fits. */
  bands: RiskBand[];
  /** Only for a risk its assessment found it cannot control (avoidance, 七(二)1). */
  requiresUncontrollable: boolean;
}

export interface ResponseRuleBook {
  version: number;
  rules: ResponseRule[];
  publishedAt: string;
  publishedBy: string;
}

export interface Cadences {
  identification: Record<RiskCategory, Cadence>;
  review: Record<RiskBand, Cadence>;
}

export interface RiskPolicy {
  matrices: RiskMatrix[];
  ruleBooks: ResponseRuleBook[];
  cadences: Cadences | null;
}

export const RISK_POLICY_ID = 'default';

/** The shipped matrix: 5 × 5, the product of likelihood and impact, 1–4 low, 5–11 medium, 12–25 high. */
export const DEFAULT_MATRIX: MatrixDefinition = {
  likelihoodSteps: 5,
  impactSteps: 5,
  levels: [
    { label: 'low', band: 'low' },
    { label: 'medium', band: 'medium' },
    { label: 'high', band: 'high' },
  ],
  cells: [1, 2, 3, 4, 5].map((l) => [1, 2, 3, 4, 5].map((i) => (l * i <= 4 ? 'low' : l * i <= 11 ? 'medium' : 'high'))),
};

/** The shipped rules (七(二)1–4): accept only low risks, avoid only high uncontrollable ones, reduce and transfer at any level. */
export const DEFAULT_RESPONSE_RULES: ResponseRule[] = [
  { strategy: 'avoid', name: 'avoid-only-high-uncontrollable-risks', bands: ['high'], requiresUncontrollable: true },
  { strategy: 'reduce', name: 'reduce-at-any-level', bands: ['low', 'medium', 'high'], requiresUncontrollable: false },
  { strategy: 'transfer', name: 'transfer-at-any-level', bands: ['low', 'medium', 'high'], requiresUncontrollable: false },
  { strategy: 'accept', name: 'accept-only-low-risks', bands: ['low'], requiresUncontrollable: false },
];

export const DEFAULT_CADENCES: Cadences = {
  identification: { market: 'quarterly', technical: 'quarterly', personnel: 'quarterly', customer: 'quarterly', legal: 'quarterly' },
  review: { high: 'monthly', medium: 'quarterly', low: 'yearly' },
};

export type PublishRiskMatrix = Command<'PublishRiskMatrix', MatrixDefinition>;
export type PublishResponseRules = Command<'PublishResponseRules', { rules: ResponseRule[] }>;
/** `firstRoundsOn`: the date (YYYY-MM-DD) whose period the first identification rounds open for; given once, by the seed. */
export type SetRiskCadences = Command<'SetRiskCadences', { identification?: Partial<Cadences['identification']>; review?: Partial<Cadences['review']>; firstRoundsOn?: string }>;
export type RiskPolicyCommand = PublishRiskMatrix | PublishResponseRules | SetRiskCadences;

export type RiskMatrixPublished = { type: 'RiskMatrixPublished'; data: RiskMatrix };
export type ResponseRulesPublished = { type: 'ResponseRulesPublished'; data: ResponseRuleBook };
export type RiskCadencesSet = { type: 'RiskCadencesSet'; data: Cadences & { setAt: string; setBy: string; firstRoundsOn?: string } };
export type RiskPolicyEvent = RiskMatrixPublished | ResponseRulesPublished | RiskCadencesSet;

const MAX_STEPS = 10;

export const riskPolicy: Decider<RiskPolicyCommand, RiskPolicyEvent, RiskPolicy> = {
  initialState: () => ({ matrices: [], ruleBooks: [], cadences: null }),
  evolve(state, event) {
    switch (event.type) {
      case 'RiskMatrixPublished':
        return { ...state, matrices: [...state.matrices, event.data] };
      case 'ResponseRulesPublished':
        return { ...state, ruleBooks: [...state.ruleBooks, event.data] };
      case 'RiskCadencesSet': {
        const { identification, review } = event.data;
        return { ...state, cadences: { identification, review } };
      }
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    switch (command.type) {
      case 'PublishRiskMatrix': {
        const matrix = validMatrix(command.data);
        return [{ type: 'RiskMatrixPublished', data: { ...matrix, version: state.matrices.length + 1, publishedAt: at, publishedBy: actor.userId } }];
      }
      case 'PublishResponseRules':
        return [{ type: 'ResponseRulesPublished', data: { version: state.ruleBooks.length + 1, rules: validRules(command.data.rules), publishedAt: at, publishedBy: actor.userId } }];
      case 'SetRiskCadences': {
        const base = state.cadences ?? DEFAULT_CADENCES;
        const identification = { ...base.identification, ...command.data.identification };
        const review = { ...base.review, ...command.data.review };
        const { firstRoundsOn } = command.data;
        return [{ type: 'RiskCadencesSet', data: { identification, review, setAt: at, setBy: actor.userId, ...(firstRoundsOn ? { firstRoundsOn } : {}) } }];
      }
    }
  },
};

/** The installation's one policy: `risk.policy-default`. No department owns it; the route's permission suffices. */
export const riskPolicies: Aggregate<RiskPolicyCommand, RiskPolicyEvent, RiskPolicy> = {
  name: 'Risk policy',
  streamPrefix: 'risk.policy-',
  decider: riskPolicy,
  idOf: () => RISK_POLICY_ID,
  creates: 'any',
};

export function currentMatrix(policy: RiskPolicy): RiskMatrix {
  const matrix = policy.matrices.at(-1);
  if (!matrix) throw new RuleViolation('no-risk-matrix', 'No risk matrix has been published');
  return matrix;
}

export function currentRules(policy: RiskPolicy): ResponseRuleBook {
  const rules = policy.ruleBooks.at(-1);
  if (!rules) throw new RuleViolation('no-response-rules', 'No response rules have been published');
  return rules;
}

export function cadencesOf(policy: RiskPolicy): Cadences {
  return policy.cadences ?? DEFAULT_CADENCES;
}

/** The level of a cell of the matrix, with its band; refuses a likelihood or impact off the scale. */
export function levelOf(matrix: RiskMatrix, likelihood: number, impact: number): MatrixLevel {
  if (!Number.isInteger(likelihood) || likelihood < 1 || likelihood > matrix.likelihoodSteps) {
    throw new RuleViolation('off-the-scale', `Likelihood ${likelihood} is not on matrix v${matrix.version}'s scale 1–${matrix.likelihoodSteps}`);
  }
  if (!Number.isInteger(impact) || impact < 1 || impact > matrix.impactSteps) {
    throw new RuleViolation('off-the-scale', `Impact ${impact} is not on matrix v${matrix.version}'s scale 1–${matrix.impactSteps}`);
  }
  const label = matrix.cells[likelihood - 1][impact - 1];
  return matrix.levels.find((level) => level.label === label) as MatrixLevel;
}

export const bandRank = (band: RiskBand): number => RISK_BANDS.indexOf(band);

function validMatrix(definition: MatrixDefinition): MatrixDefinition {
  const { likelihoodSteps, impactSteps, levels, cells } = definition;
  for (const [what, steps] of [['likelihood', likelihoodSteps], ['impact', impactSteps]] as const) {
    if (!Number.isInteger(steps) || steps < 2 || steps > MAX_STEPS) throw new RuleViolation('invalid-matrix', `A matrix has 2 to ${MAX_STEPS} ${what} steps, not ${steps}`);
  }
  const labels = levels.map((level) => level.label.trim());
  if (labels.length < 2 || labels.some((label) => !label) || new Set(labels).size !== labels.length) {
    throw new RuleViolation('invalid-matrix', 'A matrix has at least two levels, each with its own label');
  }
  if (levels.some((level) => !RISK_BANDS.includes(level.band))) throw new RuleViolation('invalid-matrix', `Every level belongs to a band: ${RISK_BANDS.join(', ')}`);
  for (let i = 1; i < levels.length; i++) {
    if (bandRank(levels[i].band) < bandRank(levels[i - 1].band)) throw new RuleViolation('invalid-matrix', 'Levels go from the lowest to the highest band');
  }
  if (cells.length !== likelihoodSteps || cells.some((row) => row.length !== impactSteps)) {
    throw new RuleViolation('invalid-matrix', `The cells are ${likelihoodSteps} rows (likelihood) of ${impactSteps} (impact)`);
  }
  const unknown = cells.flat().find((label) => !labels.includes(label.trim()));
  if (unknown !== undefined) throw new RuleViolation('invalid-matrix', `Cell level "${unknown}" is not one of the levels ${labels.join(', ')}`);
  return {
    likelihoodSteps,
    impactSteps,
    levels: levels.map((level, i) => ({ label: labels[i], band: level.band })),
    cells: cells.map((row) => row.map((label) => label.trim())),
  };
}

function validRules(rules: ResponseRule[]): ResponseRule[] {
  for (const strategy of RESPONSE_STRATEGIES) {
    if (rules.filter((rule) => rule.strategy === strategy).length !== 1) {
      throw new RuleViolation('invalid-response-rules', `The rules give exactly one rule for each strategy (${RESPONSE_STRATEGIES.join(', ')}); ${strategy} has not one`);
    }
  }
  return RESPONSE_STRATEGIES.map((strategy) => {
    const rule = rules.find((r) => r.strategy === strategy) as ResponseRule;
    const name = rule.name.trim();
    if (!name) throw new RuleViolation('invalid-response-rules', `The ${strategy} rule needs a name`);
    if (rule.bands.length === 0 || rule.bands.some((band) => !RISK_BANDS.includes(band))) {
      throw new RuleViolation('invalid-response-rules', `The ${strategy} rule names one or more bands of ${RISK_BANDS.join(', ')}`);
    }
    return { strategy, name, bands: RISK_BANDS.filter((band) => rule.bands.includes(band)), requiresUncontrollable: rule.requiresUncontrollable };
  });
}
