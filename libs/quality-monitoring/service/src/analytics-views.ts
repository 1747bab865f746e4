import { AnalyticsViewDefinition } from '@serviceledger/platform/read-models';
import { CLOCK_METRICS } from '@serviceledger/quality-monitoring/contracts';
import { checksProjection } from './checks/checks.projection';
import { findingsProjection } from './findings/findings.projection';
import { stageAnalysisProjection } from './improvement/stage-analysis.projection';
import { performanceFactsProjection } from './periods/performance-facts.projection';
import { clocksProjection } from './projections/clocks.projection';

/** Quality-monitoring's views for analysts (ADR 0024); the deciders' JSON state and the checks' free-text details stay out. */
export const QUALITY_MONITORING_ANALYTICS_VIEWS: AnalyticsViewDefinition[] = [
  {
    name: 'sla_clocks',
    version: 1,
    projection: clocksProjection,
    table: 'clock',
    description: 'One row per SLA clock of a demand or case (first response, resolution, next update…): its target, deadline, minutes used and paused, and its outcome (`spec/sla-and-metrics.md`).',
    omit: ['state'],
    columns: {
      metric: `What the clock measures: ${CLOCK_METRICS.map((metric) => `\`${metric}\``).join(', ')}.`,
      targetMinutes: 'The target in business minutes, from the SLA policy.',
      usedMinutes: 'Business minutes used when the clock stopped.',
      pausedMinutes: 'Minutes the clock was paused (waiting on the customer).',
      diffMinutes: 'Target minus used minutes: negative when the target was missed.',
      outcome: 'How the clock ended: `met` or `breached`; empty while it runs.',
    },
  },
  { name: 'sla_clock_cases', version: 1, projection: clocksProjection, table: 'case', description: 'One row per demand or case the clocks run for: its department, owner and registering department.' },
  { name: 'sla_breaches', version: 1, projection: clocksProjection, table: 'breach', description: 'One row per SLA breach: the clock, the case, the department, when it was due and raised, and the period it counts in.' },
  {
    name: 'quality_findings',
    version: 1,
    projection: findingsProjection,
    table: 'finding',
    description: 'One row per quality finding (Q-3): the department and person responsible, its status and rectification round, deadline and process stage.',
    omit: ['subject', 'state', 'position'],
  },
  {
    name: 'daily_checks',
    version: 1,
    projection: checksProjection,
    table: 'check',
    description: 'One row per daily check (Q-2.1): spot checks, record reviews and customer call-backs, with their score, compliance or satisfaction.',
    omit: ['details'],
  },
  { name: 'demand_facts', version: 1, projection: performanceFactsProjection, table: 'demand_fact', description: 'One row per demand as the period indicators count it: kind, department, owner, registered and resolved, complaint handling.' },
  { name: 'case_facts', version: 1, projection: performanceFactsProjection, table: 'case_fact', description: 'One row per case as the period indicators count it: its demand, department and project manager.' },
  { name: 'acceptance_facts', version: 1, projection: performanceFactsProjection, table: 'acceptance_fact', description: 'One row per acceptance round result counted in the indicators.' },
  { name: 'visit_facts', version: 1, projection: performanceFactsProjection, table: 'visit_fact', description: 'One row per follow-up visit score counted in the indicators (satisfaction on the survey’s scale).' },
  {
    name: 'clock_facts',
    // 2: a breached clock counts from its breach, whether stopped or still running: stopped_at may be empty, breached_at added.
    version: 2,
    projection: performanceFactsProjection,
    table: 'clock_fact',
    description:
      'One row per SLA clock whose outcome the indicators count: stopped (met or breached), or breached and still running — a first response counts as breached from its breach, answered or not (Q-1.1).',
    columns: {
      outcome: '`met` or `breached`: a clock still running is here once breached.',
      usedMinutes: 'Business minutes used when the clock stopped; while a breached clock still runs, its target.',
      stoppedAt: 'When the clock stopped: an instant, ISO 8601 in UTC (`2026-03-02T09:00:00.000Z`); empty while a breached clock still runs.',
      breachedAt: 'When a breached clock exceeded its target, from which its outcome counts: an instant, ISO 8601 in UTC; empty when it was not breached.',
    },
  },
  { name: 'closed_periods', version: 1, projection: performanceFactsProjection, table: 'closed_period', description: 'One row per closed evaluation period (`YYYY-MM`, `YYYY-Qn`) and how many adjustments it had since.' },
  { name: 'spot_check_facts', version: 1, projection: performanceFactsProjection, table: 'spot_check_fact', description: 'One row per spot check score counted in the indicators.' },
  { name: 'record_review_facts', version: 1, projection: performanceFactsProjection, table: 'record_review_fact', description: 'One row per record review counted in the indicators (compliant or not).' },
  { name: 'problem_attributions', version: 1, projection: stageAnalysisProjection, table: 'attribution', description: 'One row per resolved after-sales problem or complaint attributed to a process stage (P-6.3).' },
  { name: 'improvement_measures', version: 1, projection: stageAnalysisProjection, table: 'improvement_measure', description: 'One row per improvement measure of a process stage: its department, owner, status and due date.', omit: ['state'] },
];
