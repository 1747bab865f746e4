/** Impact and urgency on a three-step scale: 1 high, 2 medium, 3 low. */
export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

/** P1 is the most urgent, P4 the least. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * The impact × urgency matrix:
 *
 *               urgency 1   urgency 2   urgency 3
 *   impact 1       P1          P2          P3
 *   impact 2       P2          P3          P4
 *   impact 3       P3          P4          P4
 */
const MATRIX: Record<Level, Record<Level, Priority>> = {
  1: { 1: 'P1', 2: 'P2', 3: 'P3' },
  2: { 1: 'P2', 2: 'P3', 3: 'P4' },
  3: { 1: 'P3', 2: 'P4', 3: 'P4' },
};

export function priorityOf(impact: Level, urgency: Level): Priority {
  return MATRIX[impact][urgency];
}

/** Moves a priority `levels` steps towards P1 (negative: towards P4), never past either end. */
export function raisePriority(priority: Priority, levels: number): Priority {
  const index = PRIORITIES.indexOf(priority) - levels;
  return PRIORITIES[Math.min(PRIORITIES.length - 1, Math.max(0, index))];
}

/** The most urgent of several priorities. */
export function mostUrgent(first: Priority, ...others: Priority[]): Priority {
  return others.reduce((best, p) => (PRIORITIES.indexOf(p) < PRIORITIES.indexOf(best) ? p : best), first);
}
