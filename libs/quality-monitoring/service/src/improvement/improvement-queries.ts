import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { departmentColumn, scopedQuery } from '@serviceledger/platform/auth';
import { Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { ImprovementMeasure, PROBLEM_ORIGINS, PROCESS_STAGES, ProblemOrigin, ProcessStage, inPeriod, periodOf } from '@serviceledger/quality-monitoring/domain';
import { AttributionRow, ImprovementMeasureRow, STAGE_ANALYSIS_PROJECTION } from './stage-analysis.projection';
import { ImprovementListQuery } from './improvement.dto';

export interface StageAnalysis {
  period: string;
  from: string;
  to: string;
  stages: Array<{
    stage: ProcessStage;
    /** After-sales problems resolved in the period and attributed to the stage, and by which way they came in. */
    afterSalesProblems: number;
    byOrigin: Record<ProblemOrigin, number>;
    /** Improvement measures against the stage recorded in the period, and how many of them are done. */
    improvementMeasures: { recorded: number; done: number };
  }>;
}

export type ImprovementMeasureView = ImprovementMeasure;

const DAY = 24 * 60 * 60 * 1000;

/** The analysis per period and stage (P-6.3), and the improvement measures, scoped by their department. */
@Injectable()
export class ImprovementQueries {
  constructor(private readonly readModels: ReadModels) {}

  /**
   * Counts of problems are figures of the whole company, without a department, a customer or free text:
   * every stage's people improve on them. The measures counted are those the reader may see.
   */
  async analysis(actor: Actor, key: string, after: ReadAfter | undefined): Promise<StageAnalysis> {
    await this.readModels.after(STAGE_ANALYSIS_PROJECTION, after);
    const period = periodOf(key);
    // A day's margin either side of the local dates, then the exact test in the period's time zone.
    const since = new Date(Date.parse(`${period.from}T00:00:00Z`) - DAY).toISOString();
    const until = new Date(Date.parse(`${period.to}T00:00:00Z`) + 2 * DAY).toISOString();
    const attributions = (
      await readRows(
        this.readModels
          .repository<AttributionRow>(STAGE_ANALYSIS_PROJECTION, 'attribution')
          .createQueryBuilder('a')
          .where('a.resolvedAt >= :since AND a.resolvedAt < :until', { since, until }),
      )
    ).filter((row) => inPeriod(period, row.resolvedAt));
    const measures = (await readRows(this.scoped(actor))).filter((row) => inPeriod(period, row.recordedAt));
    return {
      period: period.key,
      from: period.from,
      to: period.to,
      stages: PROCESS_STAGES.map((stage) => {
        const problems = attributions.filter((row) => row.stage === stage);
        const ofStage = measures.filter((row) => row.stage === stage);
        return {
          stage,
          afterSalesProblems: problems.length,
          byOrigin: Object.fromEntries(PROBLEM_ORIGINS.map((origin) => [origin, problems.filter((row) => row.origin === origin).length])) as Record<ProblemOrigin, number>,
          improvementMeasures: { recorded: ofStage.length, done: ofStage.filter((row) => row.status === 'done').length },
        };
      }),
    };
  }

  async list(actor: Actor, query: ImprovementListQuery): Promise<Page<ImprovementMeasureView>> {
    await this.readModels.after(STAGE_ANALYSIS_PROJECTION, query);
    const builder = this.scoped(actor);
    if (query.stage) builder.andWhere('m.stage = :stage', { stage: query.stage });
    if (query.status) builder.andWhere('m.status = :status', { status: query.status });
    const [rows, total] = await builder
      .orderBy('m.dueOn', 'ASC')
      .addOrderBy('m.measureId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, measureId: string, after: ReadAfter | undefined): Promise<ImprovementMeasureView> {
    await this.readModels.after(STAGE_ANALYSIS_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('m.measureId = :measureId', { measureId }).getOne();
    if (!row) throw new NotFoundError('Improvement measure', measureId);
    return view(row);
  }

  /** A measure is its department's, as a finding is; customers see none. */
  private scoped(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<ImprovementMeasureRow>(STAGE_ANALYSIS_PROJECTION, 'improvement_measure'), 'm', {
      departments: [departmentColumn('m.departmentId')],
    });
  }
}

function view(row: ImprovementMeasureRow): ImprovementMeasureView {
  return JSON.parse(row.state) as ImprovementMeasure;
}
