import { SpanKind } from '@opentelemetry/api';
import { EventEnvelope } from '@serviceledger/platform/core';
import { contextFrom, observability, tracer } from '@serviceledger/platform/observability';

/**
 * A span per event a projection committed, a child of the command that appended it (its traceparent is
 * recorded with it), spanning the batch's transaction: a trace ends where the read model has the change.
 */
export function traceProjected(projection: string, events: readonly EventEnvelope[], startedAt: number): void {
  if (!observability().tracing) return;
  for (const event of events) {
    if (!event.metadata.traceparent) continue;
    const attributes = { 'serviceledger.projection': projection, 'serviceledger.event_type': event.type, 'serviceledger.stream': event.stream, 'serviceledger.checkpoint': event.checkpoint };
    tracer().startSpan(`project ${projection}`, { kind: SpanKind.INTERNAL, startTime: startedAt, attributes }, contextFrom(event.metadata.traceparent)).end();
  }
}
