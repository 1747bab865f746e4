import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { afterSalesAttribution, afterSalesAttributions, improvementMeasure, improvementMeasures } from '@serviceledger/quality-monitoring/domain';

export const STAGE_ANALYSIS_PROJECTION = 'quality-monitoring.stage-analysis';

/** An after-sales problem's latest attribution to a process stage (P-6.3), whichever way it came in. */
export interface AttributionRow {
  /** `<origin>-<problem id>`. */
  problemKey: string;
  origin: string;
  problemId: string;
  stage: string;
  resolvedAt: string;
}

export interface ImprovementMeasureRow {
  measureId: string;
  stage: string;
  departmentId: string;
  ownerId: string;
  status: string;
  dueOn: string;
  recordedAt: string;
  completedAt: string | null;
  /** The folded measure (JSON): description, follow-ups, findings raised from it, outcome. */
  state: string;
}

const str = { type: String, nullable: true };

/**
 * The analysis of after-sales problems per process stage and the improvement measures fed back to each
 * stage (P-6.3), both folded with their deciders' `evolve`.
 */
export const stageAnalysisProjection: ProjectionDefinition = {
  name: STAGE_ANALYSIS_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [afterSalesAttributions.streamPrefix, improvementMeasures.streamPrefix] },
  tables: {
    attribution: {
      columns: {
        problemKey: { type: String, primary: true, name: 'problem_key' },
        origin: { type: String },
        problemId: { type: String, name: 'problem_id' },
        stage: { type: String },
        resolvedAt: { type: String, name: 'resolved_at' },
      },
      indices: [{ columns: ['resolvedAt'] }],
    } satisfies TableSpec<AttributionRow>,
    improvement_measure: {
      columns: {
        measureId: { type: String, primary: true, name: 'measure_id' },
        stage: { type: String },
        departmentId: { type: String, name: 'department_id' },
        ownerId: { type: String, name: 'owner_id' },
        status: { type: String },
        dueOn: { type: String, name: 'due_on' },
        recordedAt: { type: String, name: 'recorded_at' },
        completedAt: { ...str, name: 'completed_at' },
        state: { type: 'text' },
      },
      indices: [{ columns: ['stage', 'status'] }, { columns: ['departmentId'] }],
    } satisfies TableSpec<ImprovementMeasureRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    const attributions = tables.table<AttributionRow>('attribution');
    const measures = tables.table<ImprovementMeasureRow>('improvement_measure');
    for (const event of events) {
      if (event.stream.startsWith(afterSalesAttributions.streamPrefix)) {
        const latest = (await foldEvent(tables, event, afterSalesAttribution))?.after.latest;
        if (!latest) continue;
        const { origin, problemId, stage, resolvedAt } = latest;
        attributions.upsert({ problemKey: `${origin}-${problemId}`, origin, problemId, stage, resolvedAt });
        continue;
      }
      const measure = (await foldEvent(tables, event, improvementMeasure))?.after;
      if (!measure) continue;
      measures.upsert({
        measureId: measure.measureId,
        stage: measure.stage,
        departmentId: measure.departmentId,
        ownerId: measure.ownerId,
        status: measure.status,
        dueOn: measure.dueOn,
        recordedAt: measure.recordedAt,
        completedAt: measure.completedAt ?? null,
        state: JSON.stringify(measure),
      });
    }
  },
};
