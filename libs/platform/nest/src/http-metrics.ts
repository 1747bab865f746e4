import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsController } from './metrics.controller';

/** The label of a request that matched no route: the raw URL would give every probe its own series. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * HTTP request metrics beside the others at /metrics: requests and their durations by method, route
 * template (never the raw URL, so the series stay bounded) and status, and the requests in progress.
 * Registered before load shedding and rate limits, so that what they refuse is counted too.
 */
export function measureHttpRequests(app: NestFastifyApplication): void {
  const registers = [app.get(MetricsController).registry];
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({ name: 'http_server_requests_total', help: 'HTTP requests answered', labelNames, registers });
  const durations = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'How long HTTP requests took, from their arrival to the end of the answer',
    labelNames,
    registers,
  });
  const inFlight = new Gauge({ name: 'http_server_requests_in_flight', help: 'HTTP requests in progress', registers });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_request, reply, done) => {
    inFlight.inc();
    // 'close' comes once the response is sent or the connection is gone, whichever is first.
    reply.raw.once('close', () => inFlight.dec());
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_code: reply.statusCode };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
