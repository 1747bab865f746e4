import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, ProjectionTables, TableSpec, aggregateStatesTable, foldEvent, namedIn } from '@serviceledger/platform/read-models';
import {
  DEFAULT_SATISFACTION_SCALE,
  PERFORMANCE_FACTS_PREFIX,
  PerformanceFact,
  PerformanceFactRecorded,
  closedPeriod,
  dailyCheck,
  performanceFacts,
  satisfactionOnFive,
  slaClock,
} from '@serviceledger/quality-monitoring/domain';

export const PERFORMANCE_FACTS_PROJECTION = 'quality-monitoring.performance-facts';

/** A demand (complaints included) as period evaluation counts it. */
export interface DemandFactRow {
  demandId: string;
  demandKind: string | null;
  departmentId: string | null;
  ownerId: string | null;
  registeredAt: string | null;
  resolvedAt: string | null;
  complaintRegisteredAt: string | null;
  complaintResolvedAt: string | null;
  withinPromise: boolean | null;
  /** Whether the promised result was delivered (C-2.3); null: not known (a `complaint.resolved.v1`) or not resolved. */
  promisedResultDelivered: boolean | null;
}

/** A service-delivery case, tied to its demand. */
export interface CaseFactRow {
  caseId: string;
  demandId: string;
  departmentId: string;
  projectManagerId: string | null;
}

export interface AcceptanceFactRow {
  acceptanceId: string;
  caseId: string;
  round: number;
  passed: boolean;
  at: string;
}

export interface VisitFactRow {
  visitId: string;
  caseId: string;
  /** As answered, on the survey's scale. */
  score: number;
  scaleLowest: number;
  scaleHighest: number;
  /** The score scaled to 5 (`satisfactionOnFive`): what period evaluation counts. */
  satisfaction: number;
  recommendation: number | null;
  at: string;
}

/** A clock with a decided outcome: stopped, or breached and still running (`stoppedAt` null). */
export interface ClockFactRow {
  clockId: string;
  caseId: string;
  metric: string;
  outcome: string;
  /** As stopped; for a breached clock still running, its target. */
  usedMinutes: number;
  stoppedAt: string | null;
  /** When a breached clock exceeded its target (its outcome decided then); null when it was not breached. */
  breachedAt?: string | null;
}

export interface SpotCheckFactRow {
  checkId: string;
  departmentId: string;
  personId: string | null;
  score: number;
  at: string;
}

/** A record review (G-1, accuracy): the case's records found compliant or not. */
export interface RecordReviewFactRow {
  checkId: string;
  departmentId: string;
  personId: string | null;
  compliant: boolean;
  at: string;
}

/** A closed period (its figures are read from its stream). */
export interface ClosedPeriodRow {
  period: string;
  closedAt: string;
  adjustments: number;
}

const str = { type: String, nullable: true };

const CLOCK_STREAMS = 'quality-monitoring.clock-';
const CHECK_STREAMS = 'quality-monitoring.check-';
const PERIOD_STREAMS = 'quality-monitoring.period-';

/**
 * The facts indicators are computed from: demands and complaints (intake), cases, acceptance
 * rounds and follow-up visits (service-delivery), stopped clocks and spot checks (this service). Kept
 * raw, by fact, so that any period can be evaluated — and re-evaluated — from them.
 */
