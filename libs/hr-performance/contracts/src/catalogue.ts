import { HrContract } from './contract';
import { HR_STAFF_CONTRACTS, HrStaffContractData } from './staff-events';

/**
 * Every public event hr-performance publishes (ADR 0012: a new version is published beside the old): for
 * documentation, the relay's schema check and consumers. Each group of events adds its contracts here.
 */
export const HR_PERFORMANCE_CONTRACTS = [...HR_STAFF_CONTRACTS] as const satisfies readonly HrContract[];

export type HrPerformanceContractType = (typeof HR_PERFORMANCE_CONTRACTS)[number]['type'];

/** The payload (CloudEvents `data`) of each contract, by its CloudEvents type. */
export type HrPerformanceContractData = HrStaffContractData;

/** The contract with this CloudEvents type, or undefined when hr-performance publishes no such event. */
export function findHrPerformanceContract(type: string): (typeof HR_PERFORMANCE_CONTRACTS)[number] | undefined {
  return HR_PERFORMANCE_CONTRACTS.find((contract) => contract.type === type);
}
