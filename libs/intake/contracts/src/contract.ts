import { IntakeTopic } from './topics';

/** A JSON Schema (draft 2020-12) as a plain object, ready for any validator or documentation tool. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The CloudEvents `type` of an intake event: `serviceledger.intake.<event>.v<version>`. */
export type IntakeEventType<Event extends string, Version extends number> = `serviceledger.intake.${Event}.v${Version}`;

/**
 * One public event of the intake service.
 *
 * Versioning: a published contract never changes in a way that breaks a consumer. Adding an optional
 * field keeps the version; anything else (a new required field, a removed or renamed field, a changed
 * meaning) is a new contract with the next version, published beside the old one until its consumers
 * have moved.
 */
export interface IntakeContract<Type extends string = string> {
  /** The CloudEvents `type`, e.g. `serviceledger.intake.demand.registered.v1`. */
  readonly type: Type;
  /** The event's name without service or version, e.g. `demand.registered`. */
  readonly event: string;
  readonly version: number;
  readonly topic: IntakeTopic;
  /** What happened, when it is published, and who relies on it. */
  readonly description: string;
  readonly schema: JsonSchema;
}

/**
 * Declares a contract: derives its CloudEvents type from the event name and version, and stamps its
 * schema with the dialect, an `$id` (a URN: nothing suggests the schema is fetched from anywhere) and
 * a title, so that none of them can drift from the name and version.
 */
export function defineIntakeContract<const Event extends string, const Version extends number>(definition: {
  event: Event;
  version: Version;
  topic: IntakeTopic;
  description: string;
  schema: JsonSchema;
}): IntakeContract<IntakeEventType<Event, Version>> & { readonly event: Event; readonly version: Version } {
  const { event, version, topic, description, schema } = definition;
  return {
    type: `serviceledger.intake.${event}.v${version}`,
    event,
    version,
    topic,
    description,
    schema: {
      $schema: JSON_SCHEMA_DIALECT,
      $id: `urn:serviceledger:intake:${event}:v${version}`,
      title: `${event} v${version}`,
      description,
      ...schema,
    },
  };
}
