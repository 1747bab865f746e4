import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { ensureCalendarDate } from '../equipment/calendar-dates';

/**
 * A department's R&D investment plan for one project and one year (R-1.3; 五(一)3 "根據公司業務發展需求,
 * 合理安排技術研發投入"):
 *
 *   drafted ──approve──▶ approved ──spend, revise (request → approve | reject)──▶ …
 *
 * Each line is budgeted by quarter and justified by the business need it serves: a business category, a
 * demand trend or a customer. Spends are recorded against a line once the plan is approved; a spend that
 * would take the line's spending past its budget is refused until a revision raising the budget has been
 * approved. Amounts are whole fen (0.01 CNY). The plan keeps each line's spending per quarter, folded from
 * every spend: the variance report reads the same events.
 */
export const BUSINESS_NEED_KINDS = ['business-category', 'demand-trend', 'customer'] as const;
export type BusinessNeedKind = (typeof BUSINESS_NEED_KINDS)[number];

/** Why a line is worth its money: the business need it serves. */
export interface BusinessNeed {
  kind: BusinessNeedKind;
  /** The business category (for a category, or a demand trend in it), or the customer id. */
  reference: string;
  /** What the investment does for that need. */
  note: string;
}

/** Amounts per quarter of the plan's year, Q1 to Q4, in fen. */
export type QuarterAmounts = [number, number, number, number];

export interface RdPlanLineContent {
  lineId: string;
  title: string;
  need: BusinessNeed;
  budget: QuarterAmounts;
}

