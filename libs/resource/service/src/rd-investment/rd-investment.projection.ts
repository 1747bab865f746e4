import { EventEnvelope } from '@serviceledger/platform/core';
import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { BusinessDemandEvent, RdPlanEvent, businessDemand, businessDemands, rdInvestmentPlan, rdInvestmentPlans, shanghaiDateAt } from '@serviceledger/resource/domain';

export const RD_INVESTMENT_PROJECTION = 'resource-rd-investment';

export interface RdPlanRow {
  planId: string;
  year: number;
  departmentId: string;
  projectId: string;
  projectName: string;
  status: string;
  /** The folded plan (JSON): lines with their needs, budgets, spending and pending revisions. */
  state: string;
  updatedAt: string;
}

export interface RdPlanLineRow {
  planId: string;
  lineId: string;
  year: number;
  departmentId: string;
  projectId: string;
  title: string;
  needKind: string;
  needReference: string;
  /** The line's budget per quarter, in fen, as last approved. */
  budgetQ1: number;
  budgetQ2: number;
  budgetQ3: number;
  budgetQ4: number;
}

/** One row per spend recorded: the variance report sums these, so every spend counts once. */
export interface RdSpendRow {
  planId: string;
  spendId: string;
  lineId: string;
  year: number;
  departmentId: string;
  quarter: number;
  amount: number;
  spentOn: string;
  description: string;
  recordedBy: string;
}

/** A demand intake registered, by its business category and customer, in the quarter it came (Asia/Shanghai). */
export interface BusinessDemandRow {
  demandId: string;
  businessCategory: string | null;
  customerId: string | null;
  year: number;
  quarter: number;
}

const key = (name: string) => ({ type: String, primary: true, name });
/** Amounts in fen pass 2^31 (a line may budget 100 million CNY a quarter); PostgreSQL answers a bigint as text. */
const fen = (name?: string) => ({ type: 'bigint' as const, ...(name ? { name } : {}), transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } });

/**
 * R&D investment plans, their lines and every spend, for the plan list and the variance report, and the
 * demands behind the business needs the lines name, counted per category and customer by quarter.
 */
export const rdInvestmentProjection: ProjectionDefinition = {
  name: RD_INVESTMENT_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [rdInvestmentPlans.streamPrefix, businessDemands.streamPrefix] },
  tables: {
    plan: {
      columns: {
        planId: key('plan_id'),
        year: { type: Number },
        departmentId: { type: String, name: 'department_id' },
        projectId: { type: String, name: 'project_id' },
        projectName: { type: String, name: 'project_name' },
        status: { type: String },
        state: { type: 'text' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['year', 'departmentId'] }],
    } satisfies TableSpec<RdPlanRow>,
    line: {
      columns: {
        planId: key('plan_id'),
        lineId: key('line_id'),
        year: { type: Number },
        departmentId: { type: String, name: 'department_id' },
        projectId: { type: String, name: 'project_id' },
        title: { type: String },
        needKind: { type: String, name: 'need_kind' },
        needReference: { type: String, name: 'need_reference' },
        budgetQ1: fen('budget_q1'),
        budgetQ2: fen('budget_q2'),
        budgetQ3: fen('budget_q3'),
        budgetQ4: fen('budget_q4'),
      },
      indices: [{ columns: ['year', 'departmentId'] }],
    } satisfies TableSpec<RdPlanLineRow>,
    spend: {
      columns: {
        planId: key('plan_id'),
        spendId: key('spend_id'),
        lineId: { type: String, name: 'line_id' },
        year: { type: Number },
        departmentId: { type: String, name: 'department_id' },
        quarter: { type: Number },
        amount: fen(),
        spentOn: { type: String, name: 'spent_on' },
        description: { type: 'text' },
        recordedBy: { type: String, name: 'recorded_by' },
      },
      indices: [{ columns: ['year', 'departmentId'] }, { columns: ['planId', 'lineId'] }],
    } satisfies TableSpec<RdSpendRow>,
    business_demand: {
      columns: {
        demandId: key('demand_id'),
        businessCategory: { type: String, nullable: true, name: 'business_category' },
        customerId: { type: String, nullable: true, name: 'customer_id' },
        year: { type: Number },
        quarter: { type: Number },
      },
      indices: [{ columns: ['year', 'businessCategory'] }, { columns: ['year', 'customerId'] }],
    } satisfies TableSpec<BusinessDemandRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events as Array<EventEnvelope & (RdPlanEvent | BusinessDemandEvent)>) {
      if (event.type === 'BusinessDemandNoted') {
        const demand = (await foldEvent(tables, event, businessDemand))?.after;
        if (!demand) continue;
        const day = shanghaiDateAt(demand.since);
        tables.table<BusinessDemandRow>('business_demand').upsert({
          demandId: demand.demandId,
          businessCategory: demand.businessCategory ?? null,
          customerId: demand.customerId ?? null,
          year: Number(day.slice(0, 4)),
          quarter: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1,
        });
        continue;
      }
      const plan = (await foldEvent(tables, event, rdInvestmentPlan))?.after;
      if (!plan) continue;
      const { planId, year, departmentId, projectId } = plan;
      tables.table<RdPlanRow>('plan').upsert({ planId, year, departmentId, projectId, projectName: plan.projectName, status: plan.status, state: JSON.stringify(plan), updatedAt: event.occurredAt });
      for (const line of plan.lines) {
        const [budgetQ1, budgetQ2, budgetQ3, budgetQ4] = line.budget;
        tables.table<RdPlanLineRow>('line').upsert({
          planId,
          lineId: line.lineId,
          year,
          departmentId,
          projectId,
          title: line.title,
          needKind: line.need.kind,
          needReference: line.need.reference,
          budgetQ1,
          budgetQ2,
          budgetQ3,
          budgetQ4,
        });
      }
      if (event.type === 'RdSpendRecorded') {
        const d = event.data;
        tables.table<RdSpendRow>('spend').upsert({
          planId,
          spendId: d.spendId,
          lineId: d.lineId,
          year,
          departmentId,
          quarter: d.quarter,
          amount: d.amount,
          spentOn: d.spentOn,
          description: d.description,
          recordedBy: d.recordedBy,
        });
      }
    }
  },
};
