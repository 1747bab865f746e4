/**
 * Every public event about a member of staff goes to one topic keyed by the employee id (the identity
 * provider's subject), so that a consumer sees one person's events in the order they happened. The version
 * changes only for a breaking change.
 */
export const HR_STAFF_TOPIC = 'serviceledger.hr-performance.staff.v1';

export const HR_PERFORMANCE_TOPICS = { staff: HR_STAFF_TOPIC } as const;

export type HrPerformanceTopic = (typeof HR_PERFORMANCE_TOPICS)[keyof typeof HR_PERFORMANCE_TOPICS];
