import { Aggregate, Command, Decider, DomainEvent, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { QualityFigures, QualityIndicator, normaliseQuality, normaliseRating, roundScore, weightedScore } from './appraisal-scoring';
import { AppraisalSchemeVersion, SchemeLine } from './appraisal-scheme';

/**
 * One employee's appraisal for one cycle (H-2.2, 四(二)2 "績效考核周期分為月度考核和年度考核"): a month
 * (`YYYY-MM`) or a year (`YYYY`).
 *
 * Monthly: drafted when quality monitoring closes the month, from the facts it published for the person
 * (`period.closed.v1`), each quality line naming the fact it came from (period, indicator, value, message
 * id) and the weight of the post's scheme version; the department head rates the post's duties and adds the
 * qualitative assessment; HR finalises. Annual: the year's months that exist, their mean, and the head's
 * annual review (goals met, strengths, development needs); HR finalises.
 *
 * A finalised appraisal never changes silently: a correction of the month's scorecard afterwards flags it
 * for review, and a revision is an event of its own with its reason.
 */

export const MAX_APPRAISAL_TEXT = 4_000;
export const APPRAISAL_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const APPRAISAL_YEAR = /^\d{4}$/;

/** The facts a monthly appraisal is drawn from: one person's published figures of one closed month. */
export interface PublishedFacts {
  period: string;
  /** The id of the `period.closed.v1` message. */
  messageId: string;
  indicators: QualityFigures;
}

export interface AppraisalLine {
  indicatorId: string;
  source: 'quality' | 'duty';
  indicator?: QualityIndicator;
  duty?: string;
  weight: number;
  /** The published value (quality) or the head's rating 0…100 (duty); null: nothing to count or not yet rated. */
  value: number | null;
  normalised: number | null;
  /** A quality line's published fact. */
  from?: { period: string; indicator: QualityIndicator; value: number | null; messageId: string };
}

export interface MonthScore {
  period: string;
  appraisalId: string;
  score: number | null;
}

/** Whose appraisal of which period, under which scheme version: the state names it, and so do a finalisation and each revision. */
export interface AppraisalIdentity {
  appraisalId: string;
  employeeId: string;
  departmentId: string;
  postId: string;
  kind: 'monthly' | 'annual';
  period: string;
  /** A monthly appraisal's scheme version. */
  scheme?: { postId: string; version: number };
}

export interface Appraisal extends AppraisalIdentity {
  facts?: PublishedFacts;
  lines: AppraisalLine[];
  months?: MonthScore[];
  score: number | null;
  status: 'draft' | 'assessed' | 'finalised';
  assessment?: { text: string; by: string; at: string };
  annualReview?: { goalsMet: string; strengths: string; developmentNeeds: string; by: string; at: string };
  finalisedAt?: string;
  finalisedBy?: string;
  /** 0 as first finalised; each revision adds one. */
  revision: number;
  reviewFlags: Array<{ adjustment: number; departmentId: string; reason: string; messageId: string; flaggedAt: string }>;
  /**
   * The quality lines (indicator ids) quality monitoring published no value for. The score is then taken over
   * the lines that have one, which moves their weight onto the rest (the head's ratings among them): such an
   * appraisal needs review until HR revises it with a reason (H-2.1 服務質量指標達成情況, H-2.3).
   */
  missingIndicators: string[];
  /** A scorecard correction flagged it, or quality lines have no value; cleared by a revision. Outcomes and promotions wait for it. */
  needsReview: boolean;
  revisions: Array<{ revision: number; reason: string; scoreBefore: number | null; score: number | null; at: string; by: string }>;
  draftedAt: string;
}
export type AppraisalState = Appraisal | null;

type Ratings = Record<string, number>;

export type DraftMonthlyAppraisal = Command<
  'DraftMonthlyAppraisal',
  { appraisalId: string; employeeId: string; departmentId: string; postId: string; scheme: AppraisalSchemeVersion; facts: PublishedFacts }
>;
export type DraftAnnualAppraisal = Command<
  'DraftAnnualAppraisal',
  { appraisalId: string; employeeId: string; departmentId: string; postId: string; year: string; months: MonthScore[] }
>;
export type AssessAppraisal = Command<'AssessAppraisal', { appraisalId: string; assessment: string; ratings: Ratings }>;
export type RecordAnnualReview = Command<'RecordAnnualReview', { appraisalId: string; goalsMet: string; strengths: string; developmentNeeds: string }>;
export type FinaliseAppraisal = Command<'FinaliseAppraisal', { appraisalId: string }>;
export type FlagAppraisalForReview = Command<
  'FlagAppraisalForReview',
  { appraisalId: string; departmentId: string; adjustment: number; reason: string; messageId: string }
>;
export type ReviseAppraisal = Command<'ReviseAppraisal', { appraisalId: string; reason: string; ratings?: Ratings; months?: MonthScore[] }>;
export type AppraisalCommand =
  | DraftMonthlyAppraisal
  | DraftAnnualAppraisal
  | AssessAppraisal
  | RecordAnnualReview
  | FinaliseAppraisal
  | FlagAppraisalForReview
  | ReviseAppraisal;

export type MonthlyAppraisalDrafted = DomainEvent<
  'MonthlyAppraisalDrafted',
  {
    appraisalId: string;
    employeeId: string;
    departmentId: string;
    postId: string;
    period: string;
    scheme: { postId: string; version: number };
    facts: PublishedFacts;
    lines: AppraisalLine[];
    score: number | null;
    draftedAt: string;
  }
>;
export type AnnualAppraisalDrafted = DomainEvent<
  'AnnualAppraisalDrafted',
  { appraisalId: string; employeeId: string; departmentId: string; postId: string; period: string; months: MonthScore[]; score: number | null; draftedAt: string; draftedBy: string }
>;
export type AppraisalAssessed = DomainEvent<
  'AppraisalAssessed',
  { appraisalId: string; employeeId: string; assessment: string; lines: AppraisalLine[]; score: number | null; assessedBy: string; assessedAt: string }
>;
export type AnnualReviewRecorded = DomainEvent<
  'AnnualReviewRecorded',
  { appraisalId: string; employeeId: string; goalsMet: string; strengths: string; developmentNeeds: string; reviewedBy: string; reviewedAt: string }
>;
export type AppraisalFinalised = DomainEvent<'AppraisalFinalised', AppraisalIdentity & { score: number | null; finalisedBy: string; finalisedAt: string }>;
export type AppraisalFlaggedForReview = DomainEvent<
  'AppraisalFlaggedForReview',
  { appraisalId: string; employeeId: string; departmentId: string; adjustment: number; reason: string; messageId: string; flaggedAt: string }
>;
export type AppraisalRevised = DomainEvent<
  'AppraisalRevised',
  AppraisalIdentity & {
    revision: number;
    reason: string;
    lines: AppraisalLine[];
    months?: MonthScore[];
    scoreBefore: number | null;
    score: number | null;
    revisedBy: string;
    revisedAt: string;
  }
>;
export type AppraisalEvent =
  | MonthlyAppraisalDrafted
  | AnnualAppraisalDrafted
  | AppraisalAssessed
  | AnnualReviewRecorded
  | AppraisalFinalised
  | AppraisalFlaggedForReview
  | AppraisalRevised;

/** The appraisal's lines under a scheme version: quality lines from the published facts, duty lines from the ratings. */
export function appraisalLines(scheme: Pick<AppraisalSchemeVersion, 'lines' | 'referenceMinutes'>, facts: PublishedFacts, ratings: Ratings = {}): AppraisalLine[] {
  return scheme.lines.map((line: SchemeLine): AppraisalLine => {
    if (line.source === 'duty') {
      const value = ratings[line.indicatorId] ?? null;
      return { indicatorId: line.indicatorId, source: 'duty', duty: line.duty, weight: line.weight, value, normalised: normaliseRating(value) };
    }
    const value = facts.indicators[line.indicator] ?? null;
    return {
      indicatorId: line.indicatorId,
      source: 'quality',
      indicator: line.indicator,
      weight: line.weight,
      value,
      normalised: normaliseQuality(line.indicator, value, scheme.referenceMinutes),
      from: { period: facts.period, indicator: line.indicator, value, messageId: facts.messageId },
    };
  });
}

/** The annual score: the mean of the scored months that exist; null when none has a score. */
export function annualScore(months: readonly MonthScore[]): number | null {
  const scores = months.map((m) => m.score).filter((s): s is number => s !== null);
  return scores.length === 0 ? null : roundScore(scores.reduce((a, b) => a + b, 0) / scores.length);
}

/**
 * A closed monthly appraisal re-scored under another scheme version, side by side with its official
 * figures, changing nothing: the same published facts, and the head's ratings of the duties both versions name.
 */
export function rescore(appraisal: Appraisal, scheme: AppraisalSchemeVersion): { scheme: { postId: string; version: number }; lines: AppraisalLine[]; score: number | null } {
  if (!appraisal.facts) throw new RuleViolation('not-monthly', 'Only a monthly appraisal is scored from published facts');
  const ratingsByDuty = new Map(appraisal.lines.filter((l) => l.source === 'duty' && l.value !== null).map((l) => [l.duty, l.value as number]));
  const ratings: Ratings = {};
  for (const line of scheme.lines) if (line.source === 'duty' && ratingsByDuty.has(line.duty)) ratings[line.indicatorId] = ratingsByDuty.get(line.duty)!;
  const lines = appraisalLines(scheme, appraisal.facts, ratings);
  return { scheme: { postId: scheme.postId, version: scheme.version }, lines, score: weightedScore(lines) };
}

export const appraisal: Decider<AppraisalCommand, AppraisalEvent, AppraisalState> = {
  initialState: () => null,
  evolve(state, event) {
    switch (event.type) {
      case 'MonthlyAppraisalDrafted': {
        const { scheme, facts, lines, score, draftedAt, ...who } = event.data;
        const missingIndicators = missingQualityLines(lines);
        return { ...who, kind: 'monthly', scheme, facts, lines, score, status: 'draft', revision: 0, reviewFlags: [], missingIndicators, needsReview: missingIndicators.length > 0, revisions: [], draftedAt };
      }
      case 'AnnualAppraisalDrafted': {
        const { months, score, draftedAt, draftedBy: _by, ...who } = event.data;
        return { ...(state ?? { revision: 0, reviewFlags: [], missingIndicators: [], needsReview: false, revisions: [] }), ...who, kind: 'annual', lines: [], months, score, status: state?.annualReview ? 'assessed' : 'draft', draftedAt };
      }
      case 'AppraisalAssessed':
        return state && { ...state, lines: event.data.lines, missingIndicators: missingQualityLines(event.data.lines), score: event.data.score, status: 'assessed', assessment: { text: event.data.assessment, by: event.data.assessedBy, at: event.data.assessedAt } };
      case 'AnnualReviewRecorded': {
        const { goalsMet, strengths, developmentNeeds, reviewedBy, reviewedAt } = event.data;
        return state && { ...state, status: 'assessed', annualReview: { goalsMet, strengths, developmentNeeds, by: reviewedBy, at: reviewedAt } };
      }
      case 'AppraisalFinalised':
        return state && { ...state, status: 'finalised', score: event.data.score, finalisedAt: event.data.finalisedAt, finalisedBy: event.data.finalisedBy };
      case 'AppraisalFlaggedForReview': {
        const { adjustment, departmentId, reason, messageId, flaggedAt } = event.data;
        return state && { ...state, needsReview: true, reviewFlags: [...state.reviewFlags, { adjustment, departmentId, reason, messageId, flaggedAt }] };
      }
      case 'AppraisalRevised': {
        const { revision, reason, lines, months, scoreBefore, score, revisedBy, revisedAt } = event.data;
        return (
          state && {
            ...state,
            lines,
            missingIndicators: missingQualityLines(lines),
            months: months ?? state.months,
            score,
            revision,
            needsReview: false,
            revisions: [...state.revisions, { revision, reason, scoreBefore, score, at: revisedAt, by: revisedBy }],
          }
        );
      }
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'DraftMonthlyAppraisal') {
      if (state) return [];
      const { appraisalId, employeeId, departmentId, postId, scheme, facts } = command.data;
      if (!APPRAISAL_MONTH.test(facts.period)) throw new RuleViolation('not-a-month', `${facts.period} is not a month (YYYY-MM)`);
      const lines = appraisalLines(scheme, facts);
      return [
        {
          type: 'MonthlyAppraisalDrafted',
          data: { appraisalId, employeeId, departmentId, postId, period: facts.period, scheme: { postId: scheme.postId, version: scheme.version }, facts, lines, score: weightedScore(lines), draftedAt: at },
        },
      ];
    }
    if (command.type === 'DraftAnnualAppraisal') {
      const { appraisalId, employeeId, departmentId, postId, year, months } = command.data;
      if (state?.status === 'finalised') throw new RuleViolation('appraisal-finalised', `The appraisal ${appraisalId} is finalised; revise it with a reason`);
      if (!APPRAISAL_YEAR.test(year)) throw new RuleViolation('not-a-year', `${year} is not a year (YYYY)`);
      const foreign = months.find((m) => !m.period.startsWith(`${year}-`));
      if (foreign) throw new RuleViolation('month-outside-year', `${foreign.period} is not a month of ${year}`);
      return [{ type: 'AnnualAppraisalDrafted', data: { appraisalId, employeeId, departmentId, postId, period: year, months, score: annualScore(months), draftedAt: at, draftedBy: actor.userId } }];
    }
    if (!state) throw new NotFoundError('Appraisal', command.data.appraisalId);
    if (command.type !== 'FlagAppraisalForReview') notOwn(state, actor.userId);
    switch (command.type) {
      case 'AssessAppraisal': {
        open(state);
        if (state.kind !== 'monthly') throw new RuleViolation('not-monthly', 'An annual appraisal takes an annual review, not an assessment');
        const assessment = text(command.data.assessment, 'assessment');
        const lines = rated(state, command.data.ratings);
        return [{ type: 'AppraisalAssessed', data: { appraisalId: state.appraisalId, employeeId: state.employeeId, assessment, lines, score: weightedScore(lines), assessedBy: actor.userId, assessedAt: at } }];
      }
      case 'RecordAnnualReview': {
        open(state);
        if (state.kind !== 'annual') throw new RuleViolation('not-annual', 'A monthly appraisal takes an assessment, not an annual review');
        const { goalsMet, strengths, developmentNeeds } = command.data;
        return [
          {
            type: 'AnnualReviewRecorded',
            data: {
              appraisalId: state.appraisalId,
              employeeId: state.employeeId,
              goalsMet: text(goalsMet, 'goalsMet'),
              strengths: text(strengths, 'strengths'),
              developmentNeeds: text(developmentNeeds, 'developmentNeeds'),
              reviewedBy: actor.userId,
              reviewedAt: at,
            },
          },
        ];
      }
      case 'FinaliseAppraisal': {
        open(state);
        if (state.status !== 'assessed')
          throw new RuleViolation('not-assessed', state.kind === 'monthly' ? 'The department head has not assessed this appraisal yet' : 'The department head has not recorded the annual review yet');
        return [{ type: 'AppraisalFinalised', data: { ...identityOf(state), score: state.score, finalisedBy: actor.userId, finalisedAt: at } }];
      }
      case 'FlagAppraisalForReview': {
        const { departmentId, adjustment, reason, messageId } = command.data;
        if (state.reviewFlags.some((f) => f.adjustment === adjustment && f.departmentId === departmentId)) return [];
        return [{ type: 'AppraisalFlaggedForReview', data: { appraisalId: state.appraisalId, employeeId: state.employeeId, departmentId, adjustment, reason, messageId, flaggedAt: at } }];
      }
      case 'ReviseAppraisal': {
        if (state.status !== 'finalised') throw new RuleViolation('not-finalised', 'Only a finalised appraisal is revised; change a draft by assessing it again');
        const reason = text(command.data.reason, 'reason');
        const lines = state.kind === 'monthly' ? rated(state, { ...ratingsOf(state), ...(command.data.ratings ?? {}) }) : state.lines;
        const months = state.kind === 'annual' ? (command.data.months ?? state.months ?? []) : undefined;
        const score = state.kind === 'monthly' ? weightedScore(lines) : annualScore(months ?? []);
        return [
          {
            type: 'AppraisalRevised',
            data: { ...identityOf(state), revision: state.revision + 1, reason, lines, ...(months ? { months } : {}), scoreBefore: state.score, score, revisedBy: actor.userId, revisedAt: at },
          },
        ];
      }
    }
  },
};

function identityOf({ appraisalId, employeeId, departmentId, postId, kind, period, scheme }: Appraisal): AppraisalIdentity {
  return { appraisalId, employeeId, departmentId, postId, kind, period, ...(scheme ? { scheme } : {}) };
}

/**
 * Nobody assesses, reviews, finalises or revises their own appraisal: a department head's own month is
 * assessed by another head of the department, never by themselves (四(二) 績效考核: the result drives their
 * pay, bonus and promotion, H-2.3).
 */
function notOwn(state: Appraisal, userId: string): void {
  if (state.employeeId === userId) throw new RuleViolation('own-appraisal', `Nobody assesses, reviews, finalises or revises their own appraisal (${state.appraisalId} is ${userId}'s)`);
}

/** The quality lines without a published value: their weight would silently move onto the other lines. */
export function missingQualityLines(lines: readonly AppraisalLine[]): string[] {
  return lines.filter((l) => l.source === 'quality' && l.normalised === null).map((l) => l.indicatorId);
}

function open(state: Appraisal): void {
  if (state.status === 'finalised') throw new RuleViolation('appraisal-finalised', `The appraisal ${state.appraisalId} is finalised; revise it with a reason`);
}

function text(value: string, field: string): string {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) throw new RuleViolation('text-required', `${field} must not be empty`);
  if (trimmed.length > MAX_APPRAISAL_TEXT) throw new RuleViolation('text-too-long', `${field} has at most ${MAX_APPRAISAL_TEXT} characters`);
  return trimmed;
}

