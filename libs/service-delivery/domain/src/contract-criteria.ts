import { Command, RuleViolation } from '@serviceledger/platform/core';
import { isInCustomerService } from './departments';
import { AcceptanceCriterion } from './plan-content';
import { requireText } from './required-text';
import { AgreedAcceptanceCriteria, ServiceCase, ServiceCaseStatus, ensureNotEnded } from './service-case-state';

/**
 * P-5.1 "客戶應按照服務合同或協議約定的驗收標準進行驗收": the acceptance criteria are those of the service
 * contract or agreement, recorded on the case as agreed, each version with its contract reference.
 * Acceptance is organised against the version last agreed; nobody types criteria in at acceptance.
 */

export type RecordContractAcceptanceCriteria = Command<
  'RecordContractAcceptanceCriteria',
  { caseId: string; contractReference: string; version: number; criteria: AcceptanceCriterion[] }
>;

export type ContractAcceptanceCriteriaRecorded = {
  type: 'ContractAcceptanceCriteriaRecorded';
  data: AgreedAcceptanceCriteria & { caseId: string; recordedBy: string; recordedAt: string };
};

/** While the customer has a round in hand or has accepted, the criteria it is held to stand. */
const CRITERIA_OPEN_STATUSES: readonly ServiceCaseStatus[] = ['planning', 'ready', 'in-delivery', 'rectifying'];

export function decideContractCriteria(
  state: ServiceCase,
  command: RecordContractAcceptanceCriteria,
): ContractAcceptanceCriteriaRecorded[] {
  ensureNotEnded(state, 'agreed');
  const { data, metadata } = command;
  if (!isInCustomerService(metadata.actor)) {
    throw new RuleViolation(
      'recorder-not-customer-service',
      'The contract’s acceptance criteria are recorded by the customer-service department, which organises acceptance (P-5.1)',
    );
  }
  if (!CRITERIA_OPEN_STATUSES.includes(state.status)) {
    throw new RuleViolation(
      'criteria-change-too-late',
      `Service case ${state.reference} is ${state.status}: criteria agreed now no longer change the acceptance under way or passed (P-5.1)`,
    );
  }
  const current = state.contractCriteria?.version;
  if (current !== undefined && data.version <= current) {
    throw new RuleViolation(
      'stale-criteria-version',
      `Service case ${state.reference} holds version ${current} of the contract’s acceptance criteria; version ${data.version} is not newer`,
    );
  }
  const contractReference = requireText(
    data.contractReference,
    'contract-reference-required',
    'Acceptance criteria are recorded with the reference of the contract or agreement that sets them (P-5.1)',
  );
  return [
    {
      type: 'ContractAcceptanceCriteriaRecorded',
      data: {
        caseId: state.caseId,
        contractReference,
        version: data.version,
        criteria: agreedCriteria(data.criteria),
        recordedBy: metadata.actor.userId,
        recordedAt: metadata.at,
      },
    },
  ];
}

export function evolveContractCriteria(state: ServiceCase, event: ContractAcceptanceCriteriaRecorded): ServiceCase {
  const { contractReference, version, criteria } = event.data;
  return { ...state, contractCriteria: { contractReference, version, criteria } };
}

function agreedCriteria(criteria: AcceptanceCriterion[]): AcceptanceCriterion[] {
  if (criteria.length === 0) {
    throw new RuleViolation(
      'acceptance-criteria-required',
      'The contract or agreement sets at least one acceptance criterion (P-5.1)',
    );
  }
  const ids = criteria.map((c) => c.criterionId);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) {
    throw new RuleViolation('duplicate-criterion-id', `Criterion ${repeated} is listed twice`);
  }
  return criteria.map(({ criterionId, text }) => ({
    criterionId,
    text: requireText(text, 'criterion-text-required', `Criterion ${criterionId} is worded as the contract words it (P-5.1)`),
  }));
}
