import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import {
  COMPLAINT_REGISTERED_V1,
  COMPLAINT_RESOLVED_V1,
  COMPLAINT_RESOLVED_V2,
  DEMAND_ASSIGNED_V1,
  DEMAND_ASSIGNED_V2,
  DEMAND_RECLASSIFIED_V1,
  DEMAND_RECLASSIFIED_V2,
  DEMAND_REGISTERED_V1,
  DEMAND_REGISTERED_V2,
  DEMAND_RESOLVED_V1,
  INTAKE_CONTRACTS,
  INTAKE_DEMAND_TOPIC,
  IntakeContractEvent,
} from '@serviceledger/intake/contracts';
import {
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_ACCEPTANCE_REJECTED_V1,
  CASE_DELIVERY_STARTED_V1,
  CASE_FOLLOW_UP_VISIT_COMPLETED_V1,
  CASE_OPENED_V1,
  SERVICE_DELIVERY_CASE_TOPIC,
  SERVICE_DELIVERY_CONTRACTS,
  ServiceDeliveryContractEvent,
} from '@serviceledger/service-delivery/contracts';
import { PerformanceFact, performanceFactLogs, performanceFactStream } from '@serviceledger/quality-monitoring/domain';
import { metadataFor } from '../clocks/clock-planner';

export const PERFORMANCE_FACTS_CONSUMER = 'quality-monitoring.performance-facts';

/**
 * The fact of one message of intake's or service-delivery's that period evaluation counts, with
 * the stream it is recorded on; undefined for a message that counts for nothing. Pure.
 */
export function performanceFactOf(message: Pick<IntegrationMessage, 'type' | 'data'>): { stream: string; fact: PerformanceFact } | undefined {
  const fact = factOf(message);
  return fact && { stream: performanceFactStream(fact), fact };
}

function factOf(message: Pick<IntegrationMessage, 'type' | 'data'>): PerformanceFact | undefined {
  const intake = message as IntakeContractEvent;
  switch (intake.type) {
    // Version 2 drops only the subject; version 1 arrives from messages published before.
    case DEMAND_REGISTERED_V1.type:
    case DEMAND_REGISTERED_V2.type: {
      const d = intake.data;
      return { kind: 'demand-registered', demandId: d.demandId, demandKind: d.kind, registeredAt: d.registeredAt };
    }
    // Version 2 of each drops only staff text; version 1 arrives from messages published before.
    case DEMAND_RECLASSIFIED_V1.type:
    case DEMAND_RECLASSIFIED_V2.type: {
      const d = intake.data;
      return { kind: 'demand-reclassified', demandId: d.demandId, demandKind: d.kind, at: d.reclassifiedAt };
    }
    case DEMAND_ASSIGNED_V1.type:
    case DEMAND_ASSIGNED_V2.type: {
      const d = intake.data;
      return { kind: 'demand-assigned', demandId: d.demandId, departmentId: d.departmentId, ownerId: d.ownerId, at: d.occurredAt };
    }
    case DEMAND_RESOLVED_V1.type:
      return { kind: 'demand-resolved', demandId: intake.data.demandId, resolvedAt: intake.data.resolvedAt };
    case COMPLAINT_REGISTERED_V1.type:
      return { kind: 'complaint-registered', demandId: intake.data.demandId, registeredAt: intake.data.occurredAt };
    // v2 (C-2.3) adds whether the promised result was delivered; intake publishes it beside v1 for every complaint
    // promised a result, and only v1 for those resolved before. Both are read: both land on the complaint's one row
    // of the facts, so nothing counts twice, and a v1 says nothing of the result (not known), leaving what a v2 said.
    case COMPLAINT_RESOLVED_V1.type: {
      const d = intake.data;
      return { kind: 'complaint-resolved', demandId: d.demandId, resolvedAt: d.resolvedAt, withinPromise: d.withinPromise };
    }
    case COMPLAINT_RESOLVED_V2.type: {
      const d = intake.data;
      return { kind: 'complaint-resolved', demandId: d.demandId, resolvedAt: d.resolvedAt, withinPromise: d.withinPromise, promisedResultDelivered: d.promisedResultDelivered };
    }
    default:
      break;
  }
  const delivery = message as ServiceDeliveryContractEvent;
  switch (delivery.type) {
    case CASE_OPENED_V1.type: {
      const d = delivery.data;
      return { kind: 'case-opened', caseId: d.caseId, demandId: d.demandId, departmentId: d.responsibleDepartmentId, at: d.occurredAt };
    }
    case CASE_DELIVERY_STARTED_V1.type: {
      const d = delivery.data;
      return { kind: 'delivery-started', caseId: d.caseId, projectManagerId: d.projectManagerId, at: d.startedAt };
    }
    case CASE_ACCEPTANCE_REJECTED_V1.type: {
      const d = delivery.data;
      return { kind: 'acceptance', caseId: d.caseId, round: d.round, passed: false, at: d.rejectedAt };
    }
    case CASE_ACCEPTANCE_PASSED_V1.type: {
      const d = delivery.data;
      return { kind: 'acceptance', caseId: d.caseId, round: d.round, passed: true, at: d.acceptedAt };
    }
    case CASE_FOLLOW_UP_VISIT_COMPLETED_V1.type: {
      const d = delivery.data;
      return {
        kind: 'visit',
        caseId: d.caseId,
        visitId: d.visitId,
        ...(d.survey ? { survey: { surveyId: d.survey.surveyId, version: d.survey.version, scale: { ...d.survey.scale } } } : {}),
        satisfaction: d.satisfaction,
        ...(typeof d.recommendation === 'number' ? { recommendation: d.recommendation } : {}),
        at: d.visitedAt,
      };
    }
    default:
      return undefined;
  }
}

/** Records each counted fact once: the command's id derives from the message id. */
@Injectable()
export class PerformanceFactConsumer {
  constructor(private readonly commands: Commands) {}

  async handle(message: IntegrationMessage): Promise<void> {
    const planned = performanceFactOf(message);
    if (!planned) return;
    await this.commands.execute(performanceFactLogs, {
      type: 'RecordPerformanceFact',
      data: { factId: message.id, fact: planned.fact },
      metadata: metadataFor(message, planned.stream, message.time),
    });
  }
}

/** The consumer of intake's demand topic and service-delivery's case topic for period evaluation. */
export const performanceFactConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: PERFORMANCE_FACTS_CONSUMER,
  topics: [INTAKE_DEMAND_TOPIC, SERVICE_DELIVERY_CASE_TOPIC],
  contracts: [...INTAKE_CONTRACTS, ...SERVICE_DELIVERY_CONTRACTS],
  handle: (message) => moduleRef.get(PerformanceFactConsumer, { strict: false }).handle(message),
});
