import { ERASED, EventEnvelope, mapFields } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, AggregateStateRow, BatchTable, ProjectionTables } from '@serviceledger/platform/read-models';
import { CustomerDataErased, PLAN_TEXT_FIELDS, customerErasures, serviceCaseStream, servicePlanStream } from '@serviceledger/service-delivery/domain';
import { CaseRow, IssueRow, ItemRow, MilestoneRow, PlanVersionRow, ProblemRow, ReportRow, RoundRow, VisitRow } from './case-rows';

/** The erasure streams the cases projection reads, for erasures only. */
export const CUSTOMER_ERASURE_STREAM_PREFIX = customerErasures.streamPrefix;

/** What of a signatory is the customer's personal data: what the service stores encrypted (personal-data.ts). */
const SIGNATORY_PERSONAL_FIELDS = ['name', 'title'];

/** Where the folded states keep the plan's text: each version's plan in the plan's, the milestones' titles in the case's. */
const PLAN_STATE_FIELDS = PLAN_TEXT_FIELDS.map((field) => `versions[].plan.${field}`);
const CASE_STATE_FIELDS = ['milestones[].title'];

/**
 * once a customer is erased, their cases must not keep the copies of their personal data the
 * projection made: the acceptance rounds' signatories, comments and signed scans' file names, the rectification items' descriptions,
 * the follow-up visits' comments and findings, and the after-sales problems' descriptions, and what staff
 * wrote there (the progress reports, the items' fix notes, the coordination issues and their resolutions,
 * the problems' measures and resolutions, each plan version's text, why it changed and its reviews, the
 * milestones' titles and the evidence of their checks, also in the plan's and the case's folded states) are rewritten to the erased marker, as a rebuild would read them from the log (personal-data.ts declares the same fields).
 * Answers whether the event was an erasure (nothing else to do).
 */
export async function appliedCustomerErasure(event: EventEnvelope, tables: ProjectionTables): Promise<boolean> {
  if (!event.stream.startsWith(CUSTOMER_ERASURE_STREAM_PREFIX)) return false;
  const { customerId } = (event as EventEnvelope & CustomerDataErased).data;
  const cases = await tables.table<CaseRow>('case').find({ customerId });
  const rounds = tables.table<RoundRow>('round');
  const items = tables.table<ItemRow>('item');
  const visits = tables.table<VisitRow>('visit');
  const problems = tables.table<ProblemRow>('problem');
  const issues = tables.table<IssueRow>('issue');
  const reports = tables.table<ReportRow>('report');
  const versions = tables.table<PlanVersionRow>('plan_version');
  const milestones = tables.table<MilestoneRow>('milestone');
  const states = tables.table<AggregateStateRow>(AGGREGATE_STATES);
  const caseIds = cases.map(({ caseId }) => ({ caseId }));
  for (const table of [rounds, items, visits, problems, issues, reports, versions, milestones] as Array<BatchTable<{ caseId: string }>>) await table.load(caseIds);
  const erasedWhenSet = (value: string | null) => (value === null ? null : ERASED);
  for (const { caseId } of cases) {
    for (const row of await rounds.find({ caseId })) {
      if (row.signatory === null) continue;
      const erased = mapFields(JSON.parse(row.signatory), SIGNATORY_PERSONAL_FIELDS, () => ERASED);
      const document = row.signedDocument === null ? null : JSON.stringify(mapFields(JSON.parse(row.signedDocument), ['fileName'], () => ERASED));
      rounds.upsert({ ...row, signatory: JSON.stringify(erased), comments: erasedWhenSet(row.comments), signedDocument: document });
    }
    for (const row of await items.find({ caseId })) items.upsert({ ...row, description: ERASED, fixNote: erasedWhenSet(row.fixNote) });
    for (const row of await issues.find({ caseId })) issues.upsert({ ...row, description: ERASED, resolution: erasedWhenSet(row.resolution) });
    for (const row of await reports.find({ caseId })) {
      const erasedProblems = mapFields({ problems: JSON.parse(row.problems) }, ['problems[].problem', 'problems[].solution'], () => ERASED) as { problems: unknown[] };
      reports.upsert({ ...row, progress: erasedWhenSet(row.progress), problems: JSON.stringify(erasedProblems.problems) });
    }
    for (const row of await visits.find({ caseId })) {
      const erasedFindings = mapFields({ findings: JSON.parse(row.findings) }, ['findings[].description'], () => ERASED) as { findings: unknown[] };
      visits.upsert({ ...row, comments: erasedWhenSet(row.comments), findings: JSON.stringify(erasedFindings.findings) });
    }
    for (const row of await problems.find({ caseId })) {
      const erasedMeasures = mapFields({ measures: JSON.parse(row.measures) }, ['measures[].measure'], () => ERASED) as { measures: unknown[] };
      problems.upsert({ ...row, description: ERASED, resolution: erasedWhenSet(row.resolution), measures: JSON.stringify(erasedMeasures.measures) });
    }
    for (const row of await versions.find({ caseId })) {
      const reviews = (JSON.parse(row.reviews) as Array<Record<string, unknown>>).map((review) => ('text' in review ? { ...review, text: ERASED } : review));
      const plan = mapFields(JSON.parse(row.plan), PLAN_TEXT_FIELDS, () => ERASED);
      versions.upsert({ ...row, plan: JSON.stringify(plan), changeReason: erasedWhenSet(row.changeReason), reviews: JSON.stringify(reviews) });
    }
    for (const row of await milestones.find({ caseId })) {
      const erasedEvidence = mapFields({ checks: JSON.parse(row.checkEvidence) }, ['checks[].evidence'], () => ERASED) as { checks: unknown[] };
      milestones.upsert({ ...row, title: ERASED, checkEvidence: JSON.stringify(erasedEvidence.checks) });
    }
    for (const [stream, fields] of [
      [servicePlanStream(caseId), PLAN_STATE_FIELDS],
      [serviceCaseStream(caseId), CASE_STATE_FIELDS],
    ] as const) {
      const folded = await states.get({ stream });
      if (folded) states.upsert({ ...folded, state: JSON.stringify(mapFields(JSON.parse(folded.state), fields, () => ERASED)) });
    }
  }
  return true;
}
