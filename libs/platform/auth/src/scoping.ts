import type { Actor } from '@serviceledger/platform/core';
import { isCrossDepartment, isRole } from './roles';

/** Which records a principal may see; the query layer applies it to lists, details and exports alike. */
export type AccessScope =
  | { kind: 'all' }
  | { kind: 'departments'; departments: readonly string[] }
  | { kind: 'customer'; customerId: string }
  | { kind: 'none' };

/** Records that no department owns because any department may serve them, as customers. */
export const EVERY_DEPARTMENT = 'every department' as const;

/** The part of a record that scoping looks at: the departments responsible and the customer it is for. */
export interface ScopedRecord {
  departments?: readonly string[] | typeof EVERY_DEPARTMENT;
  customerId?: string;
}

/**
 * Cross-department roles see everything; other staff see their departments' records; a customer
 * sees their own organisation's. Anyone else sees nothing, so a principal without departments is
 * not silently given the whole company.
 */
export function accessScope(actor: Actor): AccessScope {
  if (isCrossDepartment(actor)) return { kind: 'all' };
  const isStaff = actor.roles.some((role) => isRole(role) && role !== 'customer');
  if (isStaff && actor.departments.length > 0) return { kind: 'departments', departments: actor.departments };
  if (actor.roles.includes('customer') && actor.customerId) return { kind: 'customer', customerId: actor.customerId };
  return { kind: 'none' };
}

export function canSee(scope: AccessScope, record: ScopedRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'departments':
      if (record.departments === EVERY_DEPARTMENT) return true;
      return (record.departments ?? []).some((department) => scope.departments.includes(department));
    case 'customer':
      return record.customerId === scope.customerId;
    case 'none':
      return false;
  }
}
