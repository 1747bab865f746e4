import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_PATH, PATH_METADATA } from '@nestjs/common/constants';
import { ApplicationConfig, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { Module } from '@nestjs/core/injector/module';
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RouteAccess, RouteHandler, routeAccess } from '@serviceledger/platform/auth';

export interface DiscoveredRoute {
  method: string;
  /** As Fastify routes it, with `:param` placeholders. */
  path: string;
  access: RouteAccess;
}

/** What placing a route needs from the running app. */
interface Discovery {
  modules: ModulesContainer;
  reflector: Reflector;
  paths: RoutePathFactory;
  globalPrefix?: string;
  fastify: { hasRoute(route: { method: string; url: string }): boolean };
}

/**
 * Every route of the application's controllers with what it declares. Paths are built the way Nest
 * builds them (global prefix, RouterModule paths) and each is confirmed with Fastify, so a route
 * this cannot place (URI versioning, host routes) fails loudly instead of going untested.
 */
export function discoverRoutes(app: NestFastifyApplication): DiscoveredRoute[] {
  const config = app.get(ApplicationConfig);
  const prefix = config.getGlobalPrefix();
  const discovery: Discovery = {
    modules: app.get(ModulesContainer),
    reflector: app.get(Reflector),
    paths: new RoutePathFactory(config),
    globalPrefix: prefix ? `/${prefix.replace(/^\/+/, '')}` : undefined,
    fastify: app.getHttpAdapter().getInstance() as Discovery['fastify'],
  };
  return [...discovery.modules.values()].flatMap((module) =>
    [...module.controllers.values()].flatMap(({ metatype }) =>
      controllerRoutes(metatype as Type<unknown>, modulePath(module, discovery), discovery),
    ),
  );
}

function controllerRoutes(controller: Type<unknown>, modulePath: string | undefined, discovery: Discovery) {
  const handlers = controller.prototype as Record<string, RouteHandler>;
  return new MetadataScanner().getAllMethodNames(handlers).flatMap((methodName): DiscoveredRoute[] => {
    const handler = handlers[methodName];
    const methodPaths = asList<string>(Reflect.getMetadata(PATH_METADATA, handler));
    const requestMethod: RequestMethod = Reflect.getMetadata(METHOD_METADATA, handler);
    const method = RequestMethod[requestMethod];
    const access = routeAccess(discovery.reflector, handler, controller);
    const paths = asList<string>(Reflect.getMetadata(PATH_METADATA, controller)).flatMap((ctrlPath) =>
      methodPaths.flatMap((methodPath) =>
        discovery.paths.create({ ctrlPath, methodPath, modulePath, globalPrefix: discovery.globalPrefix }, requestMethod),
      ),
    );
    for (const path of paths) {
      if (!discovery.fastify.hasRoute({ method, url: path })) {
        throw new Error(`${controller.name}.${methodName}: ${method} ${path} is not a route Fastify knows`);
      }
    }
    return paths.map((path) => ({ method, path, access }));
  });
}

/** The path RouterModule gave the module, looked up as Nest's RoutesResolver does. */
function modulePath(module: Module, discovery: Discovery): string | undefined {
  return (
    Reflect.getMetadata(MODULE_PATH + discovery.modules.applicationId, module.metatype) ??
    Reflect.getMetadata(MODULE_PATH, module.metatype)
  );
}

/** Methods without route metadata (helpers, lifecycle hooks) have no path and yield no route. */
function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
