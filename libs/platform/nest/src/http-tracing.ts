import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { Context, Span, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { contextFrom, observability, tracer, withCorrelation } from '@serviceledger/platform/observability';

/**
 * A server span per HTTP request, a child of the caller's `traceparent`, active while the route runs (so the
 * command it sends is its child), and the request's `x-correlation-id` for the log lines written meanwhile.
 * Installed only while spans are recorded or logs are structured: otherwise it would cost for nothing.
 */
export function traceHttpRequests(app: NestFastifyApplication): void {
  if (!observability().propagating) return;
  const traced = new WeakMap<FastifyRequest, { span: Span; context: Context }>();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const parent = withCorrelation(contextFrom(header(request, 'traceparent')), header(request, 'x-correlation-id'));
    const attributes = { 'http.request.method': request.method, 'url.path': request.url.split('?')[0], 'url.scheme': request.protocol };
    const span = tracer().startSpan(request.method, { kind: SpanKind.SERVER, attributes }, parent);
    traced.set(request, { span, context: trace.setSpan(parent, span) });
    done();
  });
  // After the body is read (its stream's callbacks run outside any request's context): the route runs in the span.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const found = traced.get(request);
    if (found) context.with(found.context, done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const found = traced.get(request);
    if (found) {
      const route = request.routeOptions.url;
      if (route) found.span.updateName(`${request.method} ${route}`).setAttribute('http.route', route);
      found.span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) found.span.setStatus({ code: SpanStatusCode.ERROR });
      found.span.end();
    }
    done();
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
