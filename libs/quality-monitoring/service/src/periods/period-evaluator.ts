import { Inject, Injectable } from '@nestjs/common';
import { Clock, Decider, DomainEvent, EventStore, NotFoundError } from '@serviceledger/platform/core';
import { AsOf, CLOCK, Commands, EVENT_STORE, ReadAfter, ReadModels, stateAsOf } from '@serviceledger/platform/nest';
import {
  ClosedPeriod,
  EvaluationFacts,
  Metric,
  PERIOD_TIME_ZONE,
  POLICY_REGISTRY_ID,
  PolicyRef,
  PolicyRegistryEvent,
  PersonIndicators,
  SchemeUsed,
  Scorecard,
  ScoringScheme,
  adjustedScorecards,
  clockSignalLogs,
  closedPeriods,
  evaluate,
  inIndicatorOrder,
  localDateOf,
  periodEndDate,
  periodOf,
  policyRegistries,
  policySet,
  rank,
  schemeVersion,
  scoringSchemes,
  subjectsOf,
  weightedScore,
} from '@serviceledger/quality-monitoring/domain';
import {
  AcceptanceFactRow,
  CaseFactRow,
  ClockFactRow,
  DemandFactRow,
  PERFORMANCE_FACTS_PROJECTION,
  RecordReviewFactRow,
  SpotCheckFactRow,
  VisitFactRow,
} from './performance-facts.projection';
import { CalendarBook } from '../calendars/calendar-book';
import { CASE_METRICS } from '../clocks/clock-planner';
import { THIRD_PARTY_WAIT } from '../clocks/partner-wait-planner';
import { ClockReplay, replayClocks } from '../clocks/clock-replay';

/** The clocks the other services' signals drive; the others (rectification deadlines) are not replayed. */
const SIGNALLED_METRICS: readonly Metric[] = [...CASE_METRICS, 'next-update', THIRD_PARTY_WAIT];

/** A signal the replayed clocks refused, with the department of its demand, which scopes who may read it. */
export type RefusedSignal = ClockReplay['refusedSignals'][number] & { departmentId: string | null };

/** A period's signal-driven clocks as a replay under a policy set stopped them. */
export interface PolicySetReplay {
  policies: PolicyRef[];
  clocks: ClockFactRow[];
  refusedSignals: RefusedSignal[];
}

/** The scheme the official scorecards are scored under unless another is named. */
export const OFFICIAL_SCORING_SCHEME = 'standard';

export interface ScorecardSet {
  period: string;
  /** live: computed now from the facts; closed: as frozen by PeriodClosed; adjusted: frozen, with adjustments. */
  view: 'live' | 'closed' | 'adjusted';
  closed: boolean;
  scheme: SchemeUsed | null;
  scorecards: Scorecard[];
  ranking: Array<{ rank: number | null; departmentId: string; score: number | null }>;
}

