import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { departmentColumn, scopedQuery } from '@serviceledger/platform/auth';
import { Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { BusinessNeedKind, LineVariance, QuarterVariance, RdPlan, VarianceBreakdown, VarianceFigures, VarianceReport, rdVariance } from '@serviceledger/resource/domain';
import { BusinessDemandRow, RD_INVESTMENT_PROJECTION, RdPlanLineRow, RdPlanRow, RdSpendRow } from './rd-investment.projection';
import { RdPlanListQuery, RdVarianceQuery, toYuan } from './rd-investment.dto';

/** A plan as read: its amounts in CNY. */
export interface RdPlanView {
  planId: string;
  year: number;
  departmentId: string;
  projectId: string;
  projectName: string;
  status: string;
  lines: Array<{
    lineId: string;
    title: string;
    need: RdPlan['lines'][number]['need'];
    budget: number[];
    spent: number[];
    spends: number;
    pendingRevision?: { revisionNumber: number; budget: number[]; reason: string; requestedBy: string; requestedAt: string };
  }>;
  draftedBy: string;
  draftedAt: string;
  approvedBy?: string;
  approvedAt?: string;
  updatedAt: string;
}

/** The demands behind a line's business need, per quarter: the plan's year and the year before. */
export interface NeedDemands {
  kind: BusinessNeedKind;
  reference: string;
  /** Demands of the business category (a category or a trend in it), or of the customer, per quarter. */
  demands: { year: number[]; previousYear: number[] };
}

export type RdVarianceReport = Omit<VarianceReport, 'lines'> & { lines: Array<LineVariance & { need: NeedDemands }> };

/** Plans by year, department and project, and the variance report, scoped to the principal's departments. */
@Injectable()
export class RdInvestmentQueries {
  constructor(private readonly readModels: ReadModels) {}

  async list(actor: Actor, query: RdPlanListQuery): Promise<Page<RdPlanView>> {
    await this.readModels.after(RD_INVESTMENT_PROJECTION, query);
    const builder = this.scoped<RdPlanRow>(actor, 'plan');
    if (query.year) builder.andWhere('r.year = :year', { year: query.year });
    if (query.department) builder.andWhere('r.departmentId = :department', { department: query.department });
    if (query.project) builder.andWhere('r.projectId = :project', { project: query.project });
    const [rows, total] = await builder
      .orderBy('r.year', 'DESC')
      .addOrderBy('r.departmentId', 'ASC')
      .addOrderBy('r.projectId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(planView), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, planId: string, after: ReadAfter | undefined): Promise<RdPlanView> {
    await this.readModels.after(RD_INVESTMENT_PROJECTION, after);
    const row = await this.scoped<RdPlanRow>(actor, 'plan').andWhere('r.planId = :planId', { planId }).getOne();
    if (!row) throw new NotFoundError('R&D plan', planId);
    return planView(row);
  }

  /**
   * Budget against spending for a year, per line, department, quarter and the year (amounts in CNY). The
   * spending is summed from the row of every spend recorded, grouped by line and quarter.
   */
  async variance(actor: Actor, query: RdVarianceQuery): Promise<RdVarianceReport> {
    await this.readModels.after(RD_INVESTMENT_PROJECTION, query);
    const narrow = <T extends RdPlanLineRow | RdSpendRow>(table: 'line' | 'spend') => {
      const builder = this.scoped<T>(actor, table).andWhere('r.year = :year', { year: query.year });
      if (query.department) builder.andWhere('r.departmentId = :department', { department: query.department });
      return builder;
    };
    const lineQuery = narrow<RdPlanLineRow>('line');
    if (query.project) lineQuery.andWhere('r.projectId = :project', { project: query.project });
    const lines = await readRows(lineQuery.orderBy('r.departmentId', 'ASC').addOrderBy('r.planId', 'ASC').addOrderBy('r.lineId', 'ASC'));
    const totals = await narrow<RdSpendRow>('spend')
      .select('r.planId', 'planId')
      .addSelect('r.lineId', 'lineId')
      .addSelect('r.quarter', 'quarter')
      .addSelect('SUM(r.amount)', 'amount')
      .addSelect('COUNT(*)', 'spends')
      .groupBy('r.planId')
      .addGroupBy('r.lineId')
      .addGroupBy('r.quarter')
      .getRawMany<{ planId: string; lineId: string; quarter: number | string; amount: number | string; spends: number | string }>();
    const report = rdVariance(
      lines.map((line) => ({
        planId: line.planId,
        lineId: line.lineId,
        title: line.title,
        departmentId: line.departmentId,
        projectId: line.projectId,
        budget: [line.budgetQ1, line.budgetQ2, line.budgetQ3, line.budgetQ4],
      })),
      totals.map((t) => ({ planId: t.planId, lineId: t.lineId, quarter: Number(t.quarter), amount: Number(t.amount), spends: Number(t.spends) })),
    );
    const needs = await this.demandsBehind(lines, query.year);
    return {
      lines: report.lines.map((line, index) => ({ ...line, ...inYuan(line), need: needs[index] })),
      departments: report.departments.map((department) => ({ ...department, ...inYuan(department) })),
      quarters: report.quarters.map(quarterInYuan),
      year: figuresInYuan(report.year),
    };
  }

  /**
   * Counts the demands intake registered behind each line's need: of its business category for a category or a
   * trend in one, of the customer for a customer; per quarter of the plan's year and of the year before.
   */
  private async demandsBehind(lines: RdPlanLineRow[], year: number): Promise<NeedDemands[]> {
    const column = (kind: string) => (kind === 'customer' ? 'customerId' : 'businessCategory');
    const counts = new Map<string, number>();
    for (const field of ['businessCategory', 'customerId'] as const) {
      const references = [...new Set(lines.filter((line) => column(line.needKind) === field).map((line) => line.needReference))];
      if (references.length === 0) continue;
      const rows = await this.readModels
        .repository<BusinessDemandRow>(RD_INVESTMENT_PROJECTION, 'business_demand')
        .createQueryBuilder('d')
        .select(`d.${field}`, 'reference')
        .addSelect('d.year', 'year')
        .addSelect('d.quarter', 'quarter')
        .addSelect('COUNT(*)', 'demands')
        .where(`d.${field} IN (:...references)`, { references })
        .andWhere('d.year IN (:...years)', { years: [year - 1, year] })
        .groupBy(`d.${field}`)
        .addGroupBy('d.year')
        .addGroupBy('d.quarter')
        .getRawMany<{ reference: string; year: number | string; quarter: number | string; demands: number | string }>();
      for (const row of rows) counts.set(`${field}|${row.reference}|${Number(row.year)}|${Number(row.quarter)}`, Number(row.demands));
    }
    const quartersOf = (line: RdPlanLineRow, of: number) => [1, 2, 3, 4].map((quarter) => counts.get(`${column(line.needKind)}|${line.needReference}|${of}|${quarter}`) ?? 0);
    return lines.map((line) => ({
      kind: line.needKind as BusinessNeedKind,
      reference: line.needReference,
      demands: { year: quartersOf(line, year), previousYear: quartersOf(line, year - 1) },
    }));
  }

  private scoped<T extends RdPlanRow | RdPlanLineRow | RdSpendRow>(actor: Actor, table: 'plan' | 'line' | 'spend') {
    return scopedQuery(actor, this.readModels.repository<T>(RD_INVESTMENT_PROJECTION, table), 'r', { departments: [departmentColumn('r.departmentId')] });
  }
}

function figuresInYuan<F extends VarianceFigures>(figures: F): F {
  return { ...figures, budget: toYuan(figures.budget), spent: toYuan(figures.spent), variance: toYuan(figures.variance) };
}

function quarterInYuan(quarter: QuarterVariance): QuarterVariance {
  return figuresInYuan(quarter);
}

function inYuan(breakdown: VarianceBreakdown): VarianceBreakdown {
  return { ...figuresInYuan(breakdown), quarters: breakdown.quarters.map(quarterInYuan) };
}

function planView(row: RdPlanRow): RdPlanView {
  const plan = JSON.parse(row.state) as RdPlan;
  return {
    ...plan,
    lines: plan.lines.map((line) => ({
      lineId: line.lineId,
      title: line.title,
      need: line.need,
      budget: line.budget.map(toYuan),
      spent: line.spent.map(toYuan),
      spends: line.spends,
      ...(line.pendingRevision ? { pendingRevision: { ...line.pendingRevision, budget: line.pendingRevision.budget.map(toYuan) } } : {}),
    })),
    updatedAt: row.updatedAt,
  };
}
