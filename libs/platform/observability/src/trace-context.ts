import { Context, ROOT_CONTEXT, Span, SpanContext, SpanOptions, SpanStatusCode, TraceFlags, context, createContextKey, isSpanContextValid, trace } from '@opentelemetry/api';

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const CORRELATION_ID = createContextKey('serviceledger.correlation_id');

/** The tracer of every span the platform starts: a no-op until the SDK is started (tracing.ts). */
export function tracer() {
  return trace.getTracer('serviceledger');
}

/** The span context a W3C `traceparent` names, if it is well-formed. */
export function spanContextOf(traceparent: string | undefined): SpanContext | undefined {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (!match || match[1] === 'ff' || (match[1] === '00' && match[5])) return undefined;
  const spanContext = { traceId: match[2], spanId: match[3], traceFlags: parseInt(match[4], 16) & TraceFlags.SAMPLED, isRemote: true };
  return isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** The W3C `traceparent` of a span, as events, messages and due commands carry it. */
export function traceparentOf(span: Span): string | undefined {
  const { traceId, spanId, traceFlags } = span.spanContext();
  if (!isSpanContextValid({ traceId, spanId, traceFlags })) return undefined;
  return `00-${traceId}-${spanId}-${traceFlags & TraceFlags.SAMPLED ? '01' : '00'}`;
}

/** `base` with the remote span a traceparent names as its parent (unchanged when there is none). */
export function contextFrom(traceparent: string | undefined, base: Context = ROOT_CONTEXT): Context {
  const spanContext = spanContextOf(traceparent);
  return spanContext ? trace.setSpanContext(base, spanContext) : base;
}

/**
 * Where a span of work continues its trace: the active span (the HTTP request's, the consumed message's)
 * when there is one, else the traceparent the work carries (an event, a message, a due command).
 */
export function parentContext(traceparent: string | undefined): Context {
  const active = context.active();
  return trace.getSpan(active) ? active : contextFrom(traceparent, active);
}

/** `base` with the correlation id of the request, command or message in hand, for the log lines written in it. */
export function withCorrelation(base: Context, correlationId: string | undefined): Context {
  return correlationId ? base.setValue(CORRELATION_ID, correlationId) : base;
}

/** What a log line written now concerns: its trace and span ids, its correlation id. */
export function logFields(): { trace_id?: string; span_id?: string; correlation_id?: string } {
  const active = context.active();
  const span = trace.getSpanContext(active);
  const correlationId = active.getValue(CORRELATION_ID) as string | undefined;
  return {
    ...(span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {}),
    ...(correlationId ? { correlation_id: correlationId } : {}),
  };
}

/**
 * Runs `work` in a new span, a child of `parent`, active for whatever `work` awaits; a failure is recorded
 * on the span and rethrown. Without the SDK the span records nothing and keeps the parent's ids.
 */
export async function inSpan<T>(name: string, options: SpanOptions, parent: Context, work: (span: Span) => Promise<T>): Promise<T> {
  const span = tracer().startSpan(name, options, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span failed with the error that ended its work. */
export function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
