import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { CUSTOMER_SATISFACTION_INDICATORS, INDICATORS, Indicator, IndicatorValues, round } from './period-evaluation';
import { MAX_TARGET_MINUTES } from './policy';

/**
 * Versioned scoring schemes (Q-2.2, "Department score"): the weight of each indicator and the reference
 * times the time indicators are normalised against. A revision is a new version; a scorecard names the
 * version it was scored under, and a past period can be re-scored under any version side by side.
 *
 * Normalisation, each indicator to 0…1, higher is better:
 * - shares where more is better (response compliance, resolution rates, satisfied share, promised-time
 *   compliance): the value, capped to 0…1 (a resolution rate above 1 counts as 1);
 * - shares where less is better (rectification rate, complaint rate): 1 − the value, capped to 0…1;
 * - satisfaction (mean on 5): mean ÷ 5;
 * - NPS (−100…100): (NPS + 100) ÷ 200;
 * - spot-check score (0…100): score ÷ 100;
 * - times (average and p90 FRT and TTR, business minutes): 1 − minutes ÷ reference, at least 0, with the
 *   reference minutes the scheme gives for that indicator.
 * Score = 100 × Σ weight × normalised ÷ Σ weight, over the weighted indicators that have a value (an
 * indicator with nothing to count neither helps nor hurts); null when none has one. Rounded to 4 decimals.
 *
 * Customer first (G-1, 一(三)1 客戶至上原則): "以客戶滿意度為衡量服務質量的核心標準". Customer satisfaction
 * (`CUSTOMER_SATISFACTION_INDICATORS`: satisfaction, the share satisfied, NPS) is the core measure, so a
 * scheme version must give it at least the configured floor of its total weight; a scheme that makes it
 * one indicator among many is refused.
 */

export type Weights = Partial<Record<Indicator, number>>;
export type TimeIndicator = 'frtAverage' | 'frtP90' | 'ttrAverage' | 'ttrP90';
export const TIME_INDICATORS: readonly TimeIndicator[] = ['frtAverage', 'frtP90', 'ttrAverage', 'ttrP90'];
const LOWER_IS_BETTER: readonly Indicator[] = ['rectificationRate', 'complaintRate'];

/** The heaviest weight: weights are relative, and sums of huge ones overflow, leaving every score null. */
export const MAX_WEIGHT = 1_000;
/** Reference times lie within the longest target a policy may set. */
export const MAX_REFERENCE_MINUTES = MAX_TARGET_MINUTES;

export interface ScoringSchemeVersion {
  schemeId: string;
  version: number;
  name: string;
  weights: Weights;
  /** The business minutes at which a time indicator scores 0. */
  referenceMinutes: Partial<Record<TimeIndicator, number>>;
  definedAt: string;
  definedBy: string;
}

export interface ScoringScheme {
  schemeId: string;
  versions: ScoringSchemeVersion[];
}
export type ScoringSchemeState = ScoringScheme | null;

export interface SchemeContent {
  schemeId: string;
  name: string;
  weights: Weights;
  referenceMinutes?: Partial<Record<TimeIndicator, number>>;
  /** The least share, in percent, of the weight that customer satisfaction must carry (G-1): the installation's setting. */
  satisfactionFloorPercent: number;
}
export type DefineScoringScheme = Command<'DefineScoringScheme', SchemeContent>;
export type ReviseScoringScheme = Command<'ReviseScoringScheme', SchemeContent>;
export type ScoringSchemeCommand = DefineScoringScheme | ReviseScoringScheme;

export type ScoringSchemeDefined = { type: 'ScoringSchemeDefined'; data: ScoringSchemeVersion };
export type ScoringSchemeRevised = { type: 'ScoringSchemeRevised'; data: ScoringSchemeVersion };
export type ScoringSchemeEvent = ScoringSchemeDefined | ScoringSchemeRevised;

export const scoringScheme: Decider<ScoringSchemeCommand, ScoringSchemeEvent, ScoringSchemeState> = {
  initialState: () => null,
  evolve(state, event) {
    return { schemeId: event.data.schemeId, versions: [...(state?.versions ?? []), event.data] };
  },
  decide(command, state) {
    const { schemeId, name } = command.data;
    const weights = validWeights(command.data.weights);
    const referenceMinutes = validReferences(weights, command.data.referenceMinutes ?? {});
    ensureSatisfactionIsCore(weights, command.data.satisfactionFloorPercent);
    const content = { schemeId, name, weights, referenceMinutes, definedAt: command.metadata.at, definedBy: command.metadata.actor.userId };
    if (command.type === 'DefineScoringScheme') {
      if (state) throw new RuleViolation('scheme-exists', `Scoring scheme ${schemeId} is defined; revise it instead`);
      return [{ type: 'ScoringSchemeDefined', data: { ...content, version: 1 } }];
    }
    if (!state) throw new NotFoundError('Scoring scheme', schemeId);
    const current = latestVersion(state);
    if (
      current.name === name &&
      JSON.stringify(sorted(current.weights)) === JSON.stringify(sorted(weights)) &&
      JSON.stringify(sorted(current.referenceMinutes)) === JSON.stringify(sorted(referenceMinutes))
    )
      return [];
    return [{ type: 'ScoringSchemeRevised', data: { ...content, version: current.version + 1 } }];
  },
};

/** A scheme's stream is `quality-monitoring.scoring-scheme-<id>`. */
export const scoringSchemes: Aggregate<ScoringSchemeCommand, ScoringSchemeEvent, ScoringSchemeState> = {
  name: 'Scoring scheme',
  streamPrefix: 'quality-monitoring.scoring-scheme-',
  decider: scoringScheme,
  idOf: (command) => command.data.schemeId,
  creates: ['DefineScoringScheme'],
};

