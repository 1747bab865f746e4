import { Contract, contractDefiner } from '@serviceledger/platform/core';
import { HrPerformanceTopic } from './topics';

/** One public event of the hr-performance service: `serviceledger.hr-performance.<event>.v<version>`. */
export type HrContract<Type extends string = string> = Contract<Type, HrPerformanceTopic>;

export const defineHrContract = contractDefiner<'hr-performance', HrPerformanceTopic>('hr-performance');

/** The CloudEvents `source` of everything hr-performance publishes. */
export const HR_PERFORMANCE_SOURCE = '/serviceledger/hr-performance';
