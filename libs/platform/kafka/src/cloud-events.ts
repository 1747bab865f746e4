import { IHeaders, Message } from 'kafkajs';
import { IntegrationMessage } from '@serviceledger/platform/messaging';

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: the attributes travel as `ce_`
 * headers, the data as the record value, and the partition key as the record key.
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md
 */
export const CE = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  traceparent: 'ce_traceparent',
  contentType: 'content-type',
} as const;

export const CONTENT_TYPE = 'application/json';

/** The Kafka record for a message: key = the aggregate id, value = the JSON data. */
export function toKafkaMessage(message: IntegrationMessage): Message & { headers: Record<string, string> } {
  const headers: Record<string, string> = {
    [CE.specversion]: '1.0',
    [CE.id]: message.id,
    [CE.source]: message.source,
    [CE.type]: message.type,
    [CE.subject]: message.subject,
    [CE.time]: message.time,
    [CE.contentType]: CONTENT_TYPE,
  };
  const { correlationid, causationid, traceparent } = message.extensions;
  if (correlationid) headers[CE.correlationid] = correlationid;
  if (causationid) headers[CE.causationid] = causationid;
  if (traceparent) headers[CE.traceparent] = traceparent;
  return { key: message.key, value: JSON.stringify(message.data ?? null), headers };
}

/** A record that is not a CloudEvent this platform can read: it goes to the dead letters as it is. */
export class UndecodableMessageError extends Error {
  override name = 'UndecodableMessageError';
}

export interface KafkaRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/** Reads a CloudEvent in binary mode back into the message that was published. */
export function fromKafkaMessage(topic: string, record: KafkaRecord): IntegrationMessage {
  const headers = headerStrings(record.headers);
  const required = (name: string): string => {
    const value = headers[name];
    if (value === undefined || value === '') throw new UndecodableMessageError(`missing header ${name}`);
    return value;
  };
  if (required(CE.specversion) !== '1.0') {
    throw new UndecodableMessageError(`unsupported ${CE.specversion} ${headers[CE.specversion]}`);
  }
  const contentType = headers[CE.contentType];
  if (contentType !== undefined && !/^application\/(.+\+)?json\b/.test(contentType)) {
    throw new UndecodableMessageError(`unsupported content-type ${contentType}`);
  }
  let data: unknown = null;
  if (record.value && record.value.length) {
    try {
      data = JSON.parse(record.value.toString('utf8'));
    } catch (error) {
      throw new UndecodableMessageError(`value is not JSON: ${(error as Error).message}`);
    }
  }
  const subject = headers[CE.subject] ?? '';
  return {
    id: required(CE.id),
    source: required(CE.source),
    type: required(CE.type),
    subject,
    time: headers[CE.time] ?? '',
    topic,
    key: record.key?.toString('utf8') ?? subject,
    data,
    extensions: {
      correlationid: headers[CE.correlationid] ?? '',
      causationid: headers[CE.causationid] ?? '',
      ...(headers[CE.traceparent] ? { traceparent: headers[CE.traceparent] } : {}),
    },
  };
}

/** Kafka header values as strings (kafkajs hands them over as Buffers; a repeated header keeps its last value). */
export function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    out[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return out;
}
