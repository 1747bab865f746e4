import { Injectable } from '@nestjs/common';
import { CommandMetadata, RuleViolation, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import {
  PlanVersionApproved,
  ProjectTeamCommand,
  ScheduledVisit,
  ServiceCaseCommand,
  ServiceCaseEvent,
  ServiceCaseStatus,
  baselineOf,
  followUpVisits,
  projectTeams,
  serviceCases,
  servicePlans,
  teamComposition,
} from '@serviceledger/service-delivery/domain';
import { CaseAccess } from './case-access';
import { PlanRequestCommand } from './case-requests';

/** The statuses in which the case adopts a newly approved plan version (service-case.ts, `adopted`). */
const PLAN_ADOPTING_STATUSES: readonly ServiceCaseStatus[] = ['planning', 'ready', 'in-delivery', 'rectifying'];

/**
 * The case's write side: its own commands, its plan and its team, with the policies that follow from
 * their events.
 *
 * The policies run in-process, right after the command that triggers them, with command ids derived
 * from that command's id: `PlanVersionApproved` → `AdoptPlanVersion` (the case needs the approved
 * content, which no contract may carry: it is free text), and `AcceptancePassed` /
 * `FollowUpVisitRequested` → `ScheduleFollowUpVisit`. A retry of the request (same Idempotency-Key,
 * hence the same command id) replays the first command and completes whatever follow-on is missing;
 * the follow-on's own command appends nothing twice.
 */
@Injectable()
export class CaseWork {
  constructor(
    private readonly commands: Commands,
    private readonly access: CaseAccess,
  ) {}

  async onCase(command: ServiceCaseCommand): Promise<CommandAccepted> {
    const decided = await this.commands.decide(serviceCases, command);
    const serviceCase = decided.state;
    let checkpoint = decided.checkpoint;
    for (const visit of decided.events.flatMap((event) => visitsScheduledBy(event as unknown as ServiceCaseEvent))) {
      if (!serviceCase?.acceptedAt) break;
      const scheduled = await this.commands.execute(followUpVisits, {
        type: 'ScheduleFollowUpVisit',
        data: {
          visitId: visit.visitId,
          caseId: serviceCase.caseId,
          visitNumber: visit.visitNumber,
          customerId: serviceCase.customerId,
          departmentId: serviceCase.responsibleDepartmentId,
          acceptedAt: serviceCase.acceptedAt,
          dueAt: visit.dueAt,
        },
        metadata: followOn(command.metadata, `schedule-visit:${visit.visitId}`),
      });
      checkpoint = scheduled.checkpoint ?? checkpoint;
    }
    return { id: decided.id, checkpoint };
  }

  /** P-3.2, P-4.1: delivery starts with the team as the project team stands now. */
  async startDelivery(caseId: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    const team = teamComposition(await this.commands.state(projectTeams, caseId));
    return this.onCase({ type: 'StartDelivery', data: { caseId, team }, metadata });
  }

  async onPlan(command: PlanRequestCommand): Promise<CommandAccepted> {
    const { caseId } = command.data;
    const serviceCase = await this.access.caseFor(command.metadata.actor, caseId);
    // A cancelled or closed case is history: its plan takes no more versions, opinions or decisions.
    if (serviceCase.status === 'cancelled' || serviceCase.status === 'closed') {
      throw new RuleViolation('case-ended', `Service case ${serviceCase.reference} is ${serviceCase.status}: its plan is no longer worked on`);
    }
    // C-2.2: refuse an approval the case could no longer adopt, before the plan records it.
    if (command.type === 'ApprovePlanVersion' && !PLAN_ADOPTING_STATUSES.includes(serviceCase.status)) {
      throw new RuleViolation(
        'plan-change-too-late',
        `Service case ${serviceCase.reference} is ${serviceCase.status}: a plan version approved now no longer changes its delivery (C-2.2)`,
      );
    }
    const decided = await this.commands.decide(servicePlans, command);
    const approved = decided.events.find((e) => e.type === 'PlanVersionApproved') as unknown as PlanVersionApproved | undefined;
    if (!approved) return { id: caseId, checkpoint: decided.checkpoint };
    const adopted = await this.commands.execute(serviceCases, {
      type: 'AdoptPlanVersion',
      data: { caseId, version: approved.data.version, baseline: baselineOf(approved.data.plan), approvedAt: approved.data.approvedAt },
      metadata: followOn(command.metadata, 'adopt-plan-version'),
    });
    return { id: caseId, checkpoint: adopted.checkpoint ?? decided.checkpoint };
  }

  async onTeam(command: ProjectTeamCommand): Promise<CommandAccepted> {
    await this.access.caseFor(command.metadata.actor, command.data.caseId);
    return this.commands.execute(projectTeams, command);
  }
}

function visitsScheduledBy(event: ServiceCaseEvent): ScheduledVisit[] {
  if (event.type === 'AcceptancePassed') return event.data.followUpVisits;
  if (event.type === 'FollowUpVisitRequested') return [event.data.visit];
  return [];
}
