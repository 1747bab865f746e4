import { Span, SpanKind } from '@opentelemetry/api';
import { contextFrom, failed, inSpan, observability, traceparentOf, tracer, withCorrelation } from '@serviceledger/platform/observability';
import { IntegrationMessage } from './integration-message';

/**
 * Sends messages each in a producer span, a child of the trace its event carries (recorded at append
 * time); each message carries its span on in `traceparent`, the CloudEvents distributed-tracing
 * extension (on Kafka, the `ce_traceparent` header), so the consumer's span is the producer's child.
 */
export async function publishTraced(publisher: string, messages: IntegrationMessage[], publish: (messages: IntegrationMessage[]) => Promise<void>): Promise<void> {
  if (!observability().tracing) return publish(messages);
  const spans = messages.map((message) =>
    tracer().startSpan(
      `send ${message.topic}`,
      { kind: SpanKind.PRODUCER, attributes: { ...messageAttributes(message), 'messaging.operation.type': 'send', 'serviceledger.relay': publisher } },
      contextFrom(message.extensions.traceparent),
    ),
  );
  const traced = messages.map((message, i) => {
    const traceparent = traceparentOf(spans[i]);
    return traceparent ? { ...message, extensions: { ...message.extensions, traceparent } } : message;
  });
  try {
    await publish(traced);
  } catch (error) {
    for (const span of spans) failed(span, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}

/**
 * Processes a message in a consumer span, a child of its producer's, with its correlation id for the log
 * lines: the commands it causes are children of this span, so the trace goes on in the next service.
 */
export function consumeTraced<T>(consumer: string, message: IntegrationMessage, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = withCorrelation(contextFrom(message.extensions.traceparent), message.extensions.correlationid);
  const attributes = { ...messageAttributes(message), 'messaging.operation.type': 'process', 'messaging.consumer.group.name': consumer };
  return inSpan(`process ${message.topic}`, { kind: SpanKind.CONSUMER, attributes }, parent, work);
}

function messageAttributes(message: IntegrationMessage) {
  return { 'messaging.destination.name': message.topic, 'messaging.message.id': message.id, 'cloudevents.event_type': message.type, 'cloudevents.event_subject': message.subject };
}