export interface PendingRevision {
  revisionNumber: number;
  budget: QuarterAmounts;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

export interface RdPlanLine extends RdPlanLineContent {
  spent: QuarterAmounts;
  spends: number;
  pendingRevision?: PendingRevision;
}

export type RdPlanStatus = 'drafted' | 'approved';

export interface RdPlan {
  planId: string;
  year: number;
  departmentId: string;
  projectId: string;
  projectName: string;
  status: RdPlanStatus;
  lines: RdPlanLine[];
  draftedBy: string;
  draftedAt: string;
  approvedBy?: string;
  approvedAt?: string;
  /** Revisions requested so far: the next one's number is this plus one. */
  revisions: number;
}

export type RdPlanState = RdPlan | null;

export type DraftRdPlan = Command<
  'DraftRdPlan',
  { planId: string; year: number; departmentId: string; projectId: string; projectName: string; lines: RdPlanLineContent[] }
>;
export type ApproveRdPlan = Command<'ApproveRdPlan', { planId: string }>;
export type RequestBudgetRevision = Command<'RequestBudgetRevision', { planId: string; lineId: string; budget: QuarterAmounts; reason: string }>;
export type ApproveBudgetRevision = Command<'ApproveBudgetRevision', { planId: string; revisionNumber: number }>;
export type RejectBudgetRevision = Command<'RejectBudgetRevision', { planId: string; revisionNumber: number; reason: string }>;
export type RecordRdSpend = Command<
  'RecordRdSpend',
  { planId: string; spendId: string; lineId: string; amount: number; spentOn: string; description: string; reference?: string }
>;
export type RdPlanCommand = DraftRdPlan | ApproveRdPlan | RequestBudgetRevision | ApproveBudgetRevision | RejectBudgetRevision | RecordRdSpend;

export type RdPlanDrafted = {
  type: 'RdPlanDrafted';
  data: { planId: string; year: number; departmentId: string; projectId: string; projectName: string; lines: RdPlanLineContent[]; draftedBy: string; draftedAt: string };
};
export type RdPlanApproved = { type: 'RdPlanApproved'; data: { planId: string; approvedBy: string; approvedAt: string } };
export type BudgetRevisionRequested = {
  type: 'BudgetRevisionRequested';
  data: { planId: string; revisionNumber: number; lineId: string; budget: QuarterAmounts; reason: string; requestedBy: string; requestedAt: string };
};
export type BudgetRevisionApproved = {
  type: 'BudgetRevisionApproved';
  data: { planId: string; revisionNumber: number; lineId: string; previous: QuarterAmounts; budget: QuarterAmounts; approvedBy: string; approvedAt: string };
};
export type BudgetRevisionRejected = {
  type: 'BudgetRevisionRejected';
  data: { planId: string; revisionNumber: number; lineId: string; reason: string; rejectedBy: string; rejectedAt: string };
};
export type RdSpendRecorded = {
  type: 'RdSpendRecorded';
  data: {
    planId: string;
    spendId: string;
    lineId: string;
    amount: number;
    spentOn: string;
    /** 1–4: the quarter of the plan's year the spend falls in. */
    quarter: number;
    description: string;
    reference?: string;
    recordedBy: string;
    recordedAt: string;
  };
};
export type RdPlanEvent = RdPlanDrafted | RdPlanApproved | BudgetRevisionRequested | BudgetRevisionApproved | BudgetRevisionRejected | RdSpendRecorded;

export const MAX_PLAN_LINES = 50;
/** A line's budget for a quarter: at most 10 billion fen (100 million CNY). */
export const MAX_QUARTER_BUDGET_FEN = 10_000_000_000;

export const sumOfAmounts = (amounts: readonly number[]): number => amounts.reduce((sum, amount) => sum + amount, 0);

const withLine = (plan: RdPlan, lineId: string, change: (line: RdPlanLine) => RdPlanLine): RdPlan => ({
  ...plan,
  lines: plan.lines.map((line) => (line.lineId === lineId ? change(line) : line)),
});

export const rdInvestmentPlan: Decider<RdPlanCommand, RdPlanEvent, RdPlanState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'RdPlanDrafted') {
      const { lines, ...plan } = event.data;
      return { ...plan, status: 'drafted', revisions: 0, lines: lines.map((line) => ({ ...line, spent: [0, 0, 0, 0], spends: 0 })) };
    }
    if (!state) return state;
    switch (event.type) {
      case 'RdPlanApproved':
        return { ...state, status: 'approved', approvedBy: event.data.approvedBy, approvedAt: event.data.approvedAt };
      case 'BudgetRevisionRequested': {
        const { revisionNumber, budget, reason, requestedBy, requestedAt } = event.data;
        return { ...withLine(state, event.data.lineId, (line) => ({ ...line, pendingRevision: { revisionNumber, budget, reason, requestedBy, requestedAt } })), revisions: revisionNumber };
      }
      case 'BudgetRevisionApproved':
        return withLine(state, event.data.lineId, ({ pendingRevision: _approved, ...line }) => ({ ...line, budget: event.data.budget }));
      case 'BudgetRevisionRejected':
        return withLine(state, event.data.lineId, ({ pendingRevision: _rejected, ...line }) => line);
      case 'RdSpendRecorded': {
        const { amount, quarter } = event.data;
        return withLine(state, event.data.lineId, (line) => ({
          ...line,
          spent: line.spent.map((spent, index) => (index === quarter - 1 ? spent + amount : spent)) as QuarterAmounts,
          spends: line.spends + 1,
        }));
      }
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'DraftRdPlan') {
      if (state) throw new RuleViolation('rd-plan-exists', `R&D plan ${command.data.planId} was already drafted`);
      const { planId, year, departmentId, projectId } = command.data;
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RuleViolation('field-invalid', `The plan's year must be between 2000 and 2100, not ${year}`);
      const lines = command.data.lines.map(lineContent);
      if (lines.length === 0 || lines.length > MAX_PLAN_LINES) throw new RuleViolation('field-invalid', `A plan has 1 to ${MAX_PLAN_LINES} lines`);
      if (new Set(lines.map((line) => line.lineId)).size !== lines.length) throw new RuleViolation('duplicate-line', 'Each line of a plan has its own id');
      return [
        {
          type: 'RdPlanDrafted',
          data: {
            planId,
            year,
            departmentId: required(departmentId, 'department'),
            projectId: required(projectId, 'project'),
            projectName: required(command.data.projectName, 'project name'),
            lines,
            draftedBy: actor.userId,
            draftedAt: at,
          },
        },
      ];
    }
    if (!state) throw new NotFoundError('R&D plan', command.data.planId);
    const { planId } = state;
    switch (command.type) {
      case 'ApproveRdPlan':
        if (state.status !== 'drafted') throw new RuleViolation('rd-plan-state', `R&D plan ${planId} is already approved`);
        if (actor.userId === state.draftedBy) throw new RuleViolation('approver-is-requester', 'A plan is approved by someone other than who drafted it');
        return [{ type: 'RdPlanApproved', data: { planId, approvedBy: actor.userId, approvedAt: at } }];
      case 'RequestBudgetRevision': {
        const line = approvedLine(state, command.data.lineId);
        if (line.pendingRevision) {
          throw new RuleViolation('revision-pending', `Revision ${line.pendingRevision.revisionNumber} of line ${line.lineId} awaits a decision`);
        }
        const budget = quarterAmounts(command.data.budget);
        if (budget.some((amount, index) => amount < line.spent[index])) {
          throw new RuleViolation('budget-below-spent', `A revised budget cannot be below what line ${line.lineId} has spent in a quarter`);
        }
        return [
          {
            type: 'BudgetRevisionRequested',
            data: { planId, revisionNumber: state.revisions + 1, lineId: line.lineId, budget, reason: required(command.data.reason, 'reason'), requestedBy: actor.userId, requestedAt: at },
          },
        ];
      }
      case 'ApproveBudgetRevision':
      case 'RejectBudgetRevision': {
        const line = state.lines.find((candidate) => candidate.pendingRevision?.revisionNumber === command.data.revisionNumber);
        const revision = line?.pendingRevision;
        if (!line || !revision) throw new RuleViolation('no-such-revision', `R&D plan ${planId} has no revision ${command.data.revisionNumber} awaiting a decision`);
        if (actor.userId === revision.requestedBy) throw new RuleViolation('approver-is-requester', 'A revision is decided by someone other than who requested it');
        const { revisionNumber } = revision;
        return command.type === 'ApproveBudgetRevision'
          ? [{ type: 'BudgetRevisionApproved', data: { planId, revisionNumber, lineId: line.lineId, previous: line.budget, budget: revision.budget, approvedBy: actor.userId, approvedAt: at } }]
          : [{ type: 'BudgetRevisionRejected', data: { planId, revisionNumber, lineId: line.lineId, reason: required(command.data.reason, 'reason'), rejectedBy: actor.userId, rejectedAt: at } }];
      }
      case 'RecordRdSpend': {
        const line = approvedLine(state, command.data.lineId);
        const { spendId, amount, reference } = command.data;
        if (!Number.isInteger(amount) || amount <= 0) throw new RuleViolation('field-invalid', 'A spend is a positive amount of whole fen');
        const spentOn = ensureCalendarDate(command.data.spentOn, 'The spend date');
        if (Number(spentOn.slice(0, 4)) !== state.year) throw new RuleViolation('spend-outside-year', `R&D plan ${planId} covers ${state.year}; a spend on ${spentOn} does not belong to it`);
        const spent = sumOfAmounts(line.spent);
        const budget = sumOfAmounts(line.budget);
        if (spent + amount > budget) {
          throw new RuleViolation(
            'line-over-budget',
            `Line ${line.lineId} has ${budget - spent} fen left of ${budget}; a spend of ${amount} needs an approved budget revision first`,
          );
        }
        const description = required(command.data.description, 'description');
        const quarter = Math.floor((Number(spentOn.slice(5, 7)) - 1) / 3) + 1;
        return [
          {
            type: 'RdSpendRecorded',
            data: { planId, spendId, lineId: line.lineId, amount, spentOn, quarter, description, ...(reference?.trim() ? { reference: reference.trim() } : {}), recordedBy: actor.userId, recordedAt: at },
          },
        ];
      }
    }
  },
};