function ratingsOf(state: Appraisal): Ratings {
  return Object.fromEntries(state.lines.filter((l) => l.source === 'duty' && l.value !== null).map((l) => [l.indicatorId, l.value as number]));
}

/** The lines with every duty rated 0…100; a rating for no duty of the scheme, or a duty left unrated, is refused. */
function rated(state: Appraisal, ratings: Ratings): AppraisalLine[] {
  const duties = state.lines.filter((l) => l.source === 'duty').map((l) => l.indicatorId);
  for (const [indicatorId, rating] of Object.entries(ratings)) {
    if (!duties.includes(indicatorId)) throw new RuleViolation('unknown-duty', `${indicatorId} is not a duty of this appraisal's scheme`);
    if (!(typeof rating === 'number' && rating >= 0 && rating <= 100)) throw new RuleViolation('invalid-rating', `The rating of ${indicatorId} must be from 0 to 100`);
  }
  const unrated = duties.find((id) => ratings[id] === undefined);
  if (unrated) throw new RuleViolation('duty-not-rated', `Rate the duty ${unrated} (0 to 100)`);
  return state.lines.map((line) => (line.source === 'duty' ? { ...line, value: ratings[line.indicatorId], normalised: normaliseRating(ratings[line.indicatorId]) } : line));
}

/** A monthly appraisal is `<employeeId>.<YYYY-MM>`, an annual one `<employeeId>.<YYYY>`. */
export const appraisalIdOf = (employeeId: string, period: string): string => `${employeeId}.${period}`;

/**
 * `hr-performance.staff-appraisal-<employeeId>.<period>`: one stream per person and cycle, bounded by its own
 * life (a draft, an assessment, a finalisation and rare reviews). No platform scope: who may see or act on
 * an appraisal is narrower than a department (`appraisal-access.ts`), checked by the service before it acts.
 */
export const appraisals: Aggregate<AppraisalCommand, AppraisalEvent, AppraisalState> = {
  name: 'Appraisal',
  streamPrefix: 'hr-performance.staff-appraisal-',
  decider: appraisal,
  idOf: (command) => command.data.appraisalId,
  creates: ['DraftMonthlyAppraisal', 'DraftAnnualAppraisal'],
};

export const appraisalStream = (appraisalId: string): string => streamOf(appraisals, appraisalId);
