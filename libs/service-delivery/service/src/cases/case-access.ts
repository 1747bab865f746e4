import { mayActGuard } from '@serviceledger/platform/auth';
import { ServiceCase } from '@serviceledger/service-delivery/domain';

/** The departments that may see a case: every department taking part, the responsible one included. */
function departmentsOf(serviceCase: Pick<ServiceCase, 'departments' | 'responsibleDepartmentId'>): string[] {
  return [...new Set([serviceCase.responsibleDepartmentId, ...serviceCase.departments])];
}

/** Acting on a case one may not see answers 404, as reading it would. */
export const ensureMayAct = mayActGuard<ServiceCase>('Service case', (serviceCase) => ({
  departments: departmentsOf(serviceCase),
  customerId: serviceCase.customerId,
}));
