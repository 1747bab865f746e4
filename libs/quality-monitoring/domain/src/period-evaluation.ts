import { RuleViolation } from '@serviceledger/platform/core';
import { DEFAULT_TIME_ZONE, localDateOf } from './business-calendar';

/**
 * Period evaluation (Q-2.2; sla-and-metrics.md, "Indicators for periodic scoring"): the indicators of a
 * department or a person for a month or a quarter, computed by a pure function from facts that the
 * service keeps from the other services' events, its clocks and its daily checks.
 *
 * A fact counts in the period in which its instant falls, as a date in Asia/Shanghai.
 *
 * How each indicator reads the spec, where the spec leaves a choice:
 * - Response compliance: first-response clocks whose outcome was decided in the period, met ÷ (met +
 *   breached). A met clock is decided when it stops; a breached one when its target was exceeded
 *   (`breachedAt`), whether it has stopped since or is still running: 首問負責, 及時響應 (Q-1.1 服務響應時間)
 *   is already broken then, and a customer never answered must not weigh less than one answered late
 *   (sla-and-metrics.md leaves running clocks out; this departs from it for breached ones only). A clock
 *   still running within its target is left out (undecided); cancelled ones never have an outcome.
 * - Resolution rate: demands resolved in the period ÷ demands received (registered) in the period; it can
 *   exceed 1 when a backlog is cleared. Resolution rate by due date, beside it: demands resolved in the
 *   period with their resolution clock met ÷ demands received in the period.
 * - Average and p90 FRT / TTR: `usedMinutes` of the first-response / resolution clocks stopped in the
 *   period (a breached clock still running has no time used yet); the p90 is the nearest rank (the ⌈0.9·n⌉-th smallest).
 * - Rectification rate: acceptance rounds rejected ÷ acceptance rounds submitted (rejected + passed).
 * - Satisfaction: the mean of the follow-up visits' scores scaled to 5, and the share with a scaled score
 *   ≥ 4. Each score is scaled from the scale of the survey version it answered (`satisfactionOnFive`);
 *   a visit without a survey (published before surveys were versioned) was scored 1–5.
 * - NPS: % promoters (9–10) − % detractors (0–6) of the visits that asked for a recommendation, in points.
 * - Complaint rate: complaints registered in the period ÷ demands received in the period (a complaint is
 *   a demand, so it counts in both).
 * - Promised-time compliance: complaints resolved in the period within the promise ÷ complaints resolved
 *   in the period.
 * - Promised-result compliance (C-2.3, 向客戶承諾處理時間和結果): complaints resolved in the period with the
 *   result promised to the customer delivered ÷ complaints resolved in the period whose closing said
 *   whether it was. A complaint resolved before intake recorded it (a `complaint.resolved.v1`) is not
 *   known either way and is left out, rather than counted as kept or broken.
 * - Spot-check score: the mean of the spot checks' scores (0–100) in the period.
 * - Record accuracy (G-1, 服務的準確性; the demands recorded 詳細、準確, 二(一)2): record reviews in the period
 *   found compliant ÷ record reviews in the period, for the department and the person each names.
 * - First time right (G-1, 服務的準確性): cases whose first acceptance round (round 1) was decided in the
 *   period and passed ÷ cases whose first acceptance round was decided in the period. It reads the round
 *   number each acceptance fact already carries; later rounds are left out (the rectification rate counts
 *   them), so a case counts once, in the period its first round was decided.
 * An indicator with nothing to count (a zero denominator) is null, never 0.
 */

export type PeriodKind = 'month' | 'quarter';

export interface Period {
  /** `YYYY-MM` for a month, `YYYY-Qn` for a quarter. */
  key: string;
  kind: PeriodKind;
  /** The first and last local dates (Asia/Shanghai), inclusive. */
  from: string;
  to: string;
}

export const PERIOD_TIME_ZONE = DEFAULT_TIME_ZONE;

