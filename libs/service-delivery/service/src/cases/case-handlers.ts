import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor, NotFoundError, RuleViolation } from '@serviceledger/platform/core';
import { accessScope, canSee } from '@serviceledger/platform/auth';
import { CommandAccepted } from '@serviceledger/platform/nest';
import {
  DEFAULT_SATISFACTION_SURVEY,
  afterSalesProblem,
  afterSalesProblemStream,
  followUpVisit,
  followUpVisitStream,
  latestSurveyVersion,
  ProjectMeetingEvent,
  projectMeeting,
  projectMeetingStream,
  projectTeam,
  projectTeamStream,
  satisfactionSurvey,
  satisfactionSurveyStream,
  ServiceCaseStatus,
  serviceCaseFacts,
  surveyTerms,
  teamComposition,
} from '@serviceledger/service-delivery/domain';
import { accepted, CaseWork } from './case-work';
import {
  DecideOnCase,
  DecideOnMeeting,
  DecideOnPlan,
  DecideOnProblem,
  DecideOnTeam,
  DecideOnVisit,
  RaiseProblemRequest,
  RecordVisitRequest,
  StartDeliveryRequest,
} from './case-requests';

/** The statuses in which the case adopts a newly approved plan version (service-case.ts, `adopted`). */
const PLAN_ADOPTING_STATUSES: readonly ServiceCaseStatus[] = ['planning', 'ready', 'in-delivery', 'rectifying'];

/** The case id a visit, problem or meeting belongs to, read from its stream: scoping follows the case. */
const caseOf = {
  initialState: (): string | undefined => undefined,
  evolve: (caseId: string | undefined, event: { type: string; data: unknown }) =>
    caseId ?? (event.data as { caseId?: string }).caseId,
};

/** Whom a meeting concerns, read from its stream: its case, or the departments that reported at it. */
const meetingScope = {
  initialState: (): { caseId?: string; departments: string[] } | null => null,
  evolve: (scope: { caseId?: string; departments: string[] } | null, event: ProjectMeetingEvent) =>
    scope ?? (event.type === 'ProjectMeetingRecorded' ? { caseId: event.data.caseId, departments: event.data.reports.map((r) => r.departmentId) } : null),
};

@CommandHandler(DecideOnCase)
export class DecideOnCaseHandler implements ICommandHandler<DecideOnCase, CommandAccepted> {
  constructor(private readonly work: CaseWork) {}

  async execute({ command }: DecideOnCase): Promise<CommandAccepted> {
    const state = await this.work.caseFor(command.metadata.actor, command.data.caseId);
    return accepted(state.caseId, await this.work.decideOnCase(state, command));
  }
}

/** P-3.2, P-4.1: delivery starts with the team as the project team stands now. */
@CommandHandler(StartDeliveryRequest)
export class StartDeliveryHandler implements ICommandHandler<StartDeliveryRequest, CommandAccepted> {
  constructor(private readonly work: CaseWork) {}

  async execute({ caseId, metadata }: StartDeliveryRequest): Promise<CommandAccepted> {
    const state = await this.work.caseFor(metadata.actor, caseId);
    const team = teamComposition(await this.work.decisions.state(projectTeamStream(caseId), projectTeam));
    return accepted(caseId, await this.work.decideOnCase(state, { type: 'StartDelivery', data: { caseId, team }, metadata }));
  }
}

@CommandHandler(DecideOnPlan)
export class DecideOnPlanHandler implements ICommandHandler<DecideOnPlan, CommandAccepted> {
  constructor(private readonly work: CaseWork) {}

  async execute({ command }: DecideOnPlan): Promise<CommandAccepted> {
    const state = await this.work.caseFor(command.metadata.actor, command.data.caseId);
    // C-2.2: refuse an approval the case could no longer adopt, before the plan records it.
    if (command.type === 'ApprovePlanVersion' && !PLAN_ADOPTING_STATUSES.includes(state.status)) {
      throw new RuleViolation(
        'plan-change-too-late',
        `Service case ${state.reference} is ${state.status}: a plan version approved now no longer changes its delivery (C-2.2)`,
      );
    }
    return accepted(command.data.caseId, await this.work.decideOnPlan(command));
  }
}

@CommandHandler(DecideOnTeam)
export class DecideOnTeamHandler implements ICommandHandler<DecideOnTeam, CommandAccepted> {
  constructor(private readonly work: CaseWork) {}

  async execute({ command }: DecideOnTeam): Promise<CommandAccepted> {
    const { caseId } = command.data;
    await this.work.caseFor(command.metadata.actor, caseId);
    return accepted(caseId, await this.work.decisions.decide(projectTeamStream(caseId), projectTeam, command));
  }
}

/** A visit is scoped by its case: one of a case the actor may not see does not exist for them. */
async function ensureVisitVisible(work: CaseWork, actor: Actor, visitId: string): Promise<void> {
  const caseId = await work.decisions.state(followUpVisitStream(visitId), caseOf);
  if (!caseId) throw new NotFoundError('Follow-up visit', visitId);
  await work.caseFor(actor, caseId).catch(() => {
    throw new NotFoundError('Follow-up visit', visitId);
  });
}

