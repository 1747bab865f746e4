import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Actor } from '@serviceledger/platform/core';
import type { AuthenticatedRequest } from './authenticated-request';

/** The authenticated principal, for the handler to put into the command's metadata. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const { actor } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  // Only a @Public() route has no principal, and a handler that needs one must not be public.
  if (!actor) throw new Error('@CurrentActor() is used on a route that is not authenticated (a @Public() route)');
  return actor;
});
