import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@serviceledger/platform/core';
import { AuthenticationError } from './authentication-error';
import type { AuthenticatedRequest } from './authenticated-request';
import { hasPermission } from './permissions';
import { routeAccess } from './route-access';
import { TOKEN_VERIFIER, TokenVerifier } from './token-verifier';

/** The reply, as far as the guard writes to it. */
interface ChallengeableReply {
  header(name: string, value: string): unknown;
}

/**
 * Global guard: authenticates the bearer token, leaves the principal on the request, and checks the
 * permission the route declares. 401 when the principal is unknown, 403 when it may not act.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = routeAccess(this.reflector, context.getHandler(), context.getClass());
    if (access.kind === 'public') return true;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const actor = await this.authenticate(request, http.getResponse<ChallengeableReply>());
    request.actor = actor;

    if (access.kind === 'undeclared') {
      throw new ForbiddenException('This route declares no required permission, so it is refused to everyone');
    }
    if (!hasPermission(actor, access.permission)) {
      throw new ForbiddenException(`Missing permission ${access.permission}`);
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest, reply: ChallengeableReply): Promise<Actor> {
    try {
      return await this.verifier.verify(bearerToken(request));
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      // RFC 6750: a 401 names the scheme, and says why when a token was sent.
      reply.header(
        'WWW-Authenticate',
        error.reason === 'missing'
          ? 'Bearer realm="serviceledger"'
          : `Bearer realm="serviceledger", error="invalid_token", error_description="${error.reason}"`,
      );
      throw new UnauthorizedException(error.message, { cause: error });
    }
  }
}

function bearerToken(request: AuthenticatedRequest): string {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  if (!match) throw new AuthenticationError('missing');
  return match[1];
}