@CommandHandler(DecideOnVisit)
export class DecideOnVisitHandler implements ICommandHandler<DecideOnVisit, CommandAccepted> {
  constructor(private readonly work: CaseWork) {}

  async execute({ command }: DecideOnVisit): Promise<CommandAccepted> {
    const { visitId } = command.data;
    await ensureVisitVisible(this.work, command.metadata.actor, visitId);
    return accepted(visitId, await this.work.decisions.decide(followUpVisitStream(visitId), followUpVisit, command));
  }
}

/** P-6.1: the answers are bound to the survey version current when they are recorded. */
@CommandHandler(RecordVisitRequest)
export class RecordVisitHandler implements ICommandHandler<RecordVisitRequest, CommandAccepted> {
  constructor(private readonly work: CaseWork) {}

  async execute({ visitId, visit, metadata }: RecordVisitRequest): Promise<CommandAccepted> {
    await ensureVisitVisible(this.work, metadata.actor, visitId);
    const { surveyId = DEFAULT_SATISFACTION_SURVEY, ...answers } = visit;
    const survey = await this.work.decisions.state(satisfactionSurveyStream(surveyId), satisfactionSurvey);
    if (!survey) throw new NotFoundError('Satisfaction survey', surveyId);
    const result = await this.work.decisions.decide(followUpVisitStream(visitId), followUpVisit, {
      type: 'RecordFollowUpVisit',
      data: { visitId, survey: surveyTerms(latestSurveyVersion(survey)), ...answers },
      metadata,
    });
    return accepted(visitId, result);
  }
}

/** P-6.2: the problem is raised against the accepted case; its id is the request's command id. */
@CommandHandler(RaiseProblemRequest)
export class RaiseProblemHandler implements ICommandHandler<RaiseProblemRequest, CommandAccepted> {
  constructor(private readonly work: CaseWork) {}

  async execute({ caseId, problem, metadata }: RaiseProblemRequest): Promise<CommandAccepted> {
    const state = await this.work.caseFor(metadata.actor, caseId);
    const problemId = metadata.commandId;
    const result = await this.work.decisions.decide(afterSalesProblemStream(problemId), afterSalesProblem, {
      type: 'RaiseAfterSalesProblem',
      data: { problemId, serviceCase: serviceCaseFacts(state), ...problem },
      metadata,
    });
    return accepted(problemId, result);
  }
}

@CommandHandler(DecideOnProblem)
export class DecideOnProblemHandler implements ICommandHandler<DecideOnProblem, CommandAccepted> {
  constructor(private readonly work: CaseWork) {}

  async execute({ command }: DecideOnProblem): Promise<CommandAccepted> {
    const { problemId } = command.data;
    const caseId = await this.work.decisions.state(afterSalesProblemStream(problemId), caseOf);
    if (!caseId) throw new NotFoundError('After-sales problem', problemId);
    await this.work.caseFor(command.metadata.actor, caseId).catch(() => {
      throw new NotFoundError('After-sales problem', problemId);
    });
    return accepted(problemId, await this.work.decisions.decide(afterSalesProblemStream(problemId), afterSalesProblem, command));
  }
}

/**
 * C-1.1: a meeting about a case is scoped by it; a departmental meeting (weekly, monthly) stands alone and
 * is scoped by the departments that report at it: a department's staff record and follow up their own
 * departments' meetings, cross-department roles any.
 */
@CommandHandler(DecideOnMeeting)
export class DecideOnMeetingHandler implements ICommandHandler<DecideOnMeeting, CommandAccepted> {
  constructor(private readonly work: CaseWork) {}

  async execute({ command }: DecideOnMeeting): Promise<CommandAccepted> {
    const { meetingId } = command.data;
    const { actor } = command.metadata;
    if (command.type === 'RecordProjectMeeting') {
      const { caseId } = command.data;
      if (caseId) {
        await this.work.caseFor(actor, caseId).catch(() => {
          throw new NotFoundError('Service case', caseId);
        });
      } else if (!canSee(accessScope(actor), { departments: command.data.reports.map((r) => r.departmentId) })) {
        throw new RuleViolation('meeting-of-other-departments', `${actor.userId} records the meetings of their own departments; none of theirs reports at this one (C-1.1)`);
      }
    } else {
      const meeting = await this.work.decisions.state(projectMeetingStream(meetingId), meetingScope);
      const visible = meeting?.caseId
        ? await this.work.caseFor(actor, meeting.caseId).then(() => true, () => false)
        : !!meeting && canSee(accessScope(actor), { departments: meeting.departments });
      if (!visible) throw new NotFoundError('Project meeting', meetingId);
    }
    return accepted(meetingId, await this.work.decisions.decide(projectMeetingStream(meetingId), projectMeeting, command));
  }
}

export const CASE_HANDLERS = [
  DecideOnCaseHandler,
  StartDeliveryHandler,
  DecideOnPlanHandler,
  DecideOnTeamHandler,
  DecideOnVisitHandler,
  RecordVisitHandler,
  RaiseProblemHandler,
  DecideOnProblemHandler,
  DecideOnMeetingHandler,
];
