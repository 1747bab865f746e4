import { Aggregate, Command, Decider, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { CUSTOMER_SATISFACTION_INDICATORS, QualityIndicator, TIME_INDICATORS, isQualityIndicator, roundScore } from './appraisal-scoring';

/**
 * A post's appraisal indicators (H-2.1, 四(二)1 "根據不同崗位的職責和服務質量監控指標,設定相應的績效考核指標"),
 * versioned: each line is a per-person quality indicator that quality monitoring publishes (task completion
 * and resolution, indicators reached, customer satisfaction…) or one of the post's duties, with its weight.
 * A revision is a new version; an appraisal names the version it was scored under, and a closed cycle can be
 * re-scored under any version side by side.
 *
 * Customer first (一(三)1 客戶至上: 以客戶滿意度為衡量服務質量的核心標準): customer satisfaction
 * (satisfaction, the share satisfied, NPS) must carry at least the configured floor of a version's weight,
 * as quality monitoring's scoring schemes do.
 */

export const MAX_APPRAISAL_WEIGHT = 1_000;
export const MAX_REFERENCE_MINUTES = 60 * 24 * 365;
export const MAX_APPRAISAL_INDICATORS = 30;

export type SchemeLine =
  | { indicatorId: string; source: 'quality'; indicator: QualityIndicator; weight: number }
  | { indicatorId: string; source: 'duty'; duty: string; weight: number };

export interface AppraisalSchemeVersion {
  postId: string;
  version: number;
  name: string;
  lines: SchemeLine[];
  /** The business minutes at which a time indicator scores 0. */
  referenceMinutes: Partial<Record<QualityIndicator, number>>;
  definedAt: string;
  definedBy: string;
}

export interface AppraisalScheme {
  postId: string;
  versions: AppraisalSchemeVersion[];
}
export type AppraisalSchemeState = AppraisalScheme | null;

export type SetAppraisalScheme = Command<
  'SetAppraisalScheme',
  {
    postId: string;
    name: string;
    lines: SchemeLine[];
    referenceMinutes?: Partial<Record<QualityIndicator, number>>;
    /** The installation's floor, in percent, of the weight customer satisfaction must carry. */
    satisfactionFloorPercent: number;
  }
>;
export type AppraisalSchemeSet = { type: 'AppraisalSchemeSet'; data: AppraisalSchemeVersion };

export const appraisalScheme: Decider<SetAppraisalScheme, AppraisalSchemeSet, AppraisalSchemeState> = {
  initialState: () => null,
  evolve: (state, event) => ({ postId: event.data.postId, versions: [...(state?.versions ?? []), event.data] }),
  decide(command, state) {
    const { postId, name, satisfactionFloorPercent } = command.data;
    const lines = validLines(command.data.lines);
    const referenceMinutes = validReferences(lines, command.data.referenceMinutes ?? {});
    ensureSatisfactionIsCore(lines, satisfactionFloorPercent);
    const current = state ? latestSchemeVersion(state) : undefined;
    if (current && current.name === name && JSON.stringify(current.lines) === JSON.stringify(lines) && JSON.stringify(current.referenceMinutes) === JSON.stringify(referenceMinutes)) return [];
    return [
      {
        type: 'AppraisalSchemeSet',
        data: { postId, version: (current?.version ?? 0) + 1, name: name.trim(), lines, referenceMinutes, definedAt: command.metadata.at, definedBy: command.metadata.actor.userId },
      },
    ];
  },
};

/** A post's scheme: `hr-performance.appraisal-scheme-<postId>`. HR's administrative edits. */
export const appraisalSchemes: Aggregate<SetAppraisalScheme, AppraisalSchemeSet, AppraisalSchemeState> = {
  name: 'Appraisal scheme',
  streamPrefix: 'hr-performance.appraisal-scheme-',
  decider: appraisalScheme,
  idOf: (command) => command.data.postId,
  creates: ['SetAppraisalScheme'],
};

export const appraisalSchemeStream = (postId: string): string => streamOf(appraisalSchemes, postId);

export function latestSchemeVersion(scheme: AppraisalScheme): AppraisalSchemeVersion {
  return scheme.versions[scheme.versions.length - 1];
}

/** Customer satisfaction's share of a scheme's weight, in percent. */
export function satisfactionWeightPercent(lines: readonly SchemeLine[]): number {
  const total = lines.reduce((sum, line) => sum + line.weight, 0);
  const satisfaction = lines.reduce((sum, line) => sum + (line.source === 'quality' && CUSTOMER_SATISFACTION_INDICATORS.includes(line.indicator) ? line.weight : 0), 0);
  return total === 0 ? 0 : roundScore((100 * satisfaction) / total);
}

export function ensureSatisfactionIsCore(lines: readonly SchemeLine[], floorPercent: number): void {
  const share = satisfactionWeightPercent(lines);
  if (share < floorPercent) {
    throw new RuleViolation(
      'satisfaction-below-floor',
      `一(三)1 客戶至上: 以客戶滿意度為衡量服務質量的核心標準. Customer satisfaction (${CUSTOMER_SATISFACTION_INDICATORS.join(', ')}) ` +
        `carries ${share} % of this appraisal scheme's weight; it must carry at least ${floorPercent} %`,
    );
  }
}

function validLines(lines: readonly SchemeLine[]): SchemeLine[] {
  if (lines.length === 0) throw new RuleViolation('no-indicators', 'An appraisal scheme has at least one indicator');
  if (lines.length > MAX_APPRAISAL_INDICATORS) throw new RuleViolation('too-many-indicators', `An appraisal scheme has at most ${MAX_APPRAISAL_INDICATORS} indicators`);
  const ids = new Set<string>();
  return lines.map((line) => {
    if (ids.has(line.indicatorId)) throw new RuleViolation('duplicate-indicator', `Indicator ${line.indicatorId} is listed twice`);
    ids.add(line.indicatorId);
    if (!(typeof line.weight === 'number' && line.weight > 0 && line.weight <= MAX_APPRAISAL_WEIGHT))
      throw new RuleViolation('invalid-weight', `The weight of ${line.indicatorId} must be above 0 and at most ${MAX_APPRAISAL_WEIGHT}`);
    if (line.source === 'quality') {
      if (!isQualityIndicator(line.indicator)) throw new RuleViolation('unknown-indicator', `${line.indicator} is not a quality indicator quality monitoring publishes`);
      return { indicatorId: line.indicatorId, source: 'quality', indicator: line.indicator, weight: line.weight };
    }
    if (!line.duty?.trim()) throw new RuleViolation('duty-required', `Indicator ${line.indicatorId} names the duty it appraises`);
    return { indicatorId: line.indicatorId, source: 'duty', duty: line.duty.trim(), weight: line.weight };
  });
}

function validReferences(lines: readonly SchemeLine[], references: Partial<Record<QualityIndicator, number>>): Partial<Record<QualityIndicator, number>> {
  const result: Partial<Record<QualityIndicator, number>> = {};
  for (const indicator of TIME_INDICATORS) {
    const minutes = references[indicator];
    const weighted = lines.some((line) => line.source === 'quality' && line.indicator === indicator);
    if (minutes !== undefined) {
      if (!(typeof minutes === 'number' && minutes > 0 && minutes <= MAX_REFERENCE_MINUTES))
        throw new RuleViolation('invalid-reference', `The reference of ${indicator} must be above 0 and at most ${MAX_REFERENCE_MINUTES} minutes`);
      result[indicator] = minutes;
    } else if (weighted) {
      throw new RuleViolation('reference-required', `${indicator} is weighted: give its reference minutes`);
    }
  }
  return result;
}
