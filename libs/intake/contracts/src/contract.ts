import { Contract, ContractEventType, JsonSchema, defineContract } from '@serviceledger/platform/core';
import { IntakeTopic } from './topics';

export type { JsonSchema } from '@serviceledger/platform/core';

/** One public event of the intake service: `serviceledger.intake.<event>.v<version>` on an intake topic. */
export type IntakeContract<Type extends string = string> = Contract<Type, IntakeTopic>;

export type IntakeEventType<Event extends string, Version extends number> = ContractEventType<'intake', Event, Version>;

export function defineIntakeContract<const Event extends string, const Version extends number>(definition: {
  event: Event;
  version: Version;
  topic: IntakeTopic;
  description: string;
  schema: JsonSchema;
}) {
  return defineContract({ service: 'intake', ...definition });
}
