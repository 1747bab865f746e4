/** The values the intake API takes, as the console offers them in its forms and filters. */
export const DEMAND_STATUSES = ['registered', 'triaged', 'assigned', 'coordinating', 'coordinated', 'in-delivery', 'resolved', 'closed', 'withdrawn'] as const;
export const DEMAND_KINDS = ['enquiry', 'feedback', 'complaint', 'after-sales'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const COMPLEXITIES = ['routine', 'complex'] as const;
export const LEVELS = [1, 2, 3] as const;

export const PRIORITY_COLOURS: Record<string, string> = { P1: 'red', P2: 'volcano', P3: 'gold', P4: 'blue' };
