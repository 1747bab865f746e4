import { RuleViolation } from '@serviceledger/platform/core';

/** Free text a rule depends on (a reason, evidence, a resolution): blank counts as missing, and it is kept trimmed. */
export function requireText(text: string | undefined, code: string, message: string): string {
  const trimmed = text?.trim();
  if (!trimmed) throw new RuleViolation(code, message);
  return trimmed;
}
