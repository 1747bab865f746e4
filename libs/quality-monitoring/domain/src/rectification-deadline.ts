import { ClockTarget, DEFAULT_WARNING_THRESHOLD } from './policy';

/**
 * The rectification deadline (Q-3.2 限期整改, P-5.2 及時進行整改; sla-and-metrics.md: from the request for
 * rectification to its acceptance, not pausable) is a date someone agreed: the deadline a finding's responsible
 * party set, the fix date a customer agreed for a rectification item of an acceptance. Its clock runs 24×7 (no
 * calendar) from the request to that instant, so that its deadline is the date agreed, not a count of working
 * minutes that would end elsewhere.
 */

const MINUTE = 60_000;

/**
 * A rectification clock starts at the minute of its request (its seconds dropped), so that a target of whole
 * minutes ends exactly at a deadline set to the minute (requested at 10:00:15 with a deadline at 10:00 eleven days
 * on, the clock would run to 10:00:44.905 if it started at 10:00:15.095).
 */
export function deadlineClockStart(requestedAt: string): string {
  return new Date(Math.floor(Date.parse(requestedAt) / MINUTE) * MINUTE).toISOString();
}

/** Whole minutes from the clock's start to the deadline (rounded up to the minute; at least one), 24×7. */
export function deadlineClockTarget(startedAt: string, deadline: string): ClockTarget {
  const minutes = Math.ceil((Date.parse(deadline) - Date.parse(startedAt)) / MINUTE);
  return { targetMinutes: Math.max(1, minutes), warningThreshold: DEFAULT_WARNING_THRESHOLD, escalations: [], pauseOn: [] };
}

/**
 * A rectification item of a service-delivery acceptance round (`<round>.<n>`), tracked as a case of its own (kind
 * rectification) under the delivery case's department: `<deliveryCaseId>.rectification-item-<itemId>`.
 */
export const acceptanceItemCaseId = (deliveryCaseId: string, itemId: string): string => `${deliveryCaseId}.rectification-item-${itemId}`;
