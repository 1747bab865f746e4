import {
  AfterSalesProblemCommand,
  RaiseAfterSalesProblem,
  RecordFollowUpVisit,
  ServiceCaseCommand,
  ServicePlanCommand,
} from '@serviceledger/service-delivery/domain';

/** What a person asks of the delivery use cases; the service adds what it reads from the case or the survey. */

/** A case command a person sends; the hand-off, the plan adoption and the due times are the service's own. */
export type CaseRequestCommand = Exclude<
  ServiceCaseCommand,
  { type: 'OpenServiceCase' | 'AdoptPlanVersion' | 'StartDelivery' | 'MarkProgressReportMissed' }
>;
export type PlanRequestCommand = Exclude<ServicePlanCommand, { type: 'OpenServicePlan' | 'MarkPlanDraftingOverdue' }>;
export type ProblemRequestCommand = Exclude<AfterSalesProblemCommand, RaiseAfterSalesProblem>;

/** A visit's answers to a survey: the current version of the one named, or of the default survey. */
export type VisitAnswers = Omit<RecordFollowUpVisit['data'], 'visitId' | 'survey'> & { surveyId?: string };

/** A problem as a person reports it; the service adds the case's facts. */
export type ProblemReport = Omit<RaiseAfterSalesProblem['data'], 'problemId' | 'serviceCase'>;
