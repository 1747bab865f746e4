import { Actor } from '@serviceledger/platform/core';

/** Customer service organises acceptance with the customer (P-5.1); the id matches intake's registry. */
export const CUSTOMER_SERVICE_DEPARTMENT = 'customer-service';

/** The department head reviews the department's plans (P-3.2). */
export function isHeadOf(actor: Actor, departmentId: string): boolean {
  return actor.roles.includes('department-head') && actor.departments.includes(departmentId);
}

export function isInCustomerService(actor: Actor): boolean {
  return actor.departments.includes(CUSTOMER_SERVICE_DEPARTMENT);
}
