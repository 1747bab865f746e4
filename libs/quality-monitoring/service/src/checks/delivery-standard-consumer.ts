import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import {
  SERVICE_DELIVERY_STANDARD_CONTRACTS,
  SERVICE_DELIVERY_STANDARD_TOPIC,
  TECHNICAL_STANDARD_PUBLISHED_V1,
  TechnicalStandardPublishedV1,
} from '@serviceledger/service-delivery/contracts';
import { deliveryStandardStream, deliveryStandards } from '@serviceledger/quality-monitoring/domain';
import { metadataFor } from '../clocks/clock-planner';

export const DELIVERY_STANDARDS_CONSUMER = 'quality-monitoring.delivery-standards';

/** Keeps each published version of service delivery's standards, so spot checks can score against its checks (P-4.2). */
@Injectable()
export class DeliveryStandardConsumer {
  constructor(private readonly commands: Commands) {}

  async handle(message: IntegrationMessage): Promise<void> {
    if (message.type !== TECHNICAL_STANDARD_PUBLISHED_V1.type) return;
    const { standardId, version, businessCategory, checkIds } = message.data as TechnicalStandardPublishedV1;
    await this.commands.execute(deliveryStandards, {
      type: 'RecordDeliveryStandardVersion',
      data: { standardId, version, businessCategory, checkIds },
      metadata: metadataFor(message, deliveryStandardStream(standardId), message.time),
    });
  }
}

export const deliveryStandardConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: DELIVERY_STANDARDS_CONSUMER,
  topics: [SERVICE_DELIVERY_STANDARD_TOPIC],
  contracts: [...SERVICE_DELIVERY_STANDARD_CONTRACTS],
  handle: (message) => moduleRef.get(DeliveryStandardConsumer, { strict: false }).handle(message),
});
