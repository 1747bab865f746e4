/**
 * How an appraisal scores (H-2.1, 四(二)1 考核指標設定): each line of a post's scheme is either one of the
 * per-person quality indicators quality monitoring publishes when it closes a month
 * (`serviceledger.quality-monitoring.period.closed.v1`, mirrored here: a domain imports no contracts), or
 * one of the post's duties, rated 0…100 by the department head. Every value is normalised to 0…1, higher
 * is better, exactly as quality monitoring normalises a department's (qm-domain/scoring-scheme.ts), so a
 * person's figure and their department's read alike:
 * - shares where more is better: the value, capped to 0…1; shares where less is better (rectification
 *   rate, complaint rate): 1 − the value, capped;
 * - satisfaction (mean on 5): ÷ 5; NPS: (NPS + 100) ÷ 200; spot-check score and a duty's rating: ÷ 100;
 * - times (business minutes): 1 − minutes ÷ the scheme's reference minutes, at least 0.
 * Score = 100 × Σ weight × normalised ÷ Σ weight over the lines that have a value (nothing to count neither
 * helps nor hurts); null when none has one. Rounded to 4 decimals.
 */

export const QUALITY_INDICATORS = [
  'satisfaction',
  'satisfiedShare',
  'nps',
  'responseCompliance',
  'resolutionRate',
  'resolutionRateByDueDate',
  'frtAverage',
  'frtP90',
  'ttrAverage',
  'ttrP90',
  'rectificationRate',
  'complaintRate',
  'promisedTimeCompliance',
  'spotCheckScore',
  'promisedResultCompliance',
  // Accuracy (一(三)2 及時性和準確性): record reviews found compliant, cases accepted at their first round.
  'recordAccuracy',
  'firstTimeRight',
] as const;
export type QualityIndicator = (typeof QUALITY_INDICATORS)[number];

/** Customer satisfaction, the core measure of quality (一(三)1 客戶至上). */
export const CUSTOMER_SATISFACTION_INDICATORS: readonly QualityIndicator[] = ['satisfaction', 'satisfiedShare', 'nps'];
export const TIME_INDICATORS: readonly QualityIndicator[] = ['frtAverage', 'frtP90', 'ttrAverage', 'ttrP90'];
const LOWER_IS_BETTER: readonly QualityIndicator[] = ['rectificationRate', 'complaintRate'];

export type QualityFigures = Partial<Record<QualityIndicator, number | null>>;

export function isQualityIndicator(value: string): value is QualityIndicator {
  return (QUALITY_INDICATORS as readonly string[]).includes(value);
}

export function roundScore(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** One quality indicator normalised to 0…1; null without a value (or, for a time, without its reference). */
export function normaliseQuality(indicator: QualityIndicator, value: number | null | undefined, referenceMinutes: Partial<Record<QualityIndicator, number>>): number | null {
  if (value === null || value === undefined) return null;
  if (TIME_INDICATORS.includes(indicator)) {
    const reference = referenceMinutes[indicator];
    return reference ? roundScore(clamp(1 - value / reference)) : null;
  }
  if (LOWER_IS_BETTER.includes(indicator)) return roundScore(clamp(1 - value));
  switch (indicator) {
    case 'satisfaction':
      return roundScore(clamp(value / 5));
    case 'nps':
      return roundScore(clamp((value + 100) / 200));
    case 'spotCheckScore':
      return roundScore(clamp(value / 100));
    default:
      return roundScore(clamp(value));
  }
}

/** A duty's rating (0…100) normalised to 0…1. */
export const normaliseRating = (rating: number | null | undefined): number | null => (rating === null || rating === undefined ? null : roundScore(clamp(rating / 100)));

/** 100 × Σ weight × normalised ÷ Σ weight over the lines with a value; null when none has one. */
export function weightedScore(lines: ReadonlyArray<{ weight: number; normalised: number | null }>): number | null {
  let sum = 0;
  let weights = 0;
  for (const { weight, normalised } of lines) {
    if (normalised === null || !weight) continue;
    sum += weight * normalised;
    weights += weight;
  }
  return weights === 0 ? null : roundScore((100 * sum) / weights);
}
