import { Contract, contractDefiner } from '@serviceledger/platform/core';
import { QualityMonitoringTopic } from './topics';

/** One public event of the quality-monitoring service: `serviceledger.quality-monitoring.<event>.v<version>`. */
export type QualityContract<Type extends string = string> = Contract<Type, QualityMonitoringTopic>;

export const defineQualityContract = contractDefiner<'quality-monitoring', QualityMonitoringTopic>('quality-monitoring');
