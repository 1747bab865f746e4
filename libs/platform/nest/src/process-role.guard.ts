import { CanActivate, ExecutionContext, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RuleViolation } from '@serviceledger/platform/core';
import { PlatformConfig } from './platform-config';
import { ProcessRole, SERVED_BY, processRoles } from './process-roles';
import { PLATFORM_CONFIG } from './tokens';

/**
 * Global guard, before authentication: a process serves only the routes of the roles it runs (`ROLES`).
 * A route of the HTTP API (`api`) on a process without it does not exist there: 404. An operation on a
 * runner this process does not run (a rebuild without `projector`, a replay without `consumer`) is a
 * conflict with what the process is, naming the role that serves it: 409, like a rebuild sent to a
 * standby replica.
 */
@Injectable()
export class ProcessRoleGuard implements CanActivate {
  private readonly roles: ReadonlySet<ProcessRole>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    this.roles = processRoles(config.ROLES);
  }

  canActivate(context: ExecutionContext): boolean {
    const servedBy = this.reflector.getAllAndOverride<ProcessRole[] | undefined>(SERVED_BY, [context.getHandler(), context.getClass()]) ?? ['api'];
    if (servedBy.some((role) => this.roles.has(role))) return true;
    const { method, url } = context.switchToHttp().getRequest<{ method: string; url: string }>();
    const route = `${method} ${url.split('?')[0]}`;
    const running = [...this.roles].join(',');
    if (servedBy.includes('api')) {
      throw new NotFoundException(`${route} is not served by this process (ROLES=${running}): it is served by processes with the api role`);
    }
    throw new RuleViolation('role-not-run', `${route} needs a process with the ${servedBy.join(' or ')} role; this one runs ${running}: send it there`);
  }
}
