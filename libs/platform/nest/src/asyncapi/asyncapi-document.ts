import { ChannelDefinition, Contract, JsonSchema } from '@serviceledger/platform/core';
import { CE, CONTENT_TYPE } from '@serviceledger/platform/kafka';
import { exampleOf } from './schema-example';

/** What the AsyncAPI document needs of a service: its name, the contracts its relay publishes, its topics' channels. */
export interface PublishingService {
  name: string;
  relay?: { contracts: readonly Contract[] };
  channels?: readonly ChannelDefinition[];
}

export type AsyncApiDocument = { asyncapi: '3.0.0' } & Record<string, unknown>;

const KAFKA_BINDING_VERSION = '0.5.0';
const CLOUD_EVENTS_TRAIT = 'cloudEvents';

/**
 * The AsyncAPI 3.0 document of what the services publish on Kafka, generated from their contract catalogues:
 * a channel per topic (its address, what it carries, what the record key means), a message per contract version
 * (its JSON Schema as the payload, an example, the CloudEvents binary-mode headers as a trait) and a `send`
 * operation per channel. One service's document is what its deployment serves; the standalone app's has all six.
 */
export function asyncApiDocument(title: string, services: readonly PublishingService[]): AsyncApiDocument {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const service of services) {
    const source = `/serviceledger/${service.name}`;
    const contracts = service.relay?.contracts ?? [];
    const topics = [...new Set(contracts.map((contract) => contract.topic))];
    for (const topic of topics) {
      const channel = service.channels?.find((c) => c.topic === topic);
      if (!channel) throw new Error(`${service.name} publishes to ${topic} but declares no channel for it (ServiceDefinition.channels)`);
      const published = contracts.filter((contract) => contract.topic === topic);
      const channelMessages: Record<string, unknown> = {};
      for (const contract of published) {
        const id = messageId(contract);
        messages[id] = message(contract, source, channel);
        channelMessages[id] = { $ref: `#/components/messages/${id}` };
      }
      channels[topic] = {
        address: topic,
        title: topic,
        description: `${channel.description}\n\nRecord key: ${channel.key}`,
        messages: channelMessages,
        bindings: { kafka: { topic, bindingVersion: KAFKA_BINDING_VERSION } },
      };
      operations[`publish.${topic}`] = {
        action: 'send',
        title: `${service.name} publishes to ${topic}`,
        summary: `${service.name} publishes these events once they are in its event store; at least once, in order per key.`,
        channel: { $ref: `#/channels/${escapePointer(topic)}` },
        messages: Object.keys(channelMessages).map((id) => ({ $ref: `#/channels/${escapePointer(topic)}/messages/${id}` })),
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title,
      version: '1.0.0',
      description:
        'The public events of ServiceLedger on Kafka: CloudEvents 1.0 in binary content mode (the attributes as `ce_` headers, ' +
        'the JSON data as the record value), keyed by the aggregate the events are about. A published contract version never ' +
        'changes in a way that breaks a consumer: it may gain optional fields; anything else is a new version, published ' +
        'beside the old one (ADR 0012). Consumers ignore fields they do not know, and deduplicate on `ce_id`.',
    },
    defaultContentType: CONTENT_TYPE,
    servers: {
      kafka: {
        host: '{brokers}',
        protocol: 'kafka',
        description: 'The Kafka cluster the services are configured with (KAFKA_BROKERS).',
        variables: { brokers: { default: 'localhost:9092', description: 'A bootstrap broker, host:port.' } },
      },
    },
    channels,
    operations,
    components: { messages, messageTraits: { [CLOUD_EVENTS_TRAIT]: cloudEventsTrait() } },
  };
}

function messageId(contract: Contract): string {
  return contract.type.replace(/^serviceledger\./, '');
}

/** A JSON pointer segment: `~` and `/` escaped (topics contain neither today; dots need no escape). */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function message(contract: Contract, source: string, channel: ChannelDefinition): Record<string, unknown> {
  // The payload is the contract's schema as it stands; only its dialect keyword goes, which AsyncAPI's own schema format does not take.
  const payload = Object.fromEntries(Object.entries(contract.schema).filter(([keyword]) => keyword !== '$schema'));
  const data = exampleOf(payload, contract.event);
  const key = keyExample(data);
  return {
    name: contract.type,
    title: `${contract.event} v${contract.version}`,
    summary: contract.description,
    contentType: CONTENT_TYPE,
    headers: {
      type: 'object',
      properties: {
        [CE.type]: { type: 'string', const: contract.type, description: 'The contract and its version.' },
        [CE.source]: { type: 'string', const: source, description: 'The publishing service.' },
      },
    },
    traits: [{ $ref: `#/components/messageTraits/${CLOUD_EVENTS_TRAIT}` }],
    payload,
    bindings: { kafka: { key: { type: 'string', description: channel.key, examples: [key] }, bindingVersion: KAFKA_BINDING_VERSION } },
    examples: [
      {
        name: `${contract.event}-v${contract.version}`,
        summary: `A ${contract.event} v${contract.version} message with every field present.`,
        headers: {
          [CE.specversion]: '1.0',
          [CE.id]: '5f1d7c52-0c1e-4f43-9d0e-6a3b2f1e9c01',
          [CE.source]: source,
          [CE.type]: contract.type,
          [CE.subject]: key,
          [CE.time]: '2026-03-02T09:00:00.000Z',
          [CE.contentType]: CONTENT_TYPE,
          [CE.correlationid]: '0f0c6a47-8a3e-4c6e-b1a5-2f4c9e7d1b22',
          [CE.causationid]: '0f0c6a47-8a3e-4c6e-b1a5-2f4c9e7d1b22',
          [CE.traceparent]: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        },
        payload: data,
      },
    ],
  };
}

/** The example's key: the first `…Id` field of the payload, or its period, as the contract mappers key them. */
function keyExample(data: unknown): string {
  const fields = (data ?? {}) as Record<string, unknown>;
  const idField = Object.keys(fields).find((field) => /Id$/.test(field) && typeof fields[field] === 'string') ?? ('period' in fields ? 'period' : undefined);
  return idField ? String(fields[idField]) : 'key';
}

/** CloudEvents 1.0, Kafka protocol binding, binary content mode: the headers every message carries. */
function cloudEventsTrait(): JsonSchema {
  const text = (description: string) => ({ type: 'string', minLength: 1, description });
  return {
    name: 'CloudEvents binary mode',
    summary: 'CloudEvents 1.0 attributes as Kafka headers (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md).',
    headers: {
      type: 'object',
      required: [CE.specversion, CE.id, CE.source, CE.type, CE.subject, CE.time, CE.contentType],
      properties: {
        [CE.specversion]: { type: 'string', const: '1.0', description: 'The CloudEvents version.' },
        [CE.id]: text('The domain event id: stable across redeliveries and replays, so consumers deduplicate on it.'),
        [CE.subject]: text('The aggregate the event is about: the same value as the record key.'),
        [CE.time]: { type: 'string', format: 'date-time', description: 'When the event happened (the domain event’s occurredAt).' },
        [CE.contentType]: { type: 'string', const: CONTENT_TYPE, description: 'The record value is the JSON `data`.' },
        [CE.correlationid]: text('Extension: the id of the request or message the whole chain of events started from.'),
        [CE.causationid]: text('Extension: the id of the command or message that caused this event.'),
        [CE.traceparent]: {
          type: 'string',
          pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
          description: 'Extension (CloudEvents distributed tracing): the W3C trace context of the command that caused the event, when it had one.',
        },
      },
    },
  };
}
