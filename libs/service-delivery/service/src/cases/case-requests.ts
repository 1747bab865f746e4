import { CommandMetadata } from '@serviceledger/platform/core';
import {
  AfterSalesProblemCommand,
  ProblemSource,
  ProjectMeetingCommand,
  ProjectTeamCommand,
  RaiseAfterSalesProblem,
  RecordFollowUpVisit,
  CancelFollowUpVisit,
  ServiceCaseCommand,
  ServicePlanCommand,
} from '@serviceledger/service-delivery/domain';

/** Nest commands of the delivery use cases: what a controller sends to the CommandBus. */

/** A case command a person sends; the hand-off, the plan adoption and the due times are the service's own. */
export type CaseRequestCommand = Exclude<
  ServiceCaseCommand,
  { type: 'OpenServiceCase' | 'AdoptPlanVersion' | 'StartDelivery' | 'MarkProgressReportMissed' }
>;
export type PlanRequestCommand = Exclude<ServicePlanCommand, { type: 'OpenServicePlan' | 'MarkPlanDraftingOverdue' }>;
export type ProblemRequestCommand = Exclude<AfterSalesProblemCommand, RaiseAfterSalesProblem>;

export class DecideOnCase {
  constructor(readonly command: CaseRequestCommand) {}
}

export class StartDeliveryRequest {
  constructor(
    readonly caseId: string,
    readonly metadata: CommandMetadata,
  ) {}
}

export class DecideOnPlan {
  constructor(readonly command: PlanRequestCommand) {}
}

export class DecideOnTeam {
  constructor(readonly command: ProjectTeamCommand) {}
}

export class DecideOnVisit {
  constructor(readonly command: CancelFollowUpVisit) {}
}

/** A visit's answers to a survey: the current version of the one named, or of the default survey. */
export class RecordVisitRequest {
  constructor(
    readonly visitId: string,
    readonly visit: Omit<RecordFollowUpVisit['data'], 'visitId' | 'survey'> & { surveyId?: string },
    readonly metadata: CommandMetadata,
  ) {}
}

export class RaiseProblemRequest {
  constructor(
    readonly caseId: string,
    readonly problem: { source: ProblemSource; visitId?: string; description: string },
    readonly metadata: CommandMetadata,
  ) {}
}

export class DecideOnProblem {
  constructor(readonly command: ProblemRequestCommand) {}
}

export class DecideOnMeeting {
  constructor(readonly command: ProjectMeetingCommand) {}
}
