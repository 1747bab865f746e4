import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsController } from './metrics.controller';

/** The label of a request that matched no route: the raw URL would give every probe its own series. */
const UNMATCHED_ROUTE = 'unmatched';

/** The method of a request Node could not parse (its header block too large, or not HTTP at all). */
export const UNPARSED_METHOD = 'unparsed';

/** How the answers given before any hook runs (http-errors.ts) are counted: the server carries it. */
const COUNT_UNROUTED = 'countUnroutedAnswer';
type CountUnrouted = (method: string, status: number, seconds: number) => void;

/** Counts an answer that Fastify or Node gave before any hook ran, on a server measured by measureHttpRequests. */
export function countUnroutedAnswer(server: FastifyInstance, method: string, status: number, seconds = 0): void {
  const count = (server as unknown as Record<string, CountUnrouted | undefined>)[COUNT_UNROUTED];
  count?.(method, status, seconds);
}

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
  const count = (labels: { method: string; route: string; status_code: number }, seconds: number) => {
    requests.inc(labels);
    durations.observe(labels, seconds);
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    count({ method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_code: reply.statusCode }, reply.elapsedTime / 1000);
    done();
  });
  const countUnrouted: CountUnrouted = (method, status, seconds) => count({ method, route: UNMATCHED_ROUTE, status_code: status }, seconds);
  fastify.decorate(COUNT_UNROUTED, countUnrouted);
}