export const performanceFactsProjection: ProjectionDefinition = {
  name: PERFORMANCE_FACTS_PROJECTION,
  // 3: stopped clocks, spot checks and closed periods fold their deciders' states. 4: a complaint's promised result.
  // 5: record reviews (record accuracy). 6: breached clocks, still running or not, with the instant of their breach.
  version: 6,
  filter: { streamPrefixes: [PERFORMANCE_FACTS_PREFIX, CLOCK_STREAMS, CHECK_STREAMS, PERIOD_STREAMS] },
  tables: {
    demand_fact: {
      columns: {
        demandId: { type: String, primary: true, name: 'demand_id' },
        demandKind: { ...str, name: 'demand_kind' },
        departmentId: { ...str, name: 'department_id' },
        ownerId: { ...str, name: 'owner_id' },
        registeredAt: { ...str, name: 'registered_at' },
        resolvedAt: { ...str, name: 'resolved_at' },
        complaintRegisteredAt: { ...str, name: 'complaint_registered_at' },
        complaintResolvedAt: { ...str, name: 'complaint_resolved_at' },
        withinPromise: { type: Boolean, nullable: true, name: 'within_promise' },
        promisedResultDelivered: { type: Boolean, nullable: true, name: 'promised_result_delivered' },
      },
    } satisfies TableSpec<DemandFactRow>,
    case_fact: {
      columns: {
        caseId: { type: String, primary: true, name: 'case_id' },
        demandId: { type: String, name: 'demand_id' },
        departmentId: { type: String, name: 'department_id' },
        projectManagerId: { ...str, name: 'project_manager_id' },
      },
    } satisfies TableSpec<CaseFactRow>,
    acceptance_fact: {
      columns: {
        acceptanceId: { type: String, primary: true, name: 'acceptance_id' },
        caseId: { type: String, name: 'case_id' },
        round: { type: Number },
        passed: { type: Boolean },
        at: { type: String },
      },
    } satisfies TableSpec<AcceptanceFactRow>,
    visit_fact: {
      columns: {
        visitId: { type: String, primary: true, name: 'visit_id' },
        caseId: { type: String, name: 'case_id' },
        // The answers keep the column they always had; the scale's defaults are what visits without a survey
        // were scored on, and the scaled score is null only in rows of version 1, which the rebuild replaces.
        score: { type: Number, name: 'satisfaction' },
        scaleLowest: { type: Number, name: 'scale_lowest', default: DEFAULT_SATISFACTION_SCALE.lowest },
        scaleHighest: { type: Number, name: 'scale_highest', default: DEFAULT_SATISFACTION_SCALE.highest },
        satisfaction: { type: 'real', name: 'satisfaction_on_five', nullable: true },
        recommendation: { type: Number, nullable: true },
        at: { type: String },
      },
    } satisfies TableSpec<VisitFactRow>,
    clock_fact: {
      columns: {
        clockId: { type: String, primary: true, name: 'clock_id' },
        caseId: { type: String, name: 'case_id' },
        metric: { type: String },
        outcome: { type: String },
        usedMinutes: { type: Number, name: 'used_minutes' },
        stoppedAt: { ...str, name: 'stopped_at' },
        breachedAt: { ...str, name: 'breached_at' },
      },
    } satisfies TableSpec<ClockFactRow>,
    closed_period: {
      columns: {
        period: { type: String, primary: true },
        closedAt: { type: String, name: 'closed_at' },
        adjustments: { type: Number },
      },
    } satisfies TableSpec<ClosedPeriodRow>,
    spot_check_fact: {
      columns: {
        checkId: { type: String, primary: true, name: 'check_id' },
        departmentId: { type: String, name: 'department_id' },
        personId: { ...str, name: 'person_id' },
        score: { type: 'real' },
        at: { type: String },
      },
    } satisfies TableSpec<SpotCheckFactRow>,
    record_review_fact: {
      columns: {
        checkId: { type: String, primary: true, name: 'check_id' },
        departmentId: { type: String, name: 'department_id' },
        personId: { ...str, name: 'person_id' },
        compliant: { type: Boolean },
        at: { type: String },
      },
    } satisfies TableSpec<RecordReviewFactRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    const facts = events.filter((event) => event.stream.startsWith(PERFORMANCE_FACTS_PREFIX)).map((event) => ({ ...event, data: (event.data as PerformanceFactRecorded['data']).fact }));
    await tables.table<DemandFactRow>('demand_fact').load(namedIn(facts, 'demandId'));
    await tables.table<CaseFactRow>('case_fact').load(namedIn(facts, 'caseId'));
    for (const event of events) {
      if (event.stream.startsWith(PERFORMANCE_FACTS_PREFIX)) await applyFact(event as EventEnvelope & PerformanceFactRecorded, tables);
      else if (event.stream.startsWith(CLOCK_STREAMS)) await applyClock(event, tables);
      else if (event.stream.startsWith(CHECK_STREAMS)) await applyCheck(event, tables);
      else await applyPeriod(event, tables);
    }
  },
};

