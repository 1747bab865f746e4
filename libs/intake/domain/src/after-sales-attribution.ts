import { RuleViolation } from '@serviceledger/platform/core';
import { DemandKind } from './classification';

/**
 * 二(六)3 "分析…將相關信息反饋至服務流程的各個環節": an after-sales problem that comes in as a demand is,
 * like one raised in service delivery, attributed when it is resolved to the stage of the service process
 * it points back to, so the analysis per stage covers both ways in. Mirrors service delivery's stages: a
 * domain imports no other scope.
 */
export const PROCESS_STAGES = ['intake', 'planning', 'implementation', 'acceptance', 'after-sales'] as const;
export type ProcessStage = (typeof PROCESS_STAGES)[number];

/** The stage a resolution records: required of an after-sales demand, refused on any other kind. */
export function attributedStage(kind: DemandKind, reference: string, stage: string | undefined): { processStage?: ProcessStage } {
  if (kind !== 'after-sales') {
    if (stage === undefined) return {};
    throw new RuleViolation(
      'stage-not-applicable',
      `Demand ${reference} is not an after-sales problem: only those are attributed to a process stage (P-6.3)`,
    );
  }
  if (stage === undefined) {
    throw new RuleViolation(
      'process-stage-required',
      `After-sales demand ${reference} is resolved with the process stage it points back to (${PROCESS_STAGES.join(', ')}) (P-6.3)`,
    );
  }
  if (!(PROCESS_STAGES as readonly string[]).includes(stage)) {
    throw new RuleViolation('unknown-process-stage', `"${stage}" is not a stage of the service process (${PROCESS_STAGES.join(', ')}) (P-6.3)`);
  }
  return { processStage: stage as ProcessStage };
}
