import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { accessScope, canSee } from '@serviceledger/platform/auth';
import { Demand } from '@serviceledger/intake/domain';

/** The departments a demand involves: its assignee, the coordination's departments, the lead. */
export function departmentsOf(demand: Demand): string[] {
  return [
    ...new Set(
      [demand.assignment?.departmentId, ...(demand.meeting?.departmentIds ?? []), demand.leadDepartmentId].filter(
        (d): d is string => d !== undefined,
      ),
    ),
  ];
}

/**
 * Department scoping on the write side: acting on a demand one may not see answers 404, exactly as
 * reading it would, so its existence does not leak.
 */
export function ensureMayAct(actor: Actor, demand: Demand | null, demandId: string): Demand {
  if (!demand || !canSee(accessScope(actor), { departments: departmentsOf(demand), customerId: demand.customerId })) {
    throw new NotFoundError('Demand', demandId);
  }
  return demand;
}
