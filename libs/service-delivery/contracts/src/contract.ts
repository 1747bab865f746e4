import { ServiceDeliveryTopic } from './topics';

/** A JSON Schema (draft 2020-12) as a plain object, ready for any validator or documentation tool. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The CloudEvents `type` of a service-delivery event: `serviceledger.service-delivery.<event>.v<version>`. */
export type ServiceDeliveryEventType<Event extends string, Version extends number> =
  `serviceledger.service-delivery.${Event}.v${Version}`;

/**
 * One public event of the service-delivery service. Versioning as for intake: adding an optional
 * field keeps the version; anything else is a new contract with the next version, published beside
 * the old one until its consumers have moved.
 */
export interface ServiceDeliveryContract<Type extends string = string> {
  readonly type: Type;
  /** The event's name without service or version, e.g. `case.plan-approved`. */
  readonly event: string;
  readonly version: number;
  readonly topic: ServiceDeliveryTopic;
  readonly description: string;
  readonly schema: JsonSchema;
}

/** Declares a contract: its CloudEvents type, and a schema stamped with dialect, `$id` and title. */
export function defineServiceDeliveryContract<const Event extends string, const Version extends number>(definition: {
  event: Event;
  version: Version;
  topic: ServiceDeliveryTopic;
  description: string;
  schema: JsonSchema;
}): ServiceDeliveryContract<ServiceDeliveryEventType<Event, Version>> & { readonly event: Event; readonly version: Version } {
  const { event, version, topic, description, schema } = definition;
  return {
    type: `serviceledger.service-delivery.${event}.v${version}`,
    event,
    version,
    topic,
    description,
    schema: {
      $schema: JSON_SCHEMA_DIALECT,
      $id: `urn:serviceledger:service-delivery:${event}:v${version}`,
      title: `${event} v${version}`,
      description,
      ...schema,
    },
  };
}