/** The facts decider keeps only the ids of the facts it recorded: the rows are the facts themselves. */
async function applyFact(event: EventEnvelope & PerformanceFactRecorded, tables: ProjectionTables): Promise<void> {
  if (!(await foldEvent(tables, event, performanceFacts))) return;
  const fact = event.data.fact;
  const demands = tables.table<DemandFactRow>('demand_fact');
  const changeDemand = async (demandId: string, changes: Partial<DemandFactRow>) => {
    const known = await demands.get({ demandId });
    if (known) await demands.update({ demandId }, changes);
    else
      demands.insert({
        demandId,
        demandKind: null,
        departmentId: null,
        ownerId: null,
        registeredAt: null,
        resolvedAt: null,
        complaintRegisteredAt: null,
        complaintResolvedAt: null,
        withinPromise: null,
        promisedResultDelivered: null,
        ...changes,
      });
  };
  switch (fact.kind) {
    case 'demand-registered':
      return changeDemand(fact.demandId, { demandKind: fact.demandKind, registeredAt: fact.registeredAt });
    case 'demand-reclassified':
      return changeDemand(fact.demandId, { demandKind: fact.demandKind });
    case 'demand-assigned':
      return changeDemand(fact.demandId, { departmentId: fact.departmentId, ownerId: fact.ownerId });
    case 'demand-resolved':
      return changeDemand(fact.demandId, { resolvedAt: fact.resolvedAt });
    case 'complaint-registered':
      return changeDemand(fact.demandId, { complaintRegisteredAt: fact.registeredAt });
    case 'complaint-resolved':
      // A v1 message says nothing of the result: it leaves what a v2 of the same resolution recorded.
      return changeDemand(fact.demandId, {
        complaintResolvedAt: fact.resolvedAt,
        withinPromise: fact.withinPromise,
        ...(fact.promisedResultDelivered === undefined ? {} : { promisedResultDelivered: fact.promisedResultDelivered }),
      });
    case 'case-opened':
      tables
        .table<CaseFactRow>('case_fact')
        .upsert({ caseId: fact.caseId, demandId: fact.demandId, departmentId: fact.departmentId, projectManagerId: null });
      return;
    case 'delivery-started':
      await tables.table<CaseFactRow>('case_fact').update({ caseId: fact.caseId }, { projectManagerId: fact.projectManagerId });
      return;
    case 'acceptance':
      tables
        .table<AcceptanceFactRow>('acceptance_fact')
        .upsert({ acceptanceId: `${fact.caseId}.${fact.round}`, caseId: fact.caseId, round: fact.round, passed: fact.passed, at: fact.at });
      return;
    case 'visit':
      tables.table<VisitFactRow>('visit_fact').upsert(visitFactRow(fact));
      return;
  }
}

/** A visit as period evaluation counts it: the answer kept as given, with its scale, and scaled to 5. */
export function visitFactRow(fact: Extract<PerformanceFact, { kind: 'visit' }>): VisitFactRow {
  const scale = fact.survey?.scale ?? DEFAULT_SATISFACTION_SCALE;
  return {
    visitId: fact.visitId,
    caseId: fact.caseId,
    score: fact.satisfaction,
    scaleLowest: scale.lowest,
    scaleHighest: scale.highest,
    satisfaction: satisfactionOnFive(fact.satisfaction, scale),
    recommendation: fact.recommendation ?? null,
    at: fact.at,
  };
}

/** A clock's outcome once decided: its result once stopped, or its breach while it still runs. */
async function applyClock(event: EventEnvelope, tables: ProjectionTables): Promise<void> {
  const clock = (await foldEvent(tables, event, slaClock))?.after;
  if (!clock) return;
  const facts = tables.table<ClockFactRow>('clock_fact');
  const breachedAt = clock.breachedAt ?? null;
  const subject = { clockId: clock.clockId, caseId: clock.caseId, metric: clock.metric };
  if (clock.result) {
    const { outcome, usedMinutes, stoppedAt } = clock.result;
    facts.upsert({ ...subject, outcome, usedMinutes, stoppedAt, breachedAt: outcome === 'breached' ? breachedAt : null });
  } else if (breachedAt && clock.status !== 'cancelled') {
    facts.upsert({ ...subject, outcome: 'breached', usedMinutes: clock.target.targetMinutes, stoppedAt: null, breachedAt });
  } else if (await facts.get({ clockId: clock.clockId })) {
    // Re-targeted past its breach, or cancelled: undecided again.
    await facts.delete({ clockId: clock.clockId });
  }
}

/** A spot check's score, and a record review's finding; revisits count elsewhere. */
async function applyCheck(event: EventEnvelope, tables: ProjectionTables): Promise<void> {
  const check = (await foldEvent(tables, event, dailyCheck))?.after;
  if (!check) return;
  const attribution = { checkId: check.checkId, departmentId: check.departmentId, personId: check.personId ?? null, at: check.checkedAt };
  if (check.kind === 'spot-check' && typeof check.score === 'number') {
    tables.table<SpotCheckFactRow>('spot_check_fact').upsert({ ...attribution, score: check.score });
  } else if (check.kind === 'record-review' && typeof check.compliant === 'boolean') {
    tables.table<RecordReviewFactRow>('record_review_fact').upsert({ ...attribution, compliant: check.compliant });
  }
}

async function applyPeriod(event: EventEnvelope, tables: ProjectionTables): Promise<void> {
  const period = (await foldEvent(tables, event, closedPeriod))?.after;
  if (!period) return;
  tables
    .table<ClosedPeriodRow>('closed_period')
    .upsert({ period: period.closed.period, closedAt: period.closed.closedAt, adjustments: period.adjustments.length });
}
