import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import { DEMAND_RESOLVED_V1, INTAKE_CONTRACTS, INTAKE_DEMAND_TOPIC, IntakeContractEvent } from '@serviceledger/intake/contracts';
import {
  CASE_AFTER_SALES_PROBLEM_RESOLVED_V1,
  SERVICE_DELIVERY_CASE_TOPIC,
  SERVICE_DELIVERY_CONTRACTS,
  ServiceDeliveryContractEvent,
} from '@serviceledger/service-delivery/contracts';
import { AttributeAfterSalesProblem, afterSalesAttributionStream, afterSalesAttributions } from '@serviceledger/quality-monitoring/domain';
import { metadataFor } from '../clocks/clock-planner';

export const ATTRIBUTION_CONSUMER = 'quality-monitoring.after-sales-attribution';

/**
 * The attribution a resolution carries (P-6.3), from either way in: an after-sales demand's
 * `demand.resolved` with its process stage, or service delivery's `case.after-sales-problem-resolved`.
 * Undefined for any other message, and for a demand resolved without a stage (not an after-sales one,
 * or resolved before stages were recorded). Pure.
 */
export function attributionOf(message: Pick<IntegrationMessage, 'id' | 'type' | 'data'>): AttributeAfterSalesProblem['data'] | undefined {
  const intake = message as IntakeContractEvent;
  if (intake.type === DEMAND_RESOLVED_V1.type) {
    const { demandId, processStage, resolvedAt } = intake.data;
    return processStage ? { origin: 'intake', problemId: demandId, stage: processStage, resolvedAt, messageId: message.id } : undefined;
  }
  const delivery = message as ServiceDeliveryContractEvent;
  if (delivery.type === CASE_AFTER_SALES_PROBLEM_RESOLVED_V1.type) {
    const { problemId, stage, resolvedAt } = delivery.data;
    return { origin: 'service-delivery', problemId, stage, resolvedAt, messageId: message.id };
  }
  return undefined;
}

@Injectable()
export class AttributionConsumer {
  constructor(private readonly commands: Commands) {}

  async handle(message: IntegrationMessage): Promise<void> {
    const data = attributionOf(message);
    if (!data) return;
    const stream = afterSalesAttributionStream(data.origin, data.problemId);
    await this.commands.execute(afterSalesAttributions, { type: 'AttributeAfterSalesProblem', data, metadata: metadataFor(message, stream, message.time) });
  }
}

/** The consumer of intake's demand topic and service-delivery's case topic for the stage analysis. */
export const attributionConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: ATTRIBUTION_CONSUMER,
  topics: [INTAKE_DEMAND_TOPIC, SERVICE_DELIVERY_CASE_TOPIC],
  contracts: [...INTAKE_CONTRACTS, ...SERVICE_DELIVERY_CONTRACTS],
  handle: (message) => moduleRef.get(AttributionConsumer, { strict: false }).handle(message),
});
