import { Contract, ContractEventType, JsonSchema, defineContract } from '@serviceledger/platform/core';
import { QualityMonitoringTopic } from './topics';

export type { JsonSchema } from '@serviceledger/platform/core';

/** One public event of the quality-monitoring service: `serviceledger.quality-monitoring.<event>.v<version>`. */
export type QualityContract<Type extends string = string> = Contract<Type, QualityMonitoringTopic>;

export type QualityEventType<Event extends string, Version extends number> = ContractEventType<'quality-monitoring', Event, Version>;

export function defineQualityContract<const Event extends string, const Version extends number>(definition: {
  event: Event;
  version: Version;
  topic: QualityMonitoringTopic;
  description: string;
  schema: JsonSchema;
}) {
  return defineContract({ service: 'quality-monitoring', ...definition });
}
