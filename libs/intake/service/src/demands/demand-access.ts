import { mayActGuard } from '@serviceledger/platform/auth';
import { Demand } from '@serviceledger/intake/domain';

/** The departments a demand involves: its assignee, the coordination's departments, the lead. */
function departmentsOf(demand: Demand): string[] {
  return [
    ...new Set(
      [demand.assignment?.departmentId, ...(demand.meeting?.departmentIds ?? []), demand.leadDepartmentId].filter(
        (d): d is string => d !== undefined,
      ),
    ),
  ];
}

/** Acting on a demand one may not see answers 404, as reading it would. */
export const ensureMayAct = mayActGuard<Demand>('Demand', (demand) => ({ departments: departmentsOf(demand), customerId: demand.customerId }));
