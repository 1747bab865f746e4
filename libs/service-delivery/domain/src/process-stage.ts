import { RuleViolation } from '@serviceledger/platform/core';

/**
 * The stages of the service process an after-sales finding points back to (P-6.3), so improvement
 * reports can group findings by where the process let the customer down.
 */
export const PROCESS_STAGES = ['intake', 'planning', 'implementation', 'acceptance', 'after-sales'] as const;
export type ProcessStage = (typeof PROCESS_STAGES)[number];

export function ensureProcessStage(stage: string, what: string): ProcessStage {
  if (!(PROCESS_STAGES as readonly string[]).includes(stage)) {
    throw new RuleViolation(
      'unknown-process-stage',
      `${what} is tagged "${stage}", which is not a stage of the service process (${PROCESS_STAGES.join(', ')}) (P-6.3)`,
    );
  }
  return stage as ProcessStage;
}
