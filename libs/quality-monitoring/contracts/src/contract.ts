import { QualityMonitoringTopic } from './topics';

/** A JSON Schema (draft 2020-12) as a plain object. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export type QualityEventType<Event extends string, Version extends number> =
  `serviceledger.quality-monitoring.${Event}.v${Version}`;

/**
 * One public event of the quality-monitoring service. A published contract never changes in a way that
 * breaks a consumer: an optional field keeps the version, anything else is a new version.
 */
export interface QualityContract<Type extends string = string> {
  readonly type: Type;
  readonly event: string;
  readonly version: number;
  readonly topic: QualityMonitoringTopic;
  readonly description: string;
  readonly schema: JsonSchema;
}

export function defineQualityContract<const Event extends string, const Version extends number>(definition: {
  event: Event;
  version: Version;
  topic: QualityMonitoringTopic;
  description: string;
  schema: JsonSchema;
}): QualityContract<QualityEventType<Event, Version>> & { readonly event: Event; readonly version: Version } {
  const { event, version, topic, description, schema } = definition;
  return {
    type: `serviceledger.quality-monitoring.${event}.v${version}`,
    event,
    version,
    topic,
    description,
    schema: {
      $schema: JSON_SCHEMA_DIALECT,
      $id: `urn:serviceledger:quality-monitoring:${event}:v${version}`,
      title: `${event} v${version}`,
      description,
      ...schema,
    },
  };
}
