import { Injectable } from '@nestjs/common';
import { Actor, CommandMetadata, NotFoundError } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import {
  CancelFollowUpVisit,
  ClassifyAfterSalesProblem,
  DEFAULT_SATISFACTION_SURVEY,
  MEASURE_RULES_ID,
  afterSalesMeasureRules,
  afterSalesProblems,
  latestMeasureRules,
  followUpVisits,
  latestSurveyVersion,
  satisfactionSurveys,
  serviceCaseFacts,
  surveyTerms,
} from '@serviceledger/service-delivery/domain';
import { CaseAccess } from './case-access';
import { ProblemReport, ProblemRequestCommand, VisitAnswers } from './case-requests';

/** Follow-up visits and after-sales problems (P-6.1 … P-6.3): each scoped by its case. */
@Injectable()
export class AfterSalesWork {
  constructor(
    private readonly commands: Commands,
    private readonly access: CaseAccess,
  ) {}

  /** P-6.1: the answers are bound to the survey version current when they are recorded. */
  async recordVisit(visitId: string, answers: VisitAnswers, metadata: CommandMetadata): Promise<CommandAccepted> {
    await this.ensureVisitVisible(metadata.actor, visitId);
    const { surveyId = DEFAULT_SATISFACTION_SURVEY, ...visit } = answers;
    const survey = await this.commands.state(satisfactionSurveys, surveyId);
    if (!survey) throw new NotFoundError(satisfactionSurveys.name, surveyId);
    return this.commands.execute(followUpVisits, {
      type: 'RecordFollowUpVisit',
      data: { visitId, survey: surveyTerms(latestSurveyVersion(survey)), ...visit },
      metadata,
    });
  }

  async cancelVisit(command: CancelFollowUpVisit): Promise<CommandAccepted> {
    await this.ensureVisitVisible(command.metadata.actor, command.data.visitId);
    return this.commands.execute(followUpVisits, command);
  }

  /** P-6.2: the problem is raised against the accepted case; its id is the request's command id. */
  async raiseProblem(caseId: string, problem: ProblemReport, metadata: CommandMetadata): Promise<CommandAccepted> {
    const serviceCase = await this.access.caseFor(metadata.actor, caseId);
    return this.commands.execute(afterSalesProblems, {
      type: 'RaiseAfterSalesProblem',
      data: { problemId: metadata.commandId, serviceCase: serviceCaseFacts(serviceCase), ...problem },
      metadata,
    });
  }

  /** P-6.2: the problem is classified under the measure rules' current version. */
  async classifyProblem(data: Omit<ClassifyAfterSalesProblem['data'], 'rules'>, metadata: CommandMetadata): Promise<CommandAccepted> {
    const rules = await this.commands.state(afterSalesMeasureRules, MEASURE_RULES_ID);
    if (!rules) throw new NotFoundError(afterSalesMeasureRules.name, MEASURE_RULES_ID);
    const { version, byNature } = latestMeasureRules(rules);
    return this.onProblem({ type: 'ClassifyAfterSalesProblem', data: { ...data, rules: { version, byNature } }, metadata });
  }

  async onProblem(command: ProblemRequestCommand): Promise<CommandAccepted> {
    const { problemId } = command.data;
    const problem = await this.commands.state(afterSalesProblems, problemId);
    await this.access.ensureMayActOnPartOf(command.metadata.actor, problem?.caseId, { name: afterSalesProblems.name, id: problemId });
    return this.commands.execute(afterSalesProblems, command);
  }

  private async ensureVisitVisible(actor: Actor, visitId: string): Promise<void> {
    const visit = await this.commands.state(followUpVisits, visitId);
    await this.access.ensureMayActOnPartOf(actor, visit?.caseId, { name: followUpVisits.name, id: visitId });
  }
}
