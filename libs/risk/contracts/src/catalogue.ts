import { RiskContract } from './contract';
import { RESPONSE_OVERDUE_V1, REVIEW_OVERDUE_V1, RISK_ASSESSED_V1, RISK_REGISTER_CONTRACTS, ResponseOverdueV1, ReviewOverdueV1, RiskAssessedV1 } from './register-events';
import { RISK_WARNING_CONTRACTS } from './warnings/warning-events';

/** Every public event the risk service publishes: for documentation, tests and consumers' checks. */
export const RISK_CONTRACTS = [...RISK_REGISTER_CONTRACTS, ...RISK_WARNING_CONTRACTS] as const satisfies readonly RiskContract[];

export type RiskContractType = (typeof RISK_CONTRACTS)[number]['type'];

export type RiskRegisterContractType = (typeof RISK_REGISTER_CONTRACTS)[number]['type'];

/** The payload (CloudEvents `data`) of each register contract, by its CloudEvents type. */
export interface RiskRegisterContractData {
  [RISK_ASSESSED_V1.type]: RiskAssessedV1;
  [RESPONSE_OVERDUE_V1.type]: ResponseOverdueV1;
  [REVIEW_OVERDUE_V1.type]: ReviewOverdueV1;
}

export function findRiskContract(type: string): (typeof RISK_CONTRACTS)[number] | undefined {
  return RISK_CONTRACTS.find((contract) => contract.type === type);
}