/** A plan's stream is `resource.rd-plan-<id>`: one department's project for one year, with that year's spends. */
export const rdInvestmentPlans: Aggregate<RdPlanCommand, RdPlanEvent, RdPlanState> = {
  name: 'R&D plan',
  streamPrefix: 'resource.rd-plan-',
  decider: rdInvestmentPlan,
  idOf: (command) => command.data.planId,
  creates: ['DraftRdPlan'],
  scope: (state) => ({ departments: state ? [state.departmentId] : [] }),
};

export const rdPlanStream = (planId: string): string => streamOf(rdInvestmentPlans, planId);

function approvedLine(plan: RdPlan, lineId: string): RdPlanLine {
  if (plan.status !== 'approved') throw new RuleViolation('rd-plan-state', `R&D plan ${plan.planId} is not approved yet`);
  const line = plan.lines.find((candidate) => candidate.lineId === lineId);
  if (!line) throw new RuleViolation('no-such-line', `R&D plan ${plan.planId} has no line ${lineId}`);
  return line;
}

function lineContent(line: RdPlanLineContent): RdPlanLineContent {
  if (!(BUSINESS_NEED_KINDS as readonly string[]).includes(line.need?.kind)) {
    throw new RuleViolation('need-required', `Line ${line.lineId} must name the business need it serves: ${BUSINESS_NEED_KINDS.join(', ')}`);
  }
  return {
    lineId: required(line.lineId, 'line id'),
    title: required(line.title, 'line title'),
    need: { kind: line.need.kind, reference: required(line.need.reference, 'business need'), note: required(line.need.note, "business need's note") },
    budget: quarterAmounts(line.budget),
  };
}

function quarterAmounts(amounts: readonly number[]): QuarterAmounts {
  if (amounts.length !== 4 || amounts.some((amount) => !Number.isInteger(amount) || amount < 0 || amount > MAX_QUARTER_BUDGET_FEN)) {
    throw new RuleViolation('field-invalid', `A budget is four quarters of whole fen, each from 0 to ${MAX_QUARTER_BUDGET_FEN}`);
  }
  return [amounts[0], amounts[1], amounts[2], amounts[3]];
}

function required(value: string | undefined, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new RuleViolation('field-required', `An R&D plan needs its ${what}`);
  return trimmed;
}
