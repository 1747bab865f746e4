import { Contract, contractDefiner } from '@serviceledger/platform/core';
import { ServiceDeliveryTopic } from './topics';

/** One public event of the service-delivery service: `serviceledger.service-delivery.<event>.v<version>`. */
export type ServiceDeliveryContract<Type extends string = string> = Contract<Type, ServiceDeliveryTopic>;

export const defineServiceDeliveryContract = contractDefiner<'service-delivery', ServiceDeliveryTopic>('service-delivery');
