import { HrContract } from './contract';
import { HR_STAFF_CONTRACTS, HrStaffContractData } from './staff-events';
import { HR_APPRAISAL_CONTRACTS, HrAppraisalContractData } from './appraisal-events';
import { HR_PROMOTION_CONTRACTS, HrPromotionContractData } from './promotion-events';

/**
 * Every public event hr-performance publishes (ADR 0012: a new version is published beside the old): for
 * documentation, the relay's schema check and consumers. Each group of events adds its contracts here.
 */
export const HR_PERFORMANCE_CONTRACTS = [...HR_STAFF_CONTRACTS, ...HR_APPRAISAL_CONTRACTS, ...HR_PROMOTION_CONTRACTS] as const satisfies readonly HrContract[];

export type HrPerformanceContractType = (typeof HR_PERFORMANCE_CONTRACTS)[number]['type'];

/** The payload (CloudEvents `data`) of each contract, by its CloudEvents type. */
export type HrPerformanceContractData = HrStaffContractData & HrAppraisalContractData & HrPromotionContractData;

/** The contract with this CloudEvents type, or undefined when hr-performance publishes no such event. */
export function findHrPerformanceContract(type: string): (typeof HR_PERFORMANCE_CONTRACTS)[number] | undefined {
  return HR_PERFORMANCE_CONTRACTS.find((contract) => contract.type === type);
}
