import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Actor, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import { DEMAND_REGISTERED_V1, DEMAND_REGISTERED_V2, DEMAND_TRIAGED_V1, INTAKE_CONTRACTS, INTAKE_DEMAND_TOPIC, isIntakeEvent } from '@serviceledger/intake/contracts';
import { NoteBusinessDemand, businessDemands } from '@serviceledger/resource/domain';

export const BUSINESS_DEMAND_CONSUMER = 'resource.business-demand';

/** Who the consumer acts as: a service actor, holding no role. */
const BUSINESS_DEMAND_ACTOR: Actor = { userId: 'system:resource-business-demand', roles: [], departments: [] };

/**
 * Keeps, from intake's demand events, each demand's business category and customer and when it came, so that
 * R&D investment is read beside the business needs it answers: a registration (v2, or v1 as published
 * before) notes the demand, triage
 * the category it settles on. The command id derives from the message id, so a redelivery notes nothing twice.
 */
@Injectable()
export class BusinessDemandConsumer {
  constructor(private readonly commands: Commands) {}

  async handle(message: IntegrationMessage): Promise<void> {
    const data = this.commandData(message);
    if (!data) return;
    const command: NoteBusinessDemand = {
      type: 'NoteBusinessDemand',
      data,
      metadata: causedBy(message, { commandId: commandIdFrom(BUSINESS_DEMAND_CONSUMER, message.id), at: message.time, actor: BUSINESS_DEMAND_ACTOR }),
    };
    await this.commands.execute(businessDemands, command);
  }

  private commandData(message: IntegrationMessage): NoteBusinessDemand['data'] | undefined {
    // Version 2 replaced version 1 (without the subject, which is not read here); both are read, for what was published before.
    if (isIntakeEvent(message, DEMAND_REGISTERED_V2) || isIntakeEvent(message, DEMAND_REGISTERED_V1)) {
      const { demandId, customerId, businessCategory, registeredAt } = message.data;
      return { demandId, at: registeredAt, customerId, ...(businessCategory ? { businessCategory } : {}) };
    }
    if (isIntakeEvent(message, DEMAND_TRIAGED_V1)) {
      const { demandId, businessCategory, occurredAt } = message.data;
      return { demandId, at: occurredAt, businessCategory };
    }
    return undefined;
  }
}

export const businessDemandConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: BUSINESS_DEMAND_CONSUMER,
  topics: [INTAKE_DEMAND_TOPIC],
  contracts: [...INTAKE_CONTRACTS],
  handle: (message) => moduleRef.get(BusinessDemandConsumer, { strict: false }).handle(message),
});
