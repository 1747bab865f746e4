import { SpanKind, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { contextFrom, inSpan, logFields, parentContext, spanContextOf, traceparentOf, withCorrelation } from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

describe('W3C traceparent', () => {
  it('reads a well-formed traceparent and refuses what the W3C recommendation does not allow', () => {
    expect(spanContextOf(`00-${TRACE}-${PARENT}-01`)).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 1, isRemote: true });
    for (const bad of [undefined, '', 'garbage', `ff-${TRACE}-${PARENT}-01`, `00-${'0'.repeat(32)}-${PARENT}-01`, `00-${TRACE}-${'0'.repeat(16)}-01`, `00-${TRACE}-${PARENT}-01-extra`]) {
      expect(spanContextOf(bad)).toBeUndefined();
    }
  });
});

describe('spans without the SDK (tracing off)', () => {
  it('record nothing and hand the caller\'s traceparent on unchanged, so events still carry it', async () => {
    const carried = await inSpan('command', {}, contextFrom(`00-${TRACE}-${PARENT}-01`), async (span) => traceparentOf(span));
    expect(carried).toBe(`00-${TRACE}-${PARENT}-01`);
    expect(await inSpan('command', {}, parentContext(undefined), async (span) => traceparentOf(span))).toBeUndefined();
  });
});

describe('spans with the SDK', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('the work inside a span is its child, across awaits, and log lines know the trace and the correlation', async () => {
    const fields: Array<ReturnType<typeof logFields>> = [];
    const parent = withCorrelation(contextFrom(`00-${TRACE}-${PARENT}-01`), 'corr-1');
    const childParent = await inSpan('process', { kind: SpanKind.CONSUMER }, parent, async (outer) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return inSpan('command', {}, parentContext(`00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`), async () => {
        fields.push(logFields());
        return outer.spanContext().spanId;
      });
    });
    const [command, process] = exporter.getFinishedSpans();
    expect([process.name, process.spanContext().traceId, process.parentSpanContext?.spanId]).toEqual(['process', TRACE, PARENT]);
    expect([command.name, command.spanContext().traceId, command.parentSpanContext?.spanId]).toEqual(['command', TRACE, childParent]);
    expect(fields).toEqual([{ trace_id: TRACE, span_id: command.spanContext().spanId, correlation_id: 'corr-1' }]);
  });

  it('a failure ends the span as an error and is rethrown', async () => {
    exporter.reset();
    await expect(inSpan('command', {}, parentContext(undefined), async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    const [span] = exporter.getFinishedSpans();
    expect([span.status.code, span.status.message, span.events.map((e) => e.name)]).toEqual([2, 'refused', ['exception']]);
  });
});
