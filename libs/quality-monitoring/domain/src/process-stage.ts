import { RuleViolation } from '@serviceledger/platform/core';

/**
 * The stages of the service process that after-sales findings point back to (P-6.3). Mirrors service
 * delivery's vocabulary: a domain imports no other scope.
 */
export const PROCESS_STAGES = ['intake', 'planning', 'implementation', 'acceptance', 'after-sales'] as const;
export type ProcessStage = (typeof PROCESS_STAGES)[number];

export function ensureProcessStage(stage: string): ProcessStage {
  if (!(PROCESS_STAGES as readonly string[]).includes(stage)) {
    throw new RuleViolation('unknown-process-stage', `"${stage}" is not a process stage (${PROCESS_STAGES.join(', ')})`);
  }
  return stage as ProcessStage;
}
