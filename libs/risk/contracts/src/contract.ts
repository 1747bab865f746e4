import { Contract, contractDefiner } from '@serviceledger/platform/core';
import { RiskTopic } from './topics';

/** One public event of the risk service: `serviceledger.risk.<event>.v<version>`. */
export type RiskContract<Type extends string = string> = Contract<Type, RiskTopic>;

export const defineRiskContract = contractDefiner<'risk', RiskTopic>('risk');
