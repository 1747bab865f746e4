import { CallHandler, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, NestInterceptor, OnModuleInit, SetMetadata, Type } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, switchMap } from 'rxjs';
import type { RouteHandler } from '@serviceledger/platform/auth';
import { PlatformRequest } from './command-context';
import { COMMAND_METHODS } from './command-interceptor';
import { isOperationalRoute } from './overload-protection';
import { PlatformConfig } from './platform-config';
import { PLATFORM_CONFIG } from './tokens';

const EXPENSIVE_READ = 'serviceledger:expensive-read';

/** A read that costs far more than a list (a recomputation, an export): it counts against RATE_LIMIT_EXPENSIVE_READS. */
export const ExpensiveRead = () => SetMetadata(EXPENSIVE_READ, true);

/** Whether the route (or its controller) is an ExpensiveRead. */
export function isExpensiveRead(reflector: Reflector, handler: RouteHandler, controller: Type<unknown>): boolean {
  return reflector.getAllAndOverride<boolean | undefined>(EXPENSIVE_READ, [handler, controller]) === true;
}

type Budget = 'writes' | 'expensive reads';
type Limiter = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Rate limits per principal (@fastify/rate-limit, registered by createPlatformApp): commands count against
 * RATE_LIMIT_WRITES, expensive reads against RATE_LIMIT_EXPENSIVE_READS, each per RATE_LIMIT_WINDOW_SECONDS.
 * An interceptor rather than a Fastify hook, because the principal is known only once the AuthGuard has
 * verified the token; a public route counts by client address. Beyond the limit: 429 problem details
 * with Retry-After.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor, OnModuleInit {
  private readonly limiters = new Map<Budget, Limiter>();

  constructor(
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const budgets: Array<[Budget, number]> = [
      ['writes', this.config.RATE_LIMIT_WRITES],
      ['expensive reads', this.config.RATE_LIMIT_EXPENSIVE_READS],
    ];
    for (const [budget, max] of budgets) {
      if (max === 0) continue;
      this.limiters.set(
        budget,
        fastify.rateLimit({
          max,
          timeWindow: this.config.RATE_LIMIT_WINDOW_SECONDS * 1000,
          keyGenerator: (request) => principalKey(request as PlatformRequest),
          errorResponseBuilder: (_request, { after }) =>
            new HttpException(`Too many ${budget} from this principal (at most ${max} in ${this.config.RATE_LIMIT_WINDOW_SECONDS} s); retry in ${after}`, HttpStatus.TOO_MANY_REQUESTS),
        }),
      );
    }
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<PlatformRequest>();
    const budget = this.budgetOf(context, request);
    const limiter = budget && this.limiters.get(budget);
    if (!limiter) return next.handle();
    return from(limiter(request, http.getResponse<FastifyReply>())).pipe(switchMap(() => next.handle()));
  }

  private budgetOf(context: ExecutionContext, request: PlatformRequest): Budget | undefined {
    if (isOperationalRoute(request)) return undefined;
    if (COMMAND_METHODS.has(request.method)) return 'writes';
    return isExpensiveRead(this.reflector, context.getHandler(), context.getClass()) ? 'expensive reads' : undefined;
  }
}

function principalKey(request: PlatformRequest): string {
  return request.actor ? `principal:${request.actor.userId}` : `address:${request.ip}`;
}
