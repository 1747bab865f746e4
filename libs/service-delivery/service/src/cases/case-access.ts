import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { accessScope, canSee } from '@serviceledger/platform/auth';
import { ServiceCase, ServiceCaseState } from '@serviceledger/service-delivery/domain';

/** The departments that may see a case: every department taking part, the responsible one included. */
export function departmentsOf(serviceCase: Pick<ServiceCase, 'departments' | 'responsibleDepartmentId'>): string[] {
  return [...new Set([serviceCase.responsibleDepartmentId, ...serviceCase.departments])];
}

/**
 * Department scoping on the write side, as intake does it: acting on a case one may not see answers
 * 404, exactly as reading it would, so its existence does not leak.
 */
export function ensureMayAct(actor: Actor, serviceCase: ServiceCaseState, caseId: string): ServiceCase {
  if (!serviceCase || !canSee(accessScope(actor), { departments: departmentsOf(serviceCase), customerId: serviceCase.customerId })) {
    throw new NotFoundError('Service case', caseId);
  }
  return serviceCase;
}
