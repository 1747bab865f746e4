import { QuarterAmounts } from './rd-investment-plan';

/**
 * Budget against spending: per plan line, per department, per quarter and for the year. The
 * variance is budget − spent: positive is money left, negative an overspend. Spending is counted from
 * every spend recorded (the spend totals are sums over each spend event), never from a running figure.
 */
export interface VarianceLineInput {
  planId: string;
  lineId: string;
  title: string;
  departmentId: string;
  projectId: string;
  budget: QuarterAmounts;
}

/** The sum and count of the spends recorded on one line in one quarter. */
export interface SpendTotal {
  planId: string;
  lineId: string;
  quarter: number;
  amount: number;
  spends: number;
}

export interface VarianceFigures {
  budget: number;
  spent: number;
  variance: number;
  spends: number;
}

export interface QuarterVariance extends VarianceFigures {
  quarter: number;
}

export interface VarianceBreakdown extends VarianceFigures {
  quarters: QuarterVariance[];
}

export interface LineVariance extends VarianceBreakdown {
  planId: string;
  lineId: string;
  title: string;
  departmentId: string;
  projectId: string;
}

export interface VarianceReport {
  lines: LineVariance[];
  departments: Array<VarianceBreakdown & { departmentId: string }>;
  quarters: QuarterVariance[];
  year: VarianceFigures;
}

const QUARTERS = [1, 2, 3, 4];

function breakdown(budget: readonly number[], spent: readonly number[], spends: readonly number[]): VarianceBreakdown {
  const quarters = QUARTERS.map((quarter, index) => ({ quarter, budget: budget[index], spent: spent[index], variance: budget[index] - spent[index], spends: spends[index] }));
  return { ...total(quarters), quarters };
}

function total(figures: readonly VarianceFigures[]): VarianceFigures {
  const budget = figures.reduce((sum, f) => sum + f.budget, 0);
  const spent = figures.reduce((sum, f) => sum + f.spent, 0);
  return { budget, spent, variance: budget - spent, spends: figures.reduce((sum, f) => sum + f.spends, 0) };
}

const lineKey = (planId: string, lineId: string) => `${planId}\u0000${lineId}`;

export function rdVariance(lines: readonly VarianceLineInput[], totals: readonly SpendTotal[]): VarianceReport {
  const spentBy = new Map<string, { amount: number[]; spends: number[] }>();
  for (const t of totals) {
    const key = lineKey(t.planId, t.lineId);
    const entry = spentBy.get(key) ?? { amount: [0, 0, 0, 0], spends: [0, 0, 0, 0] };
    entry.amount[t.quarter - 1] += t.amount;
    entry.spends[t.quarter - 1] += t.spends;
    spentBy.set(key, entry);
  }
  const lineVariances: LineVariance[] = lines.map((line) => {
    const spent = spentBy.get(lineKey(line.planId, line.lineId)) ?? { amount: [0, 0, 0, 0], spends: [0, 0, 0, 0] };
    const { planId, lineId, title, departmentId, projectId } = line;
    return { planId, lineId, title, departmentId, projectId, ...breakdown(line.budget, spent.amount, spent.spends) };
  });
  const departments = [...new Set(lineVariances.map((line) => line.departmentId))].sort().map((departmentId) => {
    const own = lineVariances.filter((line) => line.departmentId === departmentId);
    return { departmentId, ...sumBreakdowns(own) };
  });
  const all = sumBreakdowns(lineVariances);
  return { lines: lineVariances, departments, quarters: all.quarters, year: total(all.quarters) };
}

function sumBreakdowns(items: readonly VarianceBreakdown[]): VarianceBreakdown {
  const column = (index: number, field: 'budget' | 'spent' | 'spends') => items.reduce((sum, item) => sum + item.quarters[index][field], 0);
  return breakdown(
    QUARTERS.map((_, index) => column(index, 'budget')),
    QUARTERS.map((_, index) => column(index, 'spent')),
    QUARTERS.map((_, index) => column(index, 'spends')),
  );
}
