import { randomUUID } from 'node:crypto';
import { Contract } from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';

/**
 * A contract event as the service that owns it publishes it, for a spec of a service that consumes it:
 * subjected and keyed by `routing.key`, sent at `time`, under a fresh message id that is its correlation
 * and causation too (nothing in the spec caused it).
 */
export function publishedMessage<Data>(
  contract: Pick<Contract, 'type' | 'topic'>,
  routing: { source: string; key: string },
  data: Data,
  time: string,
): IntegrationMessage<Data> {
  const id = randomUUID();
  return {
    id,
    source: routing.source,
    type: contract.type,
    subject: routing.key,
    time,
    topic: contract.topic,
    key: routing.key,
    data,
    extensions: { correlationid: id, causationid: id },
  };
}
