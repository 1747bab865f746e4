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

/**
 * A service's `message()` for its contract mapper: its source and the key its consumers follow filled
 * in, and each contract's payload typed, so that a payload cannot go out under another contract's type.
 */
export function contractMessageFor<DataByType extends object>(routing: {
  source: string;
  keyOf: (data: DataByType[keyof DataByType]) => string;
}) {
  return <Type extends keyof DataByType & string>(
    envelope: EventEnvelope,
    contract: Pick<Contract<Type>, 'type' | 'topic'>,
    data: DataByType[Type],
  ): IntegrationMessage<DataByType[Type]> => contractMessage(envelope, contract, { source: routing.source, key: routing.keyOf(data) }, data);
}
