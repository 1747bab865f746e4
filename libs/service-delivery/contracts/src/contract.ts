import { Contract, ContractEventType, JsonSchema, defineContract } from '@serviceledger/platform/core';
import { ServiceDeliveryTopic } from './topics';

export type { JsonSchema } from '@serviceledger/platform/core';

/** One public event of the service-delivery service: `serviceledger.service-delivery.<event>.v<version>`. */
export type ServiceDeliveryContract<Type extends string = string> = Contract<Type, ServiceDeliveryTopic>;

export type ServiceDeliveryEventType<Event extends string, Version extends number> = ContractEventType<'service-delivery', Event, Version>;

export function defineServiceDeliveryContract<const Event extends string, const Version extends number>(definition: {
  event: Event;
  version: Version;
  topic: ServiceDeliveryTopic;
  description: string;
  schema: JsonSchema;
}) {
  return defineContract({ service: 'service-delivery', ...definition });
}
