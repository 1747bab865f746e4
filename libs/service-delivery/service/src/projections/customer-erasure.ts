import { ERASED, EventEnvelope, mapFields } from '@serviceledger/platform/core';
import { BatchTable, ProjectionTables } from '@serviceledger/platform/read-models';
import { CustomerDataErased, customerErasures } from '@serviceledger/service-delivery/domain';
import { CaseRow, IssueRow, ItemRow, ProblemRow, ReportRow, RoundRow, VisitRow } from './case-rows';

/** The erasure streams the cases projection reads, for erasures only. */
export const CUSTOMER_ERASURE_STREAM_PREFIX = customerErasures.streamPrefix;

/** What of a signatory is the customer's personal data: what the service stores encrypted (personal-data.ts). */
const SIGNATORY_PERSONAL_FIELDS = ['name', 'title'];

/**
 * R-3.1: once a customer is erased, their cases must not keep the copies of their personal data the
 * projection made: the acceptance rounds' signatories, comments and signed scans' file names, the rectification items' descriptions,
 * the follow-up visits' comments and findings, and the after-sales problems' descriptions, and what staff
 * wrote there (the progress reports, the items' fix notes, the coordination issues and their resolutions,
 * the problems' measures and resolutions) are rewritten to the erased marker, as a rebuild would read them from the log (personal-data.ts declares the same fields).
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
  const caseIds = cases.map(({ caseId }) => ({ caseId }));
  for (const table of [rounds, items, visits, problems, issues, reports] as Array<BatchTable<{ caseId: string }>>) await table.load(caseIds);
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
  }
  return true;
}
