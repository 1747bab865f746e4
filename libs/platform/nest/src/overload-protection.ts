import { ServiceUnavailableException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import underPressure, { TYPE_EVENT_LOOP_DELAY } from '@fastify/under-pressure';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PlatformConfig } from './platform-config';
import { problemReply, toProblem } from './problem-details';

/**
 * How often load is measured, as the mean event-loop delay since the last measurement: over a second, one
 * pause (a collection, a slow module load) averages out, and only a loop that keeps lagging is over the limit.
 */
const SAMPLE_INTERVAL_MS = 1000;
/** How long a shed request is asked to wait before it tries again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Health and metrics are never shed nor rate-limited: a busy process must not be restarted by its
 * liveness probe, and must stay observable.
 */
export function isOperationalRoute(request: FastifyRequest): boolean {
  const route = request.routeOptions.url ?? '';
  return route === '/health' || route.startsWith('/health/') || route === '/metrics';
}

/**
 * Sheds every other request with 503 problem details beyond the OVERLOAD_* limits: at once while too many
 * requests are in progress (a burst), and while the event loop lags or the heap fills (@fastify/under-pressure).
 */
export async function protectFromOverload(app: NestFastifyApplication, config: PlatformConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // The measurements up to a full one after start-up see start-up's own work (compiling, connecting, catching up), not load.
  let startedUp = false;
  fastify.addHook('onReady', (done) => {
    setTimeout(() => (startedUp = true), 2 * SAMPLE_INTERVAL_MS).unref();
    done();
  });
  await app.register(underPressure, {
    sampleInterval: SAMPLE_INTERVAL_MS,
    maxEventLoopDelay: config.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: config.OVERLOAD_MAX_HEAP_USED_MB * 2 ** 20,
    // An answer sent here ends the request: Fastify runs no further hook and no handler for it.
    pressureHandler: async (request, reply, type) => {
      if (isOperationalRoute(request) || (type === TYPE_EVENT_LOOP_DELAY && !startedUp)) return;
      shed(reply, type);
    },
  });

  const maxInProgress = config.OVERLOAD_MAX_CONCURRENT_REQUESTS;
  if (maxInProgress === 0) return;
  let inProgress = 0;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (isOperationalRoute(request)) return done();
    if (inProgress >= maxInProgress) return shed(reply, 'concurrentRequests');
    inProgress += 1;
    // 'close' comes once the response is sent or the connection is gone, whichever is first.
    reply.raw.once('close', () => (inProgress -= 1));
    done();
  });
}

function shed(reply: FastifyReply, limit: string): void {
  const problem = toProblem(new ServiceUnavailableException(`The server is overloaded (${limit}); retry in ${RETRY_AFTER_SECONDS} seconds`));
  void problemReply(reply, problem).header('retry-after', String(RETRY_AFTER_SECONDS)).send(problem);
}