/** A period from its key: `2026-11` (a month) or `2026-Q4` (a quarter). */
export function periodOf(key: string): Period {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    return { key, kind: 'month', from: `${key}-01`, to: `${key}-${pad(daysIn(year, m))}` };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const [year, q] = [Number(quarter[1]), Number(quarter[2])];
    const first = (q - 1) * 3 + 1;
    return { key, kind: 'quarter', from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(daysIn(year, first + 2))}` };
  }
  throw new RuleViolation('invalid-period', `A period is YYYY-MM or YYYY-Qn, not ${key}`);
}

/** Whether an instant falls in the period, as a date in Asia/Shanghai. */
export function inPeriod(period: Period, instant: string): boolean {
  const date = localDateOf(PERIOD_TIME_ZONE, instant);
  return date >= period.from && date <= period.to;
}

/** The local date after the period's last: a period can be closed from its first instant on. */
export function periodEndDate(period: Period): string {
  const [y, m, d] = period.to.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

export function periodHasEnded(period: Period, atIso: string): boolean {
  return localDateOf(PERIOD_TIME_ZONE, atIso) >= periodEndDate(period);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Who answers for a fact: the department, and the person (the owner of the demand, the checked person). */
export interface Attribution {
  departmentId: string | null;
  personId: string | null;
}

/** A demand as intake received and resolved it (complaints included). */
export interface DemandFact extends Attribution {
  demandId: string;
  registeredAt: string;
  resolvedAt?: string | null;
  /** Whether its resolution clock stopped met; null or absent when it has none. */
  resolvedWithinTarget?: boolean | null;
}

/** A clock with a decided outcome: stopped, or breached and still running (`stoppedAt` null). */
export interface StoppedClockFact extends Attribution {
  caseId: string;
  metric: 'first-response' | 'resolution' | string;
  outcome: 'met' | 'breached';
  /** Business minutes used when it stopped; for a breached clock still running, its target. */
  usedMinutes: number;
  /** When it stopped; null: breached and still running. */
  stoppedAt: string | null;
  /** When a breached clock exceeded its target; its outcome is decided from then. Absent: as `stoppedAt`. */
  breachedAt?: string | null;
}

/** The instant a clock's outcome was decided: its breach for a breached clock, otherwise its stop. */
export function decidedAt(clock: StoppedClockFact): string | null {
  return (clock.outcome === 'breached' ? clock.breachedAt : undefined) ?? clock.stoppedAt;
}

/** One round of acceptance (service-delivery's case.acceptance-rejected / -passed). */
export interface AcceptanceFact extends Attribution {
  caseId: string;
  round: number;
  passed: boolean;
  at: string;
}

/** A follow-up visit's scores (case.follow-up-visit-completed). */
export interface VisitFact extends Attribution {
  caseId: string;
  /** The score scaled to 5 (`satisfactionOnFive`): 1–5, not necessarily whole. */
  satisfaction: number;
  /** 0–10, when the survey asked for it. */
  recommendation?: number | null;
  at: string;
}

/** The whole scores of a satisfaction survey, from lowest to highest. */
export interface SatisfactionScale {
  lowest: number;
  highest: number;
}

/** The scale of a visit published without its survey: follow-up visits were scored 1–5 before surveys were versioned. */
export const DEFAULT_SATISFACTION_SCALE: SatisfactionScale = { lowest: 1, highest: 5 };

/**
 * A satisfaction score "scaled to 5": the survey's scale mapped linearly onto 1–5, its lowest score to 1
 * and its highest to 5, that is 1 + 4 × (score − lowest) ÷ (highest − lowest). A 1–5 answer is unchanged;
 * on 0–10, 0 → 1, 5 → 3, 8 → 4.2, so 8 and above count as satisfied. Both ends are mapped, not only the
 * top (score × 5 ÷ highest), so that every survey's worst answer counts as the 1–5 survey's does (× 5 ÷
 * highest would put a 0–10 survey's 0 at 0 and a 1–7 survey's 1 at 0.71), and the mean stays on the 1–5
 * that the scoring scheme normalises by dividing by 5.
 */
export function satisfactionOnFive(score: number, scale: SatisfactionScale = DEFAULT_SATISFACTION_SCALE): number {
  return 1 + (4 * (score - scale.lowest)) / (scale.highest - scale.lowest);
}

/** A complaint (C-2.3): registered, and resolved within its promise or not, with its promised result delivered or not. */
export interface ComplaintFact extends Attribution {
  demandId: string;
  registeredAt: string;
  resolvedAt?: string | null;
  withinPromise?: boolean | null;
  /** Null or absent: not known (resolved before closing recorded it). */
  promisedResultDelivered?: boolean | null;
}

/** A record review from the daily checks: were the case's records detailed and accurate. */
export interface RecordReviewFact extends Attribution {
  checkId: string;
  compliant: boolean;
  at: string;
}

/** A spot check's score (0–100) from the daily checks. */
export interface SpotCheckFact extends Attribution {
  checkId: string;
  score: number;
  at: string;
}

export interface EvaluationFacts {
  demands: DemandFact[];
  clocks: StoppedClockFact[];
  acceptances: AcceptanceFact[];
  visits: VisitFact[];
  complaints: ComplaintFact[];
  spotChecks: SpotCheckFact[];
  recordReviews: RecordReviewFact[];
}

/**
 * The indicators, customer satisfaction first: 以客戶滿意度為衡量服務質量的核心標準 (G-1). A scorecard lists
 * them in this order, and a scoring scheme must give those of `CUSTOMER_SATISFACTION_INDICATORS` a floor weight.
 */
export const INDICATORS = [
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
  'promisedResultCompliance',
  'spotCheckScore',
  'recordAccuracy',
  'firstTimeRight',
] as const;
export type Indicator = (typeof INDICATORS)[number];
export type IndicatorValues = Record<Indicator, number | null>;

/** What the customers said of the service (G-1): their satisfaction, the share satisfied, and whether they would recommend it. */
export const CUSTOMER_SATISFACTION_INDICATORS: readonly Indicator[] = ['satisfaction', 'satisfiedShare', 'nps'];

/** Indicators in `INDICATORS` order, customer satisfaction first; one a frozen scorecard predates is null. */
export function inIndicatorOrder(values: Partial<IndicatorValues>): IndicatorValues {
  return Object.fromEntries(INDICATORS.map((indicator) => [indicator, values[indicator] ?? null])) as IndicatorValues;
}

/** What the indicators were computed from, so that each figure can be explained. */
export interface IndicatorCounts {
  firstResponsesMet: number;
  firstResponsesBreached: number;
  demandsReceived: number;
  demandsResolved: number;
  demandsResolvedWithinTarget: number;
  firstResponses: number;
  resolutions: number;
  acceptancesSubmitted: number;
  acceptancesRejected: number;
  visits: number;
  satisfiedVisits: number;
  npsResponses: number;
  promoters: number;
  detractors: number;
  complaints: number;
  complaintsResolved: number;
  complaintsWithinPromise: number;
  /** Complaints resolved in the period whose closing recorded whether the promised result was delivered. */
  complaintsResultKnown: number;
  complaintsResultDelivered: number;
  spotChecks: number;
  recordReviews: number;
  recordReviewsCompliant: number;
  /** Cases whose first acceptance round was decided in the period, and those it passed. */
  firstAcceptanceRounds: number;
  firstAcceptanceRoundsPassed: number;
}

export interface Evaluation {
  indicators: IndicatorValues;
  counts: IndicatorCounts;
}

/** Whose indicators: a department's, or a person's (for appraisal). */
export type Subject = { departmentId: string } | { personId: string };

/**
 * The facts that count for one department or person in one period, by what they count in: every figure
 * of `evaluate` is computed from these and nothing else, so a scorecard can be explained fact by fact.
 */
export interface CountedFacts {
  /** First-response clocks whose outcome was decided in the period (response compliance; `decidedAt`). */
  firstResponses: StoppedClockFact[];
  /** First-response clocks stopped in the period (FRT). */
  firstResponseTimes: StoppedClockFact[];
  /** Resolution clocks stopped in the period (TTR). */
  resolutions: StoppedClockFact[];
  /** Demands registered in the period. */
  demandsReceived: DemandFact[];
  /** Demands resolved in the period. */
  demandsResolved: DemandFact[];
  /** Acceptance rounds decided in the period. */
  acceptances: AcceptanceFact[];
  /** Follow-up visits in the period. */
  visits: VisitFact[];
  /** Complaints registered in the period. */
  complaintsRegistered: ComplaintFact[];
  /** Complaints resolved in the period. */
  complaintsResolved: ComplaintFact[];
  /** Spot checks in the period. */
  spotChecks: SpotCheckFact[];
  /** Record reviews in the period. */
  recordReviews: RecordReviewFact[];
}

export function countedFacts(facts: EvaluationFacts, period: Period, subject: Subject): CountedFacts {
  const mine = (fact: Attribution) =>
    'departmentId' in subject ? fact.departmentId === subject.departmentId : fact.personId === subject.personId;
  const during = (instant: string | null | undefined) => !!instant && inPeriod(period, instant);
  const clocks = facts.clocks.filter((c) => mine(c) && during(c.stoppedAt));
  const demands = facts.demands.filter(mine);
  const complaints = facts.complaints.filter(mine);
  return {
    firstResponses: facts.clocks.filter((c) => c.metric === 'first-response' && mine(c) && during(decidedAt(c))),
    firstResponseTimes: clocks.filter((c) => c.metric === 'first-response'),
    resolutions: clocks.filter((c) => c.metric === 'resolution'),
    demandsReceived: demands.filter((d) => during(d.registeredAt)),
    demandsResolved: demands.filter((d) => during(d.resolvedAt)),
    acceptances: facts.acceptances.filter((a) => mine(a) && during(a.at)),
    visits: facts.visits.filter((v) => mine(v) && during(v.at)),
    complaintsRegistered: complaints.filter((c) => during(c.registeredAt)),
    complaintsResolved: complaints.filter((c) => during(c.resolvedAt)),
    spotChecks: facts.spotChecks.filter((s) => mine(s) && during(s.at)),
    recordReviews: facts.recordReviews.filter((r) => mine(r) && during(r.at)),
  };
}

/** The indicators of one department or person in one period, exactly per the spec. */
export function evaluate(facts: EvaluationFacts, period: Period, subject: Subject): Evaluation {
  const counted = countedFacts(facts, period, subject);
  const { firstResponses, firstResponseTimes: frt, resolutions: ttr, acceptances, visits, spotChecks, recordReviews } = counted;
  const firstResponsesMet = firstResponses.filter((c) => c.outcome === 'met').length;
  const firstResponsesBreached = firstResponses.filter((c) => c.outcome === 'breached').length;

  const demandsReceived = counted.demandsReceived.length;
  const resolved = counted.demandsResolved;
  const demandsResolvedWithinTarget = resolved.filter((d) => d.resolvedWithinTarget === true).length;

  const acceptancesRejected = acceptances.filter((a) => !a.passed).length;
  const firstRounds = acceptances.filter((a) => a.round === 1);
  const firstAcceptanceRoundsPassed = firstRounds.filter((a) => a.passed).length;
  const recordReviewsCompliant = recordReviews.filter((r) => r.compliant).length;

  const satisfiedVisits = visits.filter((v) => v.satisfaction >= 4).length;
  const asked = visits.filter((v) => typeof v.recommendation === 'number') as Array<VisitFact & { recommendation: number }>;
  const promoters = asked.filter((v) => v.recommendation >= 9).length;
  const detractors = asked.filter((v) => v.recommendation <= 6).length;

  const complaintsRegistered = counted.complaintsRegistered.length;
  const complaintsResolved = counted.complaintsResolved;
  const complaintsWithinPromise = complaintsResolved.filter((c) => c.withinPromise === true).length;
  const resultKnown = complaintsResolved.filter((c) => typeof c.promisedResultDelivered === 'boolean');
  const complaintsResultDelivered = resultKnown.filter((c) => c.promisedResultDelivered === true).length;

  const counts: IndicatorCounts = {
    firstResponsesMet,
    firstResponsesBreached,
    demandsReceived,
    demandsResolved: resolved.length,
    demandsResolvedWithinTarget,
    firstResponses: frt.length,
    resolutions: ttr.length,
    acceptancesSubmitted: acceptances.length,
    acceptancesRejected,
    visits: visits.length,
    satisfiedVisits,
    npsResponses: asked.length,
    promoters,
    detractors,
    complaints: complaintsRegistered,
    complaintsResolved: complaintsResolved.length,
    complaintsWithinPromise,
    complaintsResultKnown: resultKnown.length,
    complaintsResultDelivered,
    spotChecks: spotChecks.length,
    recordReviews: recordReviews.length,
    recordReviewsCompliant,
    firstAcceptanceRounds: firstRounds.length,
    firstAcceptanceRoundsPassed,
  };
  const indicators: IndicatorValues = {
    satisfaction: mean(visits.map((v) => v.satisfaction)),
    satisfiedShare: ratio(satisfiedVisits, visits.length),
    nps: asked.length === 0 ? null : round(((promoters - detractors) / asked.length) * 100),
    responseCompliance: ratio(firstResponsesMet, firstResponsesMet + firstResponsesBreached),
    resolutionRate: ratio(resolved.length, demandsReceived),
    resolutionRateByDueDate: ratio(demandsResolvedWithinTarget, demandsReceived),
    frtAverage: mean(frt.map((c) => c.usedMinutes)),
    frtP90: percentile90(frt.map((c) => c.usedMinutes)),
    ttrAverage: mean(ttr.map((c) => c.usedMinutes)),
    ttrP90: percentile90(ttr.map((c) => c.usedMinutes)),
    rectificationRate: ratio(acceptancesRejected, acceptances.length),
    complaintRate: ratio(complaintsRegistered, demandsReceived),
    promisedTimeCompliance: ratio(complaintsWithinPromise, complaintsResolved.length),
    promisedResultCompliance: ratio(complaintsResultDelivered, resultKnown.length),
    spotCheckScore: mean(spotChecks.map((s) => s.score)),
    recordAccuracy: ratio(recordReviewsCompliant, recordReviews.length),
    firstTimeRight: ratio(firstAcceptanceRoundsPassed, firstRounds.length),
  };
  return { indicators, counts };
}

/** The departments (or persons) that have any fact: who a period's scorecards are for. */
export function subjectsOf(facts: EvaluationFacts, by: 'departmentId' | 'personId'): string[] {
  const ids = new Set<string>();
  for (const list of Object.values(facts) as Attribution[][]) {
    for (const fact of list) {
      const id = fact[by];
      if (id) ids.add(id);
    }
  }
  return [...ids].sort();
}

/** Figures are kept to 4 decimals, so that a frozen scorecard compares exactly with a recomputed one. */
export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round(numerator / denominator);
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length);
}

/** Nearest-rank 90th percentile: the ⌈0.9·n⌉-th smallest value. */
export function percentile90(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1];
}