/** Evaluates periods from the performance facts, and reads closed periods and scoring schemes. */
@Injectable()
export class PeriodEvaluator {
  constructor(
    private readonly commands: Commands,
    private readonly readModels: ReadModels,
    private readonly calendars: CalendarBook,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Every fact, attributed to the department and person answering for it. With `clocksUnder`, the clocks
   * the other services' signals drive are those of a replay under that policy set instead of those that ran.
   */
  async facts(after?: ReadAfter, clocksUnder?: PolicySetReplay): Promise<EvaluationFacts> {
    await this.readModels.after(PERFORMANCE_FACTS_PROJECTION, after);
    const all = <T extends object>(table: string) => this.readModels.repository<T>(PERFORMANCE_FACTS_PROJECTION, table).find();
    const [demandRows, caseRows, acceptanceRows, visitRows, officialClockRows, spotRows, reviewRows] = await Promise.all([
      all<DemandFactRow>('demand_fact'),
      all<CaseFactRow>('case_fact'),
      all<AcceptanceFactRow>('acceptance_fact'),
      all<VisitFactRow>('visit_fact'),
      all<ClockFactRow>('clock_fact'),
      all<SpotCheckFactRow>('spot_check_fact'),
      all<RecordReviewFactRow>('record_review_fact'),
    ]);
    const clockRows = clocksUnder
      ? [...officialClockRows.filter((c) => !SIGNALLED_METRICS.includes(c.metric as Metric)), ...clocksUnder.clocks]
      : officialClockRows;
    const demands = new Map(demandRows.map((d) => [d.demandId, d]));
    const cases = new Map(caseRows.map((c) => [c.caseId, c]));
    const ofDemand = (demandId: string) => {
      const d = demands.get(demandId);
      return { departmentId: d?.departmentId ?? null, personId: d?.ownerId ?? null };
    };
    const ofCase = (caseId: string) => {
      const c = cases.get(caseId);
      if (!c) return { departmentId: null, personId: null };
      return { departmentId: c.departmentId, personId: c.projectManagerId ?? demands.get(c.demandId)?.ownerId ?? null };
    };
    // A demand is solved when intake resolves it or its service case's acceptance passes, whichever is first.
    const acceptedAt = new Map<string, string>();
    for (const a of acceptanceRows) {
      const demandId = cases.get(a.caseId)?.demandId;
      if (!a.passed || !demandId) continue;
      const known = acceptedAt.get(demandId);
      if (!known || a.at < known) acceptedAt.set(demandId, a.at);
    }
    const resolutionOutcome = new Map(clockRows.filter((c) => c.metric === 'resolution').map((c) => [c.caseId, c.outcome]));
    return {
      demands: demandRows
        .filter((d) => d.registeredAt)
        .map((d) => {
          const solved = [d.resolvedAt, acceptedAt.get(d.demandId)].filter((x): x is string => !!x).sort()[0];
          const outcome = resolutionOutcome.get(d.demandId);
          return {
            demandId: d.demandId,
            ...ofDemand(d.demandId),
            registeredAt: d.registeredAt as string,
            resolvedAt: solved ?? null,
            resolvedWithinTarget: outcome === undefined ? null : outcome === 'met',
          };
        }),
      clocks: clockRows
        .filter((c) => c.outcome === 'met' || c.outcome === 'breached')
        .map((c) => ({
          ...ofDemand(c.caseId),
          caseId: c.caseId,
          metric: c.metric,
          outcome: c.outcome as 'met' | 'breached',
          usedMinutes: c.usedMinutes,
          stoppedAt: c.stoppedAt,
          breachedAt: c.breachedAt ?? null,
        })),
      acceptances: acceptanceRows.map((a) => ({ ...ofCase(a.caseId), caseId: a.caseId, round: a.round, passed: a.passed, at: a.at })),
      visits: visitRows.map((v) => ({ ...ofCase(v.caseId), caseId: v.caseId, satisfaction: v.satisfaction, recommendation: v.recommendation, at: v.at })),
      complaints: demandRows
        .filter((d) => d.complaintRegisteredAt)
        .map((d) => ({
          ...ofDemand(d.demandId),
          demandId: d.demandId,
          registeredAt: d.complaintRegisteredAt as string,
          resolvedAt: d.complaintResolvedAt,
          withinPromise: d.withinPromise,
          promisedResultDelivered: d.promisedResultDelivered,
        })),
      spotChecks: spotRows.map((s) => ({ departmentId: s.departmentId, personId: s.personId, checkId: s.checkId, score: s.score, at: s.at })),
      recordReviews: reviewRows.map((r) => ({ departmentId: r.departmentId, personId: r.personId, checkId: r.checkId, compliant: r.compliant, at: r.at })),
    };
  }

  /** Each department's scorecard for the period, computed now, scored (when a scheme is given) and ranked. */
  scorecards(facts: EvaluationFacts, periodKey: string, scheme: SchemeUsed | null): Array<Omit<Scorecard, 'rank'>> {
    const period = periodOf(periodKey);
    return subjectsOf(facts, 'departmentId').map((departmentId) => {
      const { indicators, counts } = evaluate(facts, period, { departmentId });
      return { departmentId, indicators, counts, score: scheme ? weightedScore(indicators, scheme) : null };
    });
  }

  persons(facts: EvaluationFacts, periodKey: string): PersonIndicators[] {
    const period = periodOf(periodKey);
    return subjectsOf(facts, 'personId').map((personId) => ({ personId, ...evaluate(facts, period, { personId }) }));
  }

  /** The live scorecards, ranked; with `clocksUnder`, as they would stand under that policy set. */
  async live(periodKey: string, scheme: SchemeUsed | null, after?: ReadAfter, clocksUnder?: PolicySetReplay): Promise<ScorecardSet> {
    periodOf(periodKey);
    const cards = this.scorecards(await this.facts(after, clocksUnder), periodKey, scheme);
    const closed = await this.closed(periodKey);
    return set(periodKey, 'live', !!closed, scheme, ranked(cards));
  }

  async closed(periodKey: string): Promise<ClosedPeriod | null> {
    return this.commands.state(closedPeriods, periodOf(periodKey).key);
  }

  /** A closed period's scorecards as they stood when closed, or with their adjustments. */
  async frozen(periodKey: string, view: 'closed' | 'adjusted'): Promise<ScorecardSet> {
    const state = await this.closed(periodKey);
    if (!state) throw new NotFoundError('Closed period', periodKey);
    return frozenSet(periodKey, view, state);
  }

  /** A period's scorecards as they stood at `asOf`: as closed by then, or with the adjustments made by then; 404 before it closed. */
  async frozenAsOf(periodKey: string, view: 'closed' | 'adjusted', asOf: string): Promise<AsOf<ScorecardSet>> {
    const found = await stateAsOf(this.store, this.clock, closedPeriods, periodOf(periodKey).key, asOf);
    if (!found.state) throw new NotFoundError('Closed period', periodKey);
    return { ...found, state: frozenSet(periodKey, view, found.state) };
  }

  /**
   * The clocks of every demand registered up to the period's end, replayed from their recorded signals
   * under a policy set: "current", or pinned `policyId@version`s over the current ones.
   */
  async replayUnder(periodKey: string, policiesParam: string): Promise<PolicySetReplay> {
    const period = periodOf(periodKey);
    const pinned = policiesParam === 'current' ? [] : policiesParam.split(',').map(pinnedPolicy);
    const [registryEvents, calendars, demands] = await Promise.all([
      this.commands.state({ streamPrefix: policyRegistries.streamPrefix, decider: eventHistory<PolicyRegistryEvent>() }, POLICY_REGISTRY_ID),
      this.calendars.view(),
      this.readModels.repository<DemandFactRow>(PERFORMANCE_FACTS_PROJECTION, 'demand_fact').find(),
    ]);
    const policies = policySet(registryEvents, pinned);
    const registeredByEnd = demands.filter((d) => d.registeredAt && localDateOf(PERIOD_TIME_ZONE, d.registeredAt) < periodEndDate(period));
    const signals = await Promise.all(registeredByEnd.map(async (d) => (await this.commands.state(clockSignalLogs, d.demandId)).signals));
    const replay = await replayClocks(signals, { policies, calendarAt: calendars.at, currentCalendar: calendars.current });
    const departmentOfSignal = new Map(registeredByEnd.flatMap((demand, index) => signals[index].map((signal) => [signal.id, demand.departmentId] as const)));
    return {
      policies: policies.map(({ policyId, version, kind }) => ({ policyId, version, kind })).sort((a, b) => a.policyId.localeCompare(b.policyId)),
      clocks: replay.clocks.flatMap((clock): ClockFactRow[] => {
        const subject = { clockId: clock.clockId, caseId: clock.caseId, metric: clock.metric };
        const breachedAt = clock.breachedAt ?? null;
        if (clock.result) {
          const { outcome, usedMinutes, stoppedAt } = clock.result;
          return [{ ...subject, outcome, usedMinutes, stoppedAt, breachedAt: outcome === 'breached' ? breachedAt : null }];
        }
        // As the facts projection keeps it: a breach decides the outcome of a clock still running.
        return breachedAt && clock.status !== 'cancelled'
          ? [{ ...subject, outcome: 'breached', usedMinutes: clock.target.targetMinutes, stoppedAt: null, breachedAt }]
          : [];
      }),
      refusedSignals: replay.refusedSignals.map((refused) => ({ ...refused, departmentId: departmentOfSignal.get(refused.signalId) ?? null })),
    };
  }

  async scheme(schemeId: string): Promise<ScoringScheme | null> {
    return this.commands.state(scoringSchemes, schemeId);
  }

  /** A scheme version as a scorecard names it; undefined version: the latest. */
  async schemeUsed(schemeId: string, version?: number): Promise<SchemeUsed> {
    const scheme = await this.scheme(schemeId);
    if (!scheme) throw new NotFoundError('Scoring scheme', schemeId);
    const { weights, referenceMinutes } = schemeVersion(scheme, version);
    return { schemeId, version: schemeVersion(scheme, version).version, weights, referenceMinutes };
  }
}

/** Folds a stream into its events: the history a version lookup reads. */
function eventHistory<E extends DomainEvent>(): Pick<Decider<never, E, E[]>, 'initialState' | 'evolve'> {
  return { initialState: () => [], evolve: (events, event) => [...events, event] };
}

function pinnedPolicy(entry: string): { policyId: string; version: number } {
  const at = entry.lastIndexOf('@');
  return { policyId: entry.slice(0, at), version: Number(entry.slice(at + 1)) };
}

function ranked(cards: Array<Omit<Scorecard, 'rank'>>): Scorecard[] {
  return rank(cards).map((entry) => ({ ...(cards.find((c) => c.departmentId === entry.departmentId) as Omit<Scorecard, 'rank'>), rank: entry.rank }));
}

function frozenSet(periodKey: string, view: 'closed' | 'adjusted', state: ClosedPeriod): ScorecardSet {
  const cards = view === 'closed' ? state.closed.scorecards : adjustedScorecards(state);
  return set(periodKey, view, true, state.closed.scheme, cards);
}

/** A set of scorecards as answered: each lists customer satisfaction first (G-1), whenever it was frozen. */
function set(period: string, view: ScorecardSet['view'], closed: boolean, scheme: SchemeUsed | null, scorecards: Scorecard[]): ScorecardSet {
  return {
    period,
    view,
    closed,
    scheme,
    scorecards: scorecards.map(({ departmentId, indicators, counts, score, rank }) => ({ departmentId, indicators: inIndicatorOrder(indicators), counts, score, rank })),
    ranking: scorecards.map(({ rank, departmentId, score }) => ({ rank, departmentId, score })),
  };
}
