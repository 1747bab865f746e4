/** A JSON Schema (draft 2020-12) as a plain object, ready for any validator or documentation tool. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The CloudEvents `type` of a public event: `serviceledger.<service>.<event>.v<version>`. */
export type ContractEventType<Service extends string, Event extends string, Version extends number> =
  `serviceledger.${Service}.${Event}.v${Version}`;

/**
 * One public event of a service, as its `contracts` library declares it.
 *
 * Versioning: a published contract never changes in a way that breaks a consumer. Adding an optional
 * field keeps the version; anything else (a new required field, a removed or renamed field, a changed
 * meaning) is a new contract with the next version, published beside the old one until its consumers
 * have moved.
 */
export interface Contract<Type extends string = string, Topic extends string = string> {
  /** The CloudEvents `type`, e.g. `serviceledger.intake.demand.registered.v1`. */
  readonly type: Type;
  /** The event's name without service or version, e.g. `demand.registered`. */
  readonly event: string;
  readonly version: number;
  readonly topic: Topic;
  /** What happened, when it is published, and who relies on it. */
  readonly description: string;
  readonly schema: JsonSchema;
}

/**
 * Declares a contract: derives its CloudEvents type from the service, event name and version, and
 * stamps its schema with the dialect, an `$id` (a URN: nothing suggests the schema is fetched from
 * anywhere) and a title, so that none of them can drift from the name and version.
 */
export function defineContract<
  const Service extends string,
  const Event extends string,
  const Version extends number,
  const Topic extends string,
>(definition: {
  service: Service;
  event: Event;
  version: Version;
  topic: Topic;
  description: string;
  schema: JsonSchema;
}): Contract<ContractEventType<Service, Event, Version>, Topic> & { readonly event: Event; readonly version: Version } {
  const { service, event, version, topic, description, schema } = definition;
  return {
    type: `serviceledger.${service}.${event}.v${version}`,
    event,
    version,
    topic,
    description,
    schema: {
      $schema: JSON_SCHEMA_DIALECT,
      $id: `urn:serviceledger:${service}:${event}:v${version}`,
      title: `${event} v${version}`,
      description,
      ...schema,
    },
  };
}

/**
 * A service's `defineContract`: its name filled in, and only its own topics admitted. Give both type
 * parameters (TypeScript infers none once one is given): `contractDefiner<'intake', IntakeTopic>('intake')`.
 */
export function contractDefiner<const Service extends string, Topic extends string>(service: Service) {
  return <const Event extends string, const Version extends number>(definition: {
    event: Event;
    version: Version;
    topic: Topic;
    description: string;
    schema: JsonSchema;
  }) => defineContract({ service, ...definition });
}
