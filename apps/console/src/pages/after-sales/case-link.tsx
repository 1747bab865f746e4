import { Link } from 'react-router-dom';

/** A row's case, named by its reference where the console has read it, opened on the case page. */
export function CaseLink({ caseId, references }: { caseId: string; references: ReadonlyMap<string, string> }) {
  return <Link to={`/cases/${caseId}`}>{references.get(caseId) ?? caseId}</Link>;
}
