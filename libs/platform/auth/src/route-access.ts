import { ExecutionContext, SetMetadata, Type } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Permission } from './permissions';

const IS_PUBLIC = 'serviceledger:auth:public';
const REQUIRED_PERMISSION = 'serviceledger:auth:permission';

/** Open to anyone, without a token: health, metrics, docs. On a controller it covers all its routes. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The permission a principal needs to call the route; on a controller, the default for its routes. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);

/** What a route declares. A route that declares nothing is refused to everyone (fail closed). */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'permission'; permission: Permission }
  | { kind: 'undeclared' };

export type RouteHandler = ReturnType<ExecutionContext['getHandler']>;

/** The guard and the authorisation matrix read declarations the same way: the handler's, then its controller's. */
export function routeAccess(reflector: Reflector, handler: RouteHandler, controller: Type<unknown>): RouteAccess {
  for (const target of [handler, controller]) {
    if (reflector.get<boolean | undefined>(IS_PUBLIC, target)) return { kind: 'public' };
    const permission = reflector.get<Permission | undefined>(REQUIRED_PERMISSION, target);
    if (permission) return { kind: 'permission', permission };
  }
  return { kind: 'undeclared' };
}
