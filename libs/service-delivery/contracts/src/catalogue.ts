import {
  CASE_ACCEPTANCE_ORGANISED_V1,
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1,
  CASE_AFTER_SALES_PROBLEM_OPENED_V1,
  CASE_AFTER_SALES_PROBLEM_REOPENED_V1,
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1,
  CASE_CANCELLED_V1,
  CASE_CLOSED_V1,
  CASE_DELIVERY_STARTED_V1,
  CASE_FOLLOW_UP_VISIT_COMPLETED_V1,
  CASE_MILESTONE_COMPLETED_V1,
  CASE_OPENED_V1,
  CASE_PLAN_APPROVED_V1,
  CASE_PROGRESS_REPORT_MISSED_V1,
  CASE_PROGRESS_REPORT_SENT_V1,
  CASE_RECTIFICATION_ITEM_FIXED_V1,
  CaseAcceptanceOrganisedV1,
  CaseAcceptancePassedV1,
  CaseAcceptanceRejectedV1,
  CaseAfterSalesProblemHandlerAssignedV1,
  CaseAfterSalesProblemOpenedV1,
  CaseAfterSalesProblemReopenedV1,
  CaseAfterSalesProblemResolvedV1,
  CaseCancelledV1,
  CaseClosedV1,
  CaseDeliveryStartedV1,
  CaseFollowUpVisitCompletedV1,
  CaseMilestoneCompletedV1,
  CaseOpenedV1,
  CasePlanApprovedV1,
  CaseProgressReportMissedV1,
  CaseProgressReportSentV1,
  CaseRectificationItemFixedV1,
} from './case-events';
import { ServiceDeliveryContract } from './contract';

/** Every public event service-delivery publishes, in lifecycle order. */
export const SERVICE_DELIVERY_CONTRACTS = [
  CASE_OPENED_V1,
  CASE_PLAN_APPROVED_V1,
  CASE_DELIVERY_STARTED_V1,
  CASE_MILESTONE_COMPLETED_V1,
  CASE_PROGRESS_REPORT_SENT_V1,
  CASE_PROGRESS_REPORT_MISSED_V1,
  CASE_ACCEPTANCE_ORGANISED_V1,
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_RECTIFICATION_ITEM_FIXED_V1,
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_FOLLOW_UP_VISIT_COMPLETED_V1,
  CASE_AFTER_SALES_PROBLEM_OPENED_V1,
  CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1,
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1,
  CASE_AFTER_SALES_PROBLEM_REOPENED_V1,
  CASE_CLOSED_V1,
  CASE_CANCELLED_V1,
] as const satisfies readonly ServiceDeliveryContract[];

export type ServiceDeliveryContractType = (typeof SERVICE_DELIVERY_CONTRACTS)[number]['type'];

/** The payload (CloudEvents `data`) of each contract, by its CloudEvents type. */
export interface ServiceDeliveryContractData {
  [CASE_OPENED_V1.type]: CaseOpenedV1;
  [CASE_PLAN_APPROVED_V1.type]: CasePlanApprovedV1;
  [CASE_DELIVERY_STARTED_V1.type]: CaseDeliveryStartedV1;
  [CASE_MILESTONE_COMPLETED_V1.type]: CaseMilestoneCompletedV1;
  [CASE_PROGRESS_REPORT_SENT_V1.type]: CaseProgressReportSentV1;
  [CASE_PROGRESS_REPORT_MISSED_V1.type]: CaseProgressReportMissedV1;
  [CASE_ACCEPTANCE_ORGANISED_V1.type]: CaseAcceptanceOrganisedV1;
  [CASE_ACCEPTANCE_REJECTED_V1.type]: CaseAcceptanceRejectedV1;
  [CASE_RECTIFICATION_ITEM_FIXED_V1.type]: CaseRectificationItemFixedV1;
  [CASE_ACCEPTANCE_PASSED_V1.type]: CaseAcceptancePassedV1;
  [CASE_FOLLOW_UP_VISIT_COMPLETED_V1.type]: CaseFollowUpVisitCompletedV1;
  [CASE_AFTER_SALES_PROBLEM_OPENED_V1.type]: CaseAfterSalesProblemOpenedV1;
  [CASE_AFTER_SALES_PROBLEM_HANDLER_ASSIGNED_V1.type]: CaseAfterSalesProblemHandlerAssignedV1;
  [CASE_AFTER_SALES_PROBLEM_RESOLVED_V1.type]: CaseAfterSalesProblemResolvedV1;
  [CASE_AFTER_SALES_PROBLEM_REOPENED_V1.type]: CaseAfterSalesProblemReopenedV1;
  [CASE_CLOSED_V1.type]: CaseClosedV1;
  [CASE_CANCELLED_V1.type]: CaseCancelledV1;
}

/** Any service-delivery contract event as `{ type, data }`: narrow on `type` to get the payload. */
export type ServiceDeliveryContractEvent = {
  [Type in ServiceDeliveryContractType]: { type: Type; data: ServiceDeliveryContractData[Type] };
}[ServiceDeliveryContractType];

export function findServiceDeliveryContract(type: string): (typeof SERVICE_DELIVERY_CONTRACTS)[number] | undefined {
  return SERVICE_DELIVERY_CONTRACTS.find((contract) => contract.type === type);
}

/**
 * For consumers: whether a received message is this contract's event, narrowing its `data`. It compares the
 * type only: an `InboxConsumer` given `SERVICE_DELIVERY_CONTRACTS` has checked `data` against the schema.
 */
export function isServiceDeliveryEvent<Type extends ServiceDeliveryContractType, Message extends { type: string; data: unknown }>(
  message: Message,
  contract: ServiceDeliveryContract<Type>,
): message is Message & { type: Type; data: ServiceDeliveryContractData[Type] } {
  return message.type === contract.type;
}
