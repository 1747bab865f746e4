import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { Appraisal, AppraisalScheme, appraisal, appraisalScheme, appraisalSchemes, appraisals } from '@serviceledger/hr-performance/domain';

export const APPRAISALS_PROJECTION = 'hr-performance.appraisals';

export interface AppraisalRow {
  appraisalId: string;
  employeeId: string;
  departmentId: string;
  postId: string;
  kind: string;
  /** `YYYY-MM` or `YYYY`. */
  period: string;
  /** The year of the period, for the annual appraisal's months. */
  year: string;
  status: string;
  score: number | null;
  needsReview: boolean;
  revision: number;
  finalisedAt: string | null;
  /** The folded appraisal (JSON): lines with their facts, assessment, review, flags and revisions. */
  state: string;
}

export interface AppraisalSchemeRow {
  postId: string;
  version: number;
  /** The folded scheme (JSON): every version. */
  state: string;
}

/** Appraisals by person, department, period and status, and each post's appraisal scheme (H-2.1, H-2.2). */
export const appraisalsProjection: ProjectionDefinition = {
  name: APPRAISALS_PROJECTION,
  // 2: an appraisal whose quality lines have no published value needs review (missingIndicators): rows and folded
  // states drafted before carry the flag and the missing lines only once rebuilt into the standby slot.
  version: 2,
  filter: { streamPrefixes: [appraisals.streamPrefix, appraisalSchemes.streamPrefix] },
  tables: {
    appraisal: {
      columns: {
        appraisalId: { type: String, primary: true, name: 'appraisal_id' },
        employeeId: { type: String, name: 'employee_id' },
        departmentId: { type: String, name: 'department_id' },
        postId: { type: String, name: 'post_id' },
        kind: { type: String },
        period: { type: String },
        year: { type: String },
        status: { type: String },
        score: { type: 'real', nullable: true },
        needsReview: { type: Boolean, name: 'needs_review' },
        revision: { type: Number },
        finalisedAt: { type: String, nullable: true, name: 'finalised_at' },
        state: { type: 'text' },
      },
      indices: [{ columns: ['period', 'departmentId'] }, { columns: ['employeeId', 'year'] }, { columns: ['status'] }],
    } satisfies TableSpec<AppraisalRow>,
    scheme: {
      columns: {
        postId: { type: String, primary: true, name: 'post_id' },
        version: { type: Number },
        state: { type: 'text' },
      },
    } satisfies TableSpec<AppraisalSchemeRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events) {
      if (event.stream.startsWith(appraisalSchemes.streamPrefix)) {
        const folded = await foldEvent(tables, event, appraisalScheme);
        if (folded?.after) tables.table<AppraisalSchemeRow>('scheme').upsert(schemeRow(folded.after));
        continue;
      }
      const folded = await foldEvent(tables, event, appraisal);
      if (folded?.after) tables.table<AppraisalRow>('appraisal').upsert(appraisalRow(folded.after));
    }
  },
};

/** The row is the appraisal as the decider keeps it, with its query columns. */
export function appraisalRow(a: Appraisal): AppraisalRow {
  return {
    appraisalId: a.appraisalId,
    employeeId: a.employeeId,
    departmentId: a.departmentId,
    postId: a.postId,
    kind: a.kind,
    period: a.period,
    year: a.period.slice(0, 4),
    status: a.status,
    score: a.score,
    needsReview: a.needsReview,
    revision: a.revision,
    finalisedAt: a.finalisedAt ?? null,
    state: JSON.stringify(a),
  };
}

function schemeRow(scheme: AppraisalScheme): AppraisalSchemeRow {
  return { postId: scheme.postId, version: scheme.versions[scheme.versions.length - 1].version, state: JSON.stringify(scheme) };
}
