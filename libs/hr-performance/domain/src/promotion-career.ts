import { Aggregate, Command, Decider, DomainEvent, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { MAX_DECISION_REASON, OutcomeBasis } from './outcome';
import { PromotionEvidence, PromotionTrackVersion, TrackId, UnmetCriterion, unmetCriteria } from './promotion-track';

/**
 * An employee's career (H-3.2, H-2.3): the track and level (grade) they hold and since when, the
 * promotions decided, and the pay adjustments approved from their appraisals, each effective from a date,
 * so that any of it can be read as it stood on any date. A promotion is decided only when the target
 * level's criteria hold, or as an explicit exception with its reason; both keep the criteria as evaluated.
 */

export const CAREER_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type CareerEntry =
  | { kind: 'track-assigned'; trackId: TrackId; level: string; effectiveOn: string; at: string; by: string }
  | {
      kind: 'promotion';
      trackId: TrackId;
      trackVersion: number;
      fromLevel: string;
      toLevel: string;
      effectiveOn: string;
      unmet: UnmetCriterion[];
      exception?: { reason: string };
      outcomeId?: string;
      at: string;
      by: string;
    }
  | ({ kind: 'pay-adjustment'; outcomeId: string; percent: number; effectiveOn: string; at: string; by: string } & OutcomeBasis);

export interface Career {
  employeeId: string;
  departmentId: string;
  trackId?: TrackId;
  level?: string;
  levelSince?: string;
  history: CareerEntry[];
}
export type CareerState = Career | null;

export type AssignTrack = Command<'AssignTrack', { employeeId: string; departmentId: string; trackId: TrackId; level: string; effectiveOn: string; track: PromotionTrackVersion }>;
export type DecidePromotion = Command<
  'DecidePromotion',
  { employeeId: string; track: PromotionTrackVersion; toLevel: string; effectiveOn: string; evidence: PromotionEvidence; exception?: { reason: string }; outcomeId?: string }
>;
export type RecordPayAdjustment = Command<'RecordPayAdjustment', OutcomeBasis & { employeeId: string; departmentId: string; outcomeId: string; percent: number; effectiveOn: string }>;
export type CareerCommand = AssignTrack | DecidePromotion | RecordPayAdjustment;

export type TrackAssigned = DomainEvent<'TrackAssigned', { employeeId: string; departmentId: string; trackId: TrackId; level: string; effectiveOn: string; assignedBy: string; assignedAt: string }>;
export type PromotionDecided = DomainEvent<
  'PromotionDecided',
  {
    employeeId: string;
    departmentId: string;
    trackId: TrackId;
    trackVersion: number;
    fromLevel: string;
    toLevel: string;
    effectiveOn: string;
    evidence: PromotionEvidence;
    /** The criteria that did not hold: empty unless decided as an exception. */
    unmet: UnmetCriterion[];
    exception?: { reason: string };
    outcomeId?: string;
    decidedBy: string;
    decidedAt: string;
  }
>;
export type PayAdjustmentRecorded = DomainEvent<'PayAdjustmentRecorded', RecordPayAdjustment['data'] & { recordedBy: string; recordedAt: string }>;
export type CareerEvent = TrackAssigned | PromotionDecided | PayAdjustmentRecorded;

export const career: Decider<CareerCommand, CareerEvent, CareerState> = {
  initialState: () => null,
  evolve(state, event) {
    const base: Career = state ?? { employeeId: event.data.employeeId, departmentId: event.data.departmentId, history: [] };
    switch (event.type) {
      case 'TrackAssigned': {
        const { trackId, level, effectiveOn, assignedBy, assignedAt, departmentId } = event.data;
        return { ...base, departmentId, trackId, level, levelSince: effectiveOn, history: [...base.history, { kind: 'track-assigned', trackId, level, effectiveOn, at: assignedAt, by: assignedBy }] };
      }
      case 'PromotionDecided': {
        const { trackId, trackVersion, fromLevel, toLevel, effectiveOn, unmet, exception, outcomeId, decidedBy, decidedAt } = event.data;
        const entry: CareerEntry = { kind: 'promotion', trackId, trackVersion, fromLevel, toLevel, effectiveOn, unmet, ...(exception ? { exception } : {}), ...(outcomeId ? { outcomeId } : {}), at: decidedAt, by: decidedBy };
        return { ...base, level: toLevel, levelSince: effectiveOn, history: [...base.history, entry] };
      }
      case 'PayAdjustmentRecorded': {
        const { outcomeId, percent, effectiveOn, appraisal, rule, recordedAt, recordedBy } = event.data;
        return { ...base, history: [...base.history, { kind: 'pay-adjustment', outcomeId, percent, effectiveOn, appraisal, rule, at: recordedAt, by: recordedBy }] };
      }
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    switch (command.type) {
      case 'AssignTrack': {
        const { employeeId, departmentId, trackId, level, effectiveOn, track } = command.data;
        date(effectiveOn);
        if (!track.levels.some((l) => l.level === level)) throw new RuleViolation('unknown-level', `${level} is not a level of the ${trackId} track`);
        if (state?.trackId === trackId && state.level === level) return [];
        return [{ type: 'TrackAssigned', data: { employeeId, departmentId, trackId, level, effectiveOn, assignedBy: actor.userId, assignedAt: at } }];
      }
      case 'RecordPayAdjustment': {
        if (state?.history.some((e) => e.kind === 'pay-adjustment' && e.outcomeId === command.data.outcomeId)) return [];
        date(command.data.effectiveOn);
        return [{ type: 'PayAdjustmentRecorded', data: { ...command.data, recordedBy: actor.userId, recordedAt: at } }];
      }
      case 'DecidePromotion': {
        if (!state) throw new NotFoundError('Career', command.data.employeeId);
        const { employeeId, track, toLevel, effectiveOn, evidence, outcomeId } = command.data;
        date(effectiveOn);
        if (!state.trackId || !state.level || !state.levelSince) throw new RuleViolation('no-track', `${employeeId} is on no track yet: assign one first`);
        if (state.trackId !== track.trackId) throw new RuleViolation('other-track', `${employeeId} is on the ${state.trackId} track; assign the ${track.trackId} track first`);
        const from = track.levels.findIndex((l) => l.level === state.level);
        const target = track.levels[from + 1];
        if (!target || target.level !== toLevel)
          throw new RuleViolation('not-next-level', `From ${state.level} the next level on the ${track.trackId} track is ${target?.level ?? 'none'}, not ${toLevel}`);
        if (effectiveOn < state.levelSince) throw new RuleViolation('before-current-level', `${effectiveOn} is before ${employeeId} reached ${state.level} (${state.levelSince})`);
        const unmet = unmetCriteria(target.criteria, evidence, state.levelSince, effectiveOn);
        const reason = command.data.exception?.reason?.trim();
        if (command.data.exception && !reason) throw new RuleViolation('reason-required', 'An exception to the criteria states its reason');
        if (reason && reason.length > MAX_DECISION_REASON) throw new RuleViolation('reason-too-long', `A reason has at most ${MAX_DECISION_REASON} characters`);
        if (unmet.length > 0 && !reason)
          throw new RuleViolation('promotion-criteria-not-met', `The criteria for ${toLevel} on the ${track.trackId} track do not hold: ${unmet.map((u) => u.detail).join('; ')}`);
        return [
          {
            type: 'PromotionDecided',
            data: {
              employeeId,
              departmentId: state.departmentId,
              trackId: track.trackId,
              trackVersion: track.version,
              fromLevel: state.level,
              toLevel,
              effectiveOn,
              evidence,
              unmet,
              ...(reason ? { exception: { reason } } : {}),
              ...(outcomeId ? { outcomeId } : {}),
              decidedBy: actor.userId,
              decidedAt: at,
            },
          },
        ];
      }
    }
  },
};

function date(value: string): void {
  if (!CAREER_DATE.test(value) || Number.isNaN(Date.parse(value))) throw new RuleViolation('invalid-date', `${value} is not a date (YYYY-MM-DD)`);
}

/** The career as it stood on a date: the track and level then, since when, and the history up to that date. */
export function careerAsOf(state: Career, asOf: string): { trackId: TrackId | null; level: string | null; levelSince: string | null; history: CareerEntry[]; payAdjustmentPercent: number } {
  const history = state.history.filter((e) => e.effectiveOn <= asOf);
  let trackId: TrackId | null = null;
  let level: string | null = null;
  let levelSince: string | null = null;
  let pay = 1;
  for (const entry of [...history].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))) {
    if (entry.kind === 'track-assigned') [trackId, level, levelSince] = [entry.trackId, entry.level, entry.effectiveOn];
    if (entry.kind === 'promotion') [level, levelSince] = [entry.toLevel, entry.effectiveOn];
    if (entry.kind === 'pay-adjustment') pay *= 1 + entry.percent / 100;
  }
  return { trackId, level, levelSince, history, payAdjustmentPercent: Math.round((pay - 1) * 1_000_000) / 10_000 };
}

/** `hr-performance.promotion-career-<employeeId>`: bounded by one person's career (a few entries a year). Access: the service's rule. */
export const careers: Aggregate<CareerCommand, CareerEvent, CareerState> = {
  name: 'Career',
  streamPrefix: 'hr-performance.promotion-career-',
  decider: career,
  idOf: (command) => command.data.employeeId,
  creates: ['AssignTrack', 'RecordPayAdjustment'],
};

export const careerStream = (employeeId: string): string => streamOf(careers, employeeId);
