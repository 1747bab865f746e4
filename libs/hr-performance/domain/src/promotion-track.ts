import { Aggregate, Command, Decider, RuleViolation, streamOf } from '@serviceledger/platform/core';

/**
 * The promotion tracks (H-3.2, 四(三)2 "建立多元化的晉升通道,包括管理通道和專業技術通道"): management and
 * professional/technical, each a ladder of levels, versioned. A level's criteria say what promotion into it
 * takes: a number of recent finalised appraisals of a cycle at or above a score, the training completed,
 * and the time spent in the level below.
 */

export const TRACK_IDS = ['management', 'professional'] as const;
export type TrackId = (typeof TRACK_IDS)[number];
export const MAX_LEVELS = 20;
export const MAX_MONTHS_IN_LEVEL = 120;

export interface LevelCriteria {
  /** The latest `count` finalised appraisals of the cycle each score at least `minScore`. */
  minAppraisals?: { cycle: 'monthly' | 'annual'; count: number; minScore: number };
  /** Training ids the employee has completed. */
  requiredTraining: string[];
  /** Whole months in the level below, up to the promotion's effective date. */
  minMonthsInLevel: number;
}

export interface TrackLevel {
  level: string;
  name: string;
  criteria: LevelCriteria;
}

export interface PromotionTrackVersion {
  trackId: TrackId;
  version: number;
  name: string;
  /** Lowest first. */
  levels: TrackLevel[];
  definedAt: string;
  definedBy: string;
}
export type PromotionTrack = { trackId: TrackId; versions: PromotionTrackVersion[] } | null;

export type SetPromotionTrack = Command<'SetPromotionTrack', { trackId: TrackId; name: string; levels: TrackLevel[] }>;
export type PromotionTrackSet = { type: 'PromotionTrackSet'; data: PromotionTrackVersion };

export const promotionTrack: Decider<SetPromotionTrack, PromotionTrackSet, PromotionTrack> = {
  initialState: () => null,
  evolve: (state, event) => ({ trackId: event.data.trackId, versions: [...(state?.versions ?? []), event.data] }),
  decide(command, state) {
    const { trackId, name } = command.data;
    if (!TRACK_IDS.includes(trackId)) throw new RuleViolation('unknown-track', `${trackId} is not a track (${TRACK_IDS.join(', ')})`);
    const levels = validLevels(command.data.levels);
    const current = state?.versions[state.versions.length - 1];
    if (current && current.name === name.trim() && JSON.stringify(current.levels) === JSON.stringify(levels)) return [];
    return [{ type: 'PromotionTrackSet', data: { trackId, version: (current?.version ?? 0) + 1, name: name.trim(), levels, definedAt: command.metadata.at, definedBy: command.metadata.actor.userId } }];
  },
};

/** `hr-performance.promotion-track-<trackId>`: HR's administrative edits. */
export const promotionTracks: Aggregate<SetPromotionTrack, PromotionTrackSet, PromotionTrack> = {
  name: 'Promotion track',
  streamPrefix: 'hr-performance.promotion-track-',
  decider: promotionTrack,
  idOf: (command) => command.data.trackId,
  creates: ['SetPromotionTrack'],
};

export const promotionTrackStream = (trackId: string): string => streamOf(promotionTracks, trackId);

export const latestTrackVersion = (track: NonNullable<PromotionTrack>): PromotionTrackVersion => track.versions[track.versions.length - 1];

function validLevels(levels: readonly TrackLevel[]): TrackLevel[] {
  if (levels.length < 2) throw new RuleViolation('too-few-levels', 'A track has at least two levels');
  if (levels.length > MAX_LEVELS) throw new RuleViolation('too-many-levels', `A track has at most ${MAX_LEVELS} levels`);
  const seen = new Set<string>();
  return levels.map(({ level, name, criteria }) => {
    if (seen.has(level)) throw new RuleViolation('duplicate-level', `Level ${level} is listed twice`);
    seen.add(level);
    const { minAppraisals, requiredTraining, minMonthsInLevel } = criteria;
    if (!(Number.isInteger(minMonthsInLevel) && minMonthsInLevel >= 0 && minMonthsInLevel <= MAX_MONTHS_IN_LEVEL))
      throw new RuleViolation('invalid-criteria', `Level ${level}: minMonthsInLevel is a whole number from 0 to ${MAX_MONTHS_IN_LEVEL}`);
    if (minAppraisals && !(Number.isInteger(minAppraisals.count) && minAppraisals.count >= 1 && minAppraisals.count <= 24 && minAppraisals.minScore >= 0 && minAppraisals.minScore <= 100))
      throw new RuleViolation('invalid-criteria', `Level ${level}: minAppraisals counts 1 to 24 appraisals scoring 0 to 100`);
    return {
      level,
      name: name.trim(),
      criteria: { ...(minAppraisals ? { minAppraisals: { cycle: minAppraisals.cycle, count: minAppraisals.count, minScore: minAppraisals.minScore } } : {}), requiredTraining: [...new Set(requiredTraining)], minMonthsInLevel },
    };
  });
}

/** What is known about an employee when a promotion is decided. */
export interface PromotionEvidence {
  /** Their finalised appraisals (latest revision's score); `needsReview`: its result is not established, so it meets no criterion. */
  appraisals: Array<{ appraisalId: string; kind: 'monthly' | 'annual'; period: string; score: number | null; needsReview?: boolean }>;
  /** Training ids completed. */
  trainingsCompleted: string[];
}

export type Criterion = 'min-appraisal-results' | 'required-training' | 'time-in-level';
export interface UnmetCriterion {
  criterion: Criterion;
  detail: string;
}

/** Whole months from one date (`YYYY-MM-DD`) to another. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.slice(0, 10).split('-').map(Number);
  const [ty, tm, td] = to.slice(0, 10).split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** The criteria of the target level that do not hold, each saying why; none: the promotion may be decided. */
export function unmetCriteria(criteria: LevelCriteria, evidence: PromotionEvidence, inLevelSince: string, effectiveOn: string): UnmetCriterion[] {
  const unmet: UnmetCriterion[] = [];
  const { minAppraisals } = criteria;
  if (minAppraisals) {
    const latest = evidence.appraisals
      .filter((a) => a.kind === minAppraisals.cycle)
      .sort((a, b) => b.period.localeCompare(a.period))
      .slice(0, minAppraisals.count);
    const short = latest.length < minAppraisals.count || latest.some((a) => a.needsReview || a.score === null || a.score < minAppraisals.minScore);
    if (short)
      unmet.push({
        criterion: 'min-appraisal-results',
        detail:
          `min-appraisal-results: the latest ${minAppraisals.count} finalised ${minAppraisals.cycle} appraisals must each score at least ${minAppraisals.minScore}; ` +
          `found ${latest.map((a) => `${a.period} ${a.score ?? 'no score'}${a.needsReview ? ' (needs review)' : ''}`).join(', ') || 'none'}`,
      });
  }
  const missing = criteria.requiredTraining.filter((t) => !evidence.trainingsCompleted.includes(t));
  if (missing.length > 0) unmet.push({ criterion: 'required-training', detail: `required-training: not completed ${missing.join(', ')}` });
  const months = monthsBetween(inLevelSince, effectiveOn);
  if (months < criteria.minMonthsInLevel)
    unmet.push({ criterion: 'time-in-level', detail: `time-in-level: ${months} months in the level since ${inLevelSince.slice(0, 10)}, ${criteria.minMonthsInLevel} required` });
  return unmet;
}
