import { Aggregate, Command, Decider, streamOf } from '@serviceledger/platform/core';
import { ProcessStage, ensureProcessStage } from './process-stage';

/**
 * 二(六)3 "分析售後服務過程中發現的問題…將相關信息反饋至服務流程的各個環節": every after-sales problem, by
 * whichever way it came in — raised in service delivery on an accepted case, or registered in intake as a
 * demand of kind after-sales — is attributed when it is resolved to the process stage it points back to.
 * Kept as this service's own events, from the contract event that carried the stage, so the analysis per
 * period and stage can be recomputed. One stream per problem; a resolution after a reopening attributes it
 * again, and the latest attribution counts.
 */
export const PROBLEM_ORIGINS = ['intake', 'service-delivery'] as const;
export type ProblemOrigin = (typeof PROBLEM_ORIGINS)[number];

export interface AfterSalesAttribution {
  origin: ProblemOrigin;
  /** The demand's id for a problem from intake, the problem's for one from service delivery. */
  problemId: string;
  stage: ProcessStage;
  resolvedAt: string;
}

export type AttributeAfterSalesProblem = Command<'AttributeAfterSalesProblem', Omit<AfterSalesAttribution, 'stage'> & { stage: string; messageId: string }>;
export type AfterSalesProblemAttributed = { type: 'AfterSalesProblemAttributed'; data: AfterSalesAttribution & { messageId: string } };

export interface AttributionLog {
  messageIds: string[];
  latest?: AfterSalesAttribution;
}

export const afterSalesAttribution: Decider<AttributeAfterSalesProblem, AfterSalesProblemAttributed, AttributionLog> = {
  initialState: () => ({ messageIds: [] }),
  evolve: (state, { data: { messageId, ...latest } }) => ({ messageIds: [...state.messageIds, messageId], latest }),
  decide(command, state) {
    const { messageId, origin, problemId, stage, resolvedAt } = command.data;
    // A redelivered resolution is attributed once.
    if (state.messageIds.includes(messageId)) return [];
    return [{ type: 'AfterSalesProblemAttributed', data: { origin, problemId, stage: ensureProcessStage(stage), resolvedAt, messageId } }];
  },
};

export const afterSalesAttributions: Aggregate<AttributeAfterSalesProblem, AfterSalesProblemAttributed, AttributionLog> = {
  name: 'After-sales attribution',
  streamPrefix: 'quality-monitoring.attribution-',
  decider: afterSalesAttribution,
  idOf: (command) => `${command.data.origin}-${command.data.problemId}`,
  creates: ['AttributeAfterSalesProblem'],
};

export const afterSalesAttributionStream = (origin: ProblemOrigin, problemId: string): string =>
  streamOf(afterSalesAttributions, `${origin}-${problemId}`);
