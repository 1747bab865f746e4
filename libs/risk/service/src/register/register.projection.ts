import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { Risk, RiskEvent, risk, risks } from '@serviceledger/risk/domain';

export const REGISTER_PROJECTION = 'risk.register';

/** A risk as the register lists it: the decider's state (JSON) and the columns it is filtered by. */
export interface RiskRow {
  riskId: string;
  title: string;
  category: string;
  ownerId: string;
  departmentId: string;
  state: string;
  /** The current assessment's level and band; null until the risk is assessed. */
  level: string | null;
  band: string | null;
  likelihood: number | null;
  impact: number | null;
  matrixVersion: number | null;
  /** The strategy of the response in force and whether it awaits re-approval. */
  strategy: string | null;
  responseStatus: string | null;
  nextReviewDue: string | null;
  reviewOverdue: boolean;
  identifiedAt: string;
  changedAt: string;
  closedAt: string | null;
  risk: string;
}

/** One assessment of one risk, kept for the history and the heat map as of a past instant (K-1.2). */
export interface AssessmentRow {
  riskId: string;
  assessmentNumber: number;
  likelihood: number;
  impact: number;
  level: string;
  band: string;
  matrixVersion: number;
  assessedAt: string;
}

const str = { type: String, nullable: true };
const int = { type: Number, nullable: true };

/** Instants as typed may carry any offset; stored in UTC they order and compare as text. */
const utc = (instant: string): string => new Date(instant).toISOString();

/** The risk register (K-1.1 … K-3.1): a row per risk folded with the decider, and every assessment it had. */
export const registerProjection: ProjectionDefinition = {
  name: REGISTER_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [risks.streamPrefix] },
  tables: {
    risk: {
      columns: {
        riskId: { type: String, primary: true, name: 'risk_id' },
        title: { type: 'text' },
        category: { type: String },
        ownerId: { type: String, name: 'owner_id' },
        departmentId: { type: String, name: 'department_id' },
        state: { type: String },
        level: { ...str },
        band: { ...str },
        likelihood: { ...int },
        impact: { ...int },
        matrixVersion: { ...int, name: 'matrix_version' },
        strategy: { ...str },
        responseStatus: { ...str, name: 'response_status' },
        nextReviewDue: { ...str, name: 'next_review_due' },
        reviewOverdue: { type: Boolean, name: 'review_overdue', default: false },
        identifiedAt: { type: String, name: 'identified_at' },
        changedAt: { type: String, name: 'changed_at' },
        closedAt: { ...str, name: 'closed_at' },
        risk: { type: 'text' },
      },
      indices: [{ columns: ['departmentId', 'state'] }, { columns: ['category', 'state'] }, { columns: ['ownerId'] }, { columns: ['nextReviewDue'] }],
    } satisfies TableSpec<RiskRow>,
    assessment: {
      columns: {
        riskId: { type: String, primary: true, name: 'risk_id' },
        assessmentNumber: { type: Number, primary: true, name: 'assessment_number' },
        likelihood: { type: Number },
        impact: { type: Number },
        level: { type: String },
        band: { type: String },
        matrixVersion: { type: Number, name: 'matrix_version' },
        assessedAt: { type: String, name: 'assessed_at' },
      },
      indices: [{ columns: ['assessedAt'] }],
    } satisfies TableSpec<AssessmentRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events as Array<EventEnvelope & RiskEvent>) {
      const folded = await foldEvent(tables, event, risk);
      const after = folded?.after;
      if (!after) continue;
      tables.table<RiskRow>('risk').upsert(rowOf(after));
      if (event.type === 'RiskAssessed') {
        const { riskId, assessmentNumber, likelihood, impact, level, band, matrixVersion, assessedAt } = event.data;
        tables.table<AssessmentRow>('assessment').upsert({ riskId, assessmentNumber, likelihood, impact, level, band, matrixVersion, assessedAt: utc(assessedAt) });
      }
    }
  },
};

export function rowOf(state: Risk): RiskRow {
  const assessment = state.assessments.at(-1);
  const response = state.responses.at(-1);
  return {
    riskId: state.riskId,
    title: state.title,
    category: state.category,
    ownerId: state.ownerId,
    departmentId: state.departmentId,
    state: state.state,
    level: assessment?.level ?? null,
    band: assessment?.band ?? null,
    likelihood: assessment?.likelihood ?? null,
    impact: assessment?.impact ?? null,
    matrixVersion: assessment?.matrixVersion ?? null,
    strategy: response?.strategy ?? null,
    responseStatus: response?.status ?? null,
    nextReviewDue: state.nextReviewDue ? utc(state.nextReviewDue) : null,
    reviewOverdue: state.reviewOverdue,
    identifiedAt: utc(state.identifiedAt),
    changedAt: utc(state.changedAt),
    closedAt: state.closedAt ? utc(state.closedAt) : null,
    risk: JSON.stringify(state),
  };
}
