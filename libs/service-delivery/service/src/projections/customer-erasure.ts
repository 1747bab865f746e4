import { IsNull, Not } from 'typeorm';
import { ERASED, EventEnvelope, mapFields } from '@serviceledger/platform/core';
import { ProjectionTables } from '@serviceledger/platform/read-models';
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
  const cases = await tables.repository<CaseRow>('case').find({ where: { customerId }, select: { caseId: true } });
  const rounds = tables.repository<RoundRow>('round');
  const items = tables.repository<ItemRow>('item');
  const visits = tables.repository<VisitRow>('visit');
  const problems = tables.repository<ProblemRow>('problem');
  const issues = tables.repository<IssueRow>('issue');
  const reports = tables.repository<ReportRow>('report');
  for (const { caseId } of cases) {
    for (const { round, signatory, comments, signedDocument } of await rounds.find({ where: { caseId }, select: { round: true, signatory: true, comments: true, signedDocument: true } })) {
      if (signatory === null) continue;
      const erased = mapFields(JSON.parse(signatory), SIGNATORY_PERSONAL_FIELDS, () => ERASED);
      const document = signedDocument === null ? null : JSON.stringify(mapFields(JSON.parse(signedDocument), ['fileName'], () => ERASED));
      await rounds.update({ caseId, round }, { signatory: JSON.stringify(erased), comments: comments === null ? null : ERASED, signedDocument: document });
    }
    await items.update({ caseId }, { description: ERASED });
    await items.update({ caseId, fixNote: Not(IsNull()) }, { fixNote: ERASED });
    await issues.update({ caseId }, { description: ERASED });
    await issues.update({ caseId, resolution: Not(IsNull()) }, { resolution: ERASED });
    for (const { entry, progress, problems } of await reports.find({ where: { caseId }, select: { entry: true, progress: true, problems: true } })) {
      const erasedProblems = mapFields({ problems: JSON.parse(problems) }, ['problems[].problem', 'problems[].solution'], () => ERASED) as { problems: unknown[] };
      await reports.update({ caseId, entry }, { progress: progress === null ? null : ERASED, problems: JSON.stringify(erasedProblems.problems) });
    }
    for (const { visitId, comments, findings } of await visits.find({ where: { caseId }, select: { visitId: true, comments: true, findings: true } })) {
      const erasedFindings = mapFields({ findings: JSON.parse(findings) }, ['findings[].description'], () => ERASED) as { findings: unknown[] };
      await visits.update({ visitId }, { comments: comments === null ? null : ERASED, findings: JSON.stringify(erasedFindings.findings) });
    }
    await problems.update({ caseId }, { description: ERASED });
    await problems.update({ caseId, resolution: Not(IsNull()) }, { resolution: ERASED });
    for (const { problemId, measures } of await problems.find({ where: { caseId }, select: { problemId: true, measures: true } })) {
      const erasedMeasures = mapFields({ measures: JSON.parse(measures) }, ['measures[].measure'], () => ERASED) as { measures: unknown[] };
      await problems.update({ problemId }, { measures: JSON.stringify(erasedMeasures.measures) });
    }
  }
  return true;
}
