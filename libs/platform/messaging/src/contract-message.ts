import { Contract, EventEnvelope } from '@serviceledger/platform/core';
import { IntegrationMessage } from './integration-message';

/**
 * The CloudEvents envelope of a contract event: the domain event's id (stable, so consumers deduplicate
 * on it), keyed and subjected by the aggregate the consumers follow, so that its events stay in order.
 */
export function contractMessage<Data>(
  envelope: EventEnvelope,
  contract: Pick<Contract, 'type' | 'topic'>,
  routing: { source: string; key: string },
  data: Data,
): IntegrationMessage<Data> {
  const { correlationId, causationId, traceparent } = envelope.metadata;
  return {
    id: envelope.id,
    source: routing.source,
    type: contract.type,
    subject: routing.key,
    time: envelope.occurredAt,
    topic: contract.topic,
    key: routing.key,
    data,
    extensions: { correlationid: correlationId, causationid: causationId, ...(traceparent ? { traceparent } : {}) },
  };
}
