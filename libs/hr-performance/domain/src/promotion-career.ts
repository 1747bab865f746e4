import { Aggregate, Command, Decider, DomainEvent, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { MAX_DECISION_REASON, OutcomeBasis } from './outcome';
import { PromotionEvidence, PromotionTrackVersion, TrackId, UnmetCriterion, unmetCriteria } from './promotion-track';

/**
 * An employee's career beside their record (H-3.2, H-2.3): the promotions decided and the pay adjustments
 * approved from their appraisals, each effective from a date, so that they can be read as they stood on any
 * date. The track and level (grade) an employee holds are their placement on the employee record
 * (`employees.ts`), which a decided promotion places at the new level. A promotion is decided only when
 * the target level's criteria hold, or as an explicit exception with its reason; both keep the criteria as
 * evaluated.
 */

export const CAREER_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type CareerEntry =
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
  history: CareerEntry[];
}

/** Where the employee stands when a promotion is decided, from their record. */
export interface CurrentPlacement {
  departmentId: string;
  trackId: TrackId;
  level: string;
  /** `YYYY-MM-DD`: since when they hold the level. */
  levelSince: string;
}
export type CareerState = Career | null;

export type DecidePromotion = Command<
  'DecidePromotion',
  { employeeId: string; current: CurrentPlacement; track: PromotionTrackVersion; toLevel: string; effectiveOn: string; evidence: PromotionEvidence; exception?: { reason: string }; outcomeId?: string }
>;
export type RecordPayAdjustment = Command<'RecordPayAdjustment', OutcomeBasis & { employeeId: string; departmentId: string; outcomeId: string; percent: number; effectiveOn: string }>;
export type CareerCommand = DecidePromotion | RecordPayAdjustment;

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
export type CareerEvent = PromotionDecided | PayAdjustmentRecorded;

export const career: Decider<CareerCommand, CareerEvent, CareerState> = {
  initialState: () => null,
  evolve(state, event) {
    const base: Career = state ?? { employeeId: event.data.employeeId, departmentId: event.data.departmentId, history: [] };
    switch (event.type) {
      case 'PromotionDecided': {
        const { trackId, trackVersion, fromLevel, toLevel, effectiveOn, unmet, exception, outcomeId, decidedBy, decidedAt } = event.data;
        const entry: CareerEntry = { kind: 'promotion', trackId, trackVersion, fromLevel, toLevel, effectiveOn, unmet, ...(exception ? { exception } : {}), ...(outcomeId ? { outcomeId } : {}), at: decidedAt, by: decidedBy };
        return { ...base, departmentId: event.data.departmentId, history: [...base.history, entry] };
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
      case 'RecordPayAdjustment': {
        if (state?.history.some((e) => e.kind === 'pay-adjustment' && e.outcomeId === command.data.outcomeId)) return [];
        date(command.data.effectiveOn);
        return [{ type: 'PayAdjustmentRecorded', data: { ...command.data, recordedBy: actor.userId, recordedAt: at } }];
      }
      case 'DecidePromotion': {
        const { employeeId, current, track, toLevel, effectiveOn, evidence, outcomeId } = command.data;
        date(effectiveOn);
        if (current.trackId !== track.trackId) throw new RuleViolation('other-track', `${employeeId}'s post is on the ${current.trackId} track, not the ${track.trackId} track`);
        const from = track.levels.findIndex((l) => l.level === current.level);
        if (from === -1) throw new RuleViolation('unknown-level', `${employeeId}'s level ${current.level} is not a level of the ${track.trackId} track`);
        const target = track.levels[from + 1];
        if (!target || target.level !== toLevel)
          throw new RuleViolation('not-next-level', `From ${current.level} the next level on the ${track.trackId} track is ${target?.level ?? 'none'}, not ${toLevel}`);
        if (effectiveOn <= current.levelSince) throw new RuleViolation('before-current-level', `${effectiveOn} is not after ${employeeId} reached ${current.level} (${current.levelSince})`);
        if (state?.history.some((e) => e.kind === 'promotion' && e.toLevel === toLevel && e.effectiveOn === effectiveOn)) return [];
        const unmet = unmetCriteria(target.criteria, evidence, current.levelSince, effectiveOn);
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
              departmentId: current.departmentId,
              trackId: track.trackId,
              trackVersion: track.version,
              fromLevel: current.level,
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

/** The promotions and pay adjustments effective on a date, and the pay adjusted by then, compounded (percent). */
export function careerAsOf(state: Career, asOf: string): { history: CareerEntry[]; payAdjustmentPercent: number } {
  const history = state.history.filter((e) => e.effectiveOn <= asOf).sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
  const pay = history.reduce((factor, e) => (e.kind === 'pay-adjustment' ? factor * (1 + e.percent / 100) : factor), 1);
  return { history, payAdjustmentPercent: Math.round((pay - 1) * 1_000_000) / 10_000 };
}

/** `hr-performance.promotion-career-<employeeId>`: bounded by one person's career (a few entries a year). Access: the service's rule. */
export const careers: Aggregate<CareerCommand, CareerEvent, CareerState> = {
  name: 'Career',
  streamPrefix: 'hr-performance.promotion-career-',
  decider: career,
  idOf: (command) => command.data.employeeId,
  creates: ['DecidePromotion', 'RecordPayAdjustment'],
};

export const careerStream = (employeeId: string): string => streamOf(careers, employeeId);
