import { Injectable } from '@nestjs/common';
import { Actor, HandleResult, followOn } from '@serviceledger/platform/core';
import { Decisions } from '@serviceledger/platform/nest';
import {
  PlanVersionApproved,
  ScheduledVisit,
  ServiceCase,
  ServiceCaseCommand,
  ServicePlanCommand,
  baselineOf,
  followUpVisit,
  followUpVisitStream,
  serviceCase,
  serviceCaseStream,
  servicePlan,
  servicePlanStream,
} from '@serviceledger/service-delivery/domain';
import { ensureMayAct } from './case-access';

export interface Decided {
  checkpoint: string | undefined;
}

/**
 * The case's write side, with the policies that follow from its own events.
 *
 * The policies run in-process, right after the command that triggers them, with command ids derived
 * from that command's id: `PlanVersionApproved` → `AdoptPlanVersion` (the case needs the approved
 * content, which no contract may carry: it is free text), and `AcceptancePassed` /
 * `FollowUpVisitRequested` → `ScheduleFollowUpVisit`. A retry of the request (same Idempotency-Key,
 * hence the same command id) replays the first command and completes whatever follow-on is missing;
 * the follow-on's own `handle` appends nothing twice.
 */
@Injectable()
export class CaseWork {
  constructor(readonly decisions: Decisions) {}

  /** The case, if the actor may see it; 404 otherwise, as a read would answer. */
  async caseFor(actor: Actor, caseId: string): Promise<ServiceCase> {
    return ensureMayAct(actor, await this.decisions.state(serviceCaseStream(caseId), serviceCase), caseId);
  }

  async decideOnCase(state: ServiceCase, command: ServiceCaseCommand): Promise<Decided> {
    const result = await this.decisions.decide(serviceCaseStream(state.caseId), serviceCase, command);
    const visits = result.events.flatMap((event): ScheduledVisit[] => {
      if (event.type === 'AcceptancePassed') return (event.data as { followUpVisits: ScheduledVisit[] }).followUpVisits;
      if (event.type === 'FollowUpVisitRequested') return [(event.data as { visit: ScheduledVisit }).visit];
      return [];
    });
    const acceptedAt = result.state?.acceptedAt;
    let checkpoint = result.checkpoint;
    for (const visit of visits) {
      if (!acceptedAt) break;
      const scheduled = await this.decisions.decide(followUpVisitStream(visit.visitId), followUpVisit, {
        type: 'ScheduleFollowUpVisit',
        data: {
          visitId: visit.visitId,
          caseId: state.caseId,
          visitNumber: visit.visitNumber,
          customerId: state.customerId,
          departmentId: state.responsibleDepartmentId,
          acceptedAt,
          dueAt: visit.dueAt,
        },
        metadata: followOn(command.metadata, `schedule-visit:${visit.visitId}`),
      });
      checkpoint = scheduled.checkpoint ?? checkpoint;
    }
    return { checkpoint };
  }

  async decideOnPlan(command: ServicePlanCommand): Promise<Decided> {
    const { caseId } = command.data;
    const result = await this.decisions.decide(servicePlanStream(caseId), servicePlan, command);
    const approved = result.events.find((e) => e.type === 'PlanVersionApproved') as unknown as PlanVersionApproved | undefined;
    if (!approved) return { checkpoint: result.checkpoint };
    const adopted = await this.decisions.decide(serviceCaseStream(caseId), serviceCase, {
      type: 'AdoptPlanVersion',
      data: { caseId, version: approved.data.version, baseline: baselineOf(approved.data.plan), approvedAt: approved.data.approvedAt },
      metadata: followOn(command.metadata, 'adopt-plan-version'),
    });
    return { checkpoint: adopted.checkpoint ?? result.checkpoint };
  }
}

export function accepted(id: string, result: Decided | HandleResult<unknown>): { id: string; checkpoint?: string } {
  return { id, ...(result.checkpoint ? { checkpoint: result.checkpoint } : {}) };
}

