import { RuleViolation } from '@serviceledger/platform/core';
import { addDays } from './due-times';

/** Follow-up visits after acceptance (P-6.1), in days from the acceptance, unless the service configures others. */
export const DEFAULT_FOLLOW_UP_VISIT_OFFSETS_DAYS: readonly number[] = [7, 30];

/** The latest follow-up visit: two years after acceptance. */
export const MAX_FOLLOW_UP_DAYS = 730;

export interface ScheduledVisit {
  visitId: string;
  visitNumber: number;
  dueAt: string;
}

/** Visit ids derive from the case, so a replayed acceptance schedules the same visits. */
export const followUpVisitId = (caseId: string, visitNumber: number): string => `${caseId}-visit-${visitNumber}`;

/** The form `followUpVisitId` gives: the case's UUID, `-visit-` and the visit's number. */
export const FOLLOW_UP_VISIT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-visit-[1-9]\d{0,2}$/i;

export function visitsAfterAcceptance(
  caseId: string,
  acceptedAt: string,
  offsetsDays: readonly number[],
): ScheduledVisit[] {
  return offsetsDays.map((days, index) => ({
    visitId: followUpVisitId(caseId, index + 1),
    visitNumber: index + 1,
    dueAt: addDays(acceptedAt, days),
  }));
}

/** P-6.1: at least one visit, on whole days after acceptance up to MAX_FOLLOW_UP_DAYS, in order. */
export function ensureFollowUpOffsets(offsetsDays: readonly number[]): void {
  const increasing = offsetsDays.every((days, index) => index === 0 || days > offsetsDays[index - 1]);
  const valid =
    offsetsDays.length > 0 && increasing && offsetsDays.every((days) => Number.isInteger(days) && days > 0 && days <= MAX_FOLLOW_UP_DAYS);
  if (!valid) {
    throw new RuleViolation(
      'invalid-follow-up-offsets',
      `Follow-up visits are set as increasing whole days after acceptance, 1 to ${MAX_FOLLOW_UP_DAYS}, at least one (P-6.1), not [${offsetsDays.join(', ')}]`,
    );
  }
}
