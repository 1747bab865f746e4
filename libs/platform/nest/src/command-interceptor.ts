import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { Observable, from, of, switchMap } from 'rxjs';
import { Clock, commandIdFrom, newId } from '@serviceledger/platform/core';
import { PlatformRequest } from './command-context';
import { IdempotencyStore } from './idempotency-store';
import { CLOCK } from './tokens';

/** The methods of command routes; every other route is a query. */
export const COMMAND_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Gives each command request its metadata. With an `Idempotency-Key`, the command id derives from
 * the key (so even two racing retries append once) and a completed response is replayed as it was,
 * for as long as the IdempotencyStore keeps it.
 */
@Injectable()
export class CommandInterceptor implements NestInterceptor {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly responses: IdempotencyStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<PlatformRequest>();
    if (!COMMAND_METHODS.has(request.method)) return next.handle();
    const key = header(request, 'idempotency-key');
    const actor = request.actor ?? { userId: 'anonymous', roles: [], departments: [] };
    const scope = key ? `${actor.userId}:${request.method}:${request.routeOptions.url}:${key}` : undefined;
    const fingerprint = scope ? createHash('sha256').update(JSON.stringify([request.params, request.body])).digest('hex') : '';
    // The request's content is part of the id: a key reused, once expired, for another request is a new command.
    const commandId = scope ? commandIdFrom('idempotency', scope, fingerprint) : newId();
    request.commandMetadata = {
      commandId,
      at: this.clock.now().toISOString(),
      actor,
      correlationId: header(request, 'x-correlation-id') ?? commandId,
      ...(header(request, 'traceparent') ? { traceparent: header(request, 'traceparent') } : {}),
    };
    if (!scope) return next.handle();

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.responses.find(scope)).pipe(
      switchMap((stored) => {
        if (!stored) {
          return next.handle().pipe(
            switchMap(async (body) => {
              await this.responses.save({ scope, fingerprint, status: reply.statusCode, body: JSON.stringify(body ?? null) });
              return body;
            }),
          );
        }
        if (stored.fingerprint !== fingerprint) {
          throw new UnprocessableEntityException(`Idempotency-Key "${key}" was already used with a different request`);
        }
        void reply.status(stored.status).header('idempotent-replayed', 'true');
        return of(JSON.parse(stored.body));
      }),
    );
  }
}

function header(request: PlatformRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