export const scoringSchemeStream = (schemeId: string): string => streamOf(scoringSchemes, schemeId);

export function latestVersion(scheme: ScoringScheme): ScoringSchemeVersion {
  return scheme.versions[scheme.versions.length - 1];
}

export function schemeVersion(scheme: ScoringScheme, version?: number): ScoringSchemeVersion {
  if (version === undefined) return latestVersion(scheme);
  const found = scheme.versions.find((v) => v.version === version);
  if (!found) throw new NotFoundError('Scoring scheme version', `${scheme.schemeId} v${version}`);
  return found;
}

function validWeights(weights: Weights): Weights {
  const result: Weights = {};
  for (const [indicator, weight] of Object.entries(weights ?? {})) {
    if (!(INDICATORS as readonly string[]).includes(indicator))
      throw new RuleViolation('unknown-indicator', `${indicator} is not an indicator`);
    if (typeof weight !== 'number' || !(weight >= 0 && weight <= MAX_WEIGHT))
      throw new RuleViolation('invalid-weight', `The weight of ${indicator} must be a number from 0 to ${MAX_WEIGHT}, not ${weight}`);
    if (weight > 0) result[indicator as Indicator] = weight;
  }
  if (Object.keys(result).length === 0) throw new RuleViolation('no-weights', 'A scoring scheme weighs at least one indicator');
  return result;
}

/** Customer satisfaction's share of a scheme's weight, in percent (G-1). */
export function satisfactionWeightPercent(weights: Weights): number {
  const total = Object.values(weights).reduce((sum, weight) => sum + (weight ?? 0), 0);
  const satisfaction = CUSTOMER_SATISFACTION_INDICATORS.reduce((sum, indicator) => sum + (weights[indicator] ?? 0), 0);
  return total === 0 ? 0 : round((100 * satisfaction) / total);
}

/** Refuses weights that make customer satisfaction less than the floor of the whole (G-1). */
export function ensureSatisfactionIsCore(weights: Weights, floorPercent: number): void {
  const share = satisfactionWeightPercent(weights);
  if (share < floorPercent) {
    throw new RuleViolation(
      'satisfaction-below-floor',
      `G-1 客戶至上: 以客戶滿意度為衡量服務質量的核心標準. Customer satisfaction (${CUSTOMER_SATISFACTION_INDICATORS.join(', ')}) ` +
        `carries ${share} % of this scheme's weight; it must carry at least ${floorPercent} %`,
    );
  }
}

function validReferences(weights: Weights, references: Partial<Record<TimeIndicator, number>>): Partial<Record<TimeIndicator, number>> {
  const result: Partial<Record<TimeIndicator, number>> = {};
  for (const indicator of TIME_INDICATORS) {
    const minutes = references[indicator];
    if (minutes !== undefined) {
      if (typeof minutes !== 'number' || !(minutes > 0 && minutes <= MAX_REFERENCE_MINUTES)) {
        throw new RuleViolation('invalid-reference', `The reference of ${indicator} must be above 0 and at most ${MAX_REFERENCE_MINUTES} minutes, not ${minutes}`);
      }
      result[indicator] = minutes;
    } else if (weights[indicator]) {
      throw new RuleViolation('reference-required', `${indicator} is weighted: give its reference minutes`);
    }
  }
  return result;
}

function sorted<T extends object>(value: T): Array<[string, unknown]> {
  return Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
}

/** One indicator normalised to 0…1 (higher is better) under a scheme; null when the indicator is null. */
export function normalise(indicator: Indicator, value: number | null, scheme: Pick<ScoringSchemeVersion, 'referenceMinutes'>): number | null {
  if (value === null) return null;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  if ((TIME_INDICATORS as readonly string[]).includes(indicator)) {
    const reference = scheme.referenceMinutes[indicator as TimeIndicator];
    if (!reference) return null;
    return clamp(1 - value / reference);
  }
  if (LOWER_IS_BETTER.includes(indicator)) return clamp(1 - value);
  switch (indicator) {
    case 'satisfaction':
      return clamp(value / 5);
    case 'nps':
      return clamp((value + 100) / 200);
    case 'spotCheckScore':
      return clamp(value / 100);
    default:
      return clamp(value);
  }
}

/** The weighted score (0…100) of a set of indicators under a scheme version. */
export function weightedScore(indicators: IndicatorValues, scheme: Pick<ScoringSchemeVersion, 'weights' | 'referenceMinutes'>): number | null {
  let sum = 0;
  let weightSum = 0;
  for (const [indicator, weight] of Object.entries(scheme.weights) as Array<[Indicator, number]>) {
    const normalised = normalise(indicator, indicators[indicator], scheme);
    if (normalised === null || !weight) continue;
    sum += weight * normalised;
    weightSum += weight;
  }
  return weightSum === 0 ? null : round((100 * sum) / weightSum);
}

export interface RankedEntry {
  departmentId: string;
  score: number | null;
  /** 1 for the best; equal scores share a rank (1, 1, 3); null for a department without a score. */
  rank: number | null;
}

/** Departments ranked by score, best first; ties share a rank and are listed by department id. */
export function rank(scores: Array<{ departmentId: string; score: number | null }>): RankedEntry[] {
  const ordered = [...scores].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === b.score ? a.departmentId.localeCompare(b.departmentId) : a.score === null ? 1 : -1;
    return b.score - a.score || a.departmentId.localeCompare(b.departmentId);
  });
  return ordered.map((entry, index) => {
    if (entry.score === null) return { ...entry, rank: null };
    const first = ordered.findIndex((other) => other.score === entry.score);
    return { ...entry, rank: first === -1 ? index + 1 : first + 1 };
  });
}
