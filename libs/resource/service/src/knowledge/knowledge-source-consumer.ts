import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Actor, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import {
  DEMAND_ASSIGNED_V1,
  DEMAND_ASSIGNED_V2,
  DEMAND_REGISTERED_V1,
  DEMAND_REGISTERED_V2,
  DEMAND_RESOLVED_V1,
  DEMAND_TRIAGED_V1,
  DemandAssignedV2,
  DemandRegisteredV2,
  DemandResolvedV1,
  DemandTriagedV1,
  INTAKE_CONTRACTS,
  INTAKE_DEMAND_TOPIC,
} from '@serviceledger/intake/contracts';
import {
  CASE_ACCEPTANCE_PASSED_V1,
  CASE_OPENED_V1,
  CaseAcceptancePassedV1,
  CaseOpenedV1,
  SERVICE_DELIVERY_CASE_TOPIC,
  SERVICE_DELIVERY_CONTRACTS,
} from '@serviceledger/service-delivery/contracts';
import { KnowledgeSourceFacts, KnowledgeSourceKind, knowledgeSources } from '@serviceledger/resource/domain';

export const KNOWLEDGE_SOURCES_CONSUMER = 'resource.knowledge-sources';
/** Who notes the facts: the service itself. */
export const KNOWLEDGE_SOURCE_ACTOR: Actor = { userId: 'system:resource', roles: [], departments: [] };

/** The facts one message gives about a demand or a case; nothing for the messages that say nothing an article needs. */
export function sourceFactsOf(message: Pick<IntegrationMessage, 'type' | 'data'>): { kind: KnowledgeSourceKind; id: string; facts: KnowledgeSourceFacts } | undefined {
  switch (message.type) {
    case DEMAND_REGISTERED_V1.type:
    case DEMAND_REGISTERED_V2.type: {
      const { demandId, reference, businessCategory } = message.data as DemandRegisteredV2;
      return { kind: 'demand', id: demandId, facts: { reference, businessCategory } };
    }
    case DEMAND_TRIAGED_V1.type: {
      const { demandId, businessCategory } = message.data as DemandTriagedV1;
      return { kind: 'demand', id: demandId, facts: { businessCategory } };
    }
    // Version 2 drops a reassignment's reason; version 1 arrives from messages published before.
    case DEMAND_ASSIGNED_V1.type:
    case DEMAND_ASSIGNED_V2.type: {
      const { demandId, departmentId } = message.data as DemandAssignedV2;
      return { kind: 'demand', id: demandId, facts: { departmentId } };
    }
    case DEMAND_RESOLVED_V1.type: {
      const { demandId, resolvedAt } = message.data as DemandResolvedV1;
      return { kind: 'demand', id: demandId, facts: { concludedAt: resolvedAt } };
    }
    case CASE_OPENED_V1.type: {
      const { caseId, reference, responsibleDepartmentId } = message.data as CaseOpenedV1;
      return { kind: 'case', id: caseId, facts: { reference, departmentId: responsibleDepartmentId } };
    }
    case CASE_ACCEPTANCE_PASSED_V1.type: {
      const { caseId, acceptedAt } = message.data as CaseAcceptancePassedV1;
      return { kind: 'case', id: caseId, facts: { concludedAt: acceptedAt } };
    }
    default:
      return undefined;
  }
}

/**
 * Keeps what intake and service delivery publish about demands and cases that an article may come from:
 * through their public contracts only, each message once (the inbox), each as a command on the source's stream.
 */
@Injectable()
export class KnowledgeSourceConsumer {
  constructor(private readonly commands: Commands) {}

  async handle(message: IntegrationMessage): Promise<void> {
    const noted = sourceFactsOf(message);
    if (!noted) return;
    const commandId = commandIdFrom('resource-knowledge-source', message.id);
    await this.commands.execute(knowledgeSources, { type: 'NoteKnowledgeSource', data: noted, metadata: causedBy(message, { commandId, at: message.time, actor: KNOWLEDGE_SOURCE_ACTOR }) });
  }
}

export const knowledgeSourceConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: KNOWLEDGE_SOURCES_CONSUMER,
  topics: [INTAKE_DEMAND_TOPIC, SERVICE_DELIVERY_CASE_TOPIC],
  contracts: [...INTAKE_CONTRACTS, ...SERVICE_DELIVERY_CONTRACTS],
  handle: (message) => moduleRef.get(KnowledgeSourceConsumer, { strict: false }).handle(message),
});
