import type { Actor } from '@serviceledger/platform/core';

/** The roles the regulation names (spec/regulation.md). A token's roles outside this list are ignored. */
export const ROLES = [
  'customer',
  'agent',
  'department-member',
  'department-head',
  'expert-reviewer',
  'project-manager',
  'technician',
  'quality-monitor',
  'hr',
  'resource-manager',
  'risk-officer',
  'analyst',
  'administrator',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * Roles whose work spans every department: customer service takes in and coordinates every demand,
 * quality monitors check every department, analysts and administrators look across the company, resource
 * managers keep every department's equipment and R&D investment (五(一)3, 五(二)), risk officers identify and
 * watch the risks of the whole company (七).
 */
export const CROSS_DEPARTMENT_ROLES: readonly Role[] = ['agent', 'quality-monitor', 'analyst', 'administrator', 'resource-manager', 'risk-officer'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isCrossDepartment(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => isRole(role) && CROSS_DEPARTMENT_ROLES.includes(role));
}
