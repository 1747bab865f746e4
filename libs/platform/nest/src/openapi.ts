import { Type } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DECORATORS, DocumentBuilder, OpenAPIObject, OperationObject, ResponseObject, SchemaObject, SwaggerModule } from '@nestjs/swagger';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteAccess, RouteHandler, routeAccess } from '@serviceledger/platform/auth';
import { commandMetadataOf } from './command-context';
import { COMMAND_METHODS } from './command-interceptor';
import { TEXT_EXAMPLES } from './openapi-examples';
import { SUCCESS_SCHEMAS, SuccessFacts, describeSuccess } from './openapi-success';
import { PlatformConfig } from './platform-config';
import { SERVICE_DEFINITIONS } from './platform-runtime';
import { PROBLEM_DETAILS_SCHEMA } from './problem-details';
import { isExpensiveRead } from './rate-limits';
import { ServiceDefinition } from './service-definition';

const BEARER = 'bearer';
const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The platform's own routes, tagged by their first path segment like a service's. */
const PLATFORM_TAGS: Record<string, string> = {
  health: 'Liveness, readiness and projection health of this process: open to anyone, for probes and load balancers',
  operations: 'What an operator does on a running process: projection status and rebuilds, parked events, dead letters and their replay',
};

/** The error responses operations refer to, each a problem-details body (RFC 9457). */
const PROBLEMS: Record<number, { name: string; description: string; retryAfter?: boolean }> = {
  400: { name: 'InvalidInput', description: 'Invalid input: `errors` has one entry per invalid field (body, query or path parameter), or the body is malformed' },
  401: { name: 'Unauthenticated', description: 'No valid bearer token; `WWW-Authenticate` says why' },
  403: { name: 'Forbidden', description: 'The token lacks the permission the operation needs (`detail` names it), or the rule of who may act here refuses this principal' },
  404: { name: 'NotFound', description: 'It does not exist, or it lies outside what the principal may see (another department, another customer)' },
  409: { name: 'Conflict', description: 'The current state forbids it: `code` names the rule broken; or a concurrent modification, or a request id already used' },
  413: { name: 'PayloadTooLarge', description: 'The body is larger than the operation accepts' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not in a media type the operation takes; `accepted` lists those it does' },
  422: { name: 'Unprocessable', description: 'The `Idempotency-Key` was already used with a different request, or the request names something the command cannot work on' },
  429: { name: 'TooManyRequests', description: 'Past the principal’s rate limit for writes or expensive reads; retry after `Retry-After` seconds', retryAfter: true },
  503: { name: 'Unavailable', description: 'The server sheds load, or the read model did not reach `after` in time (`checkpoint` says how far it got); retry after `Retry-After` seconds', retryAfter: true },
};

/** What the document needs to know of a route beyond what Swagger reflects: who may call it, what it costs, what it answers. */
interface RouteFacts extends SuccessFacts {
  access: RouteAccess;
  expensive: boolean;
}

/**
 * The OpenAPI document of the app, for clients to generate from: every operation is tagged with its service (the
 * first segment of its path) and, from its route's metadata, gets the security it needs and the error responses it
 * really answers, all with one problem-details schema; its success response is described (`describeSuccess`); a
 * JSON request body gets an example built from its schema. Summaries are the routes' own (`@ApiOperation`).
 */
export function buildOpenApiDocument(app: NestFastifyApplication, title: string, config: PlatformConfig): OpenAPIObject {
  const services = app.get<ServiceDefinition[]>(SERVICE_DEFINITIONS);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setVersion('1')
      .setDescription(
        'ServiceLedger: a technology company’s service management regulation run as event-sourced services. Every command ' +
          'answers the id it acted on and a `checkpoint`; a query given it as `?after=` waits until its read model has it. ' +
          'Every error is RFC 9457 problem details (`application/problem+json`).',
      )
      .setLicense('UNLICENSED', 'https://serviceledger.dev/license')
      .addServer('{scheme}://{host}', 'A ServiceLedger installation; by default the one `npm start` runs', {
        scheme: { enum: ['http', 'https'], default: config.TLS_CERT_FILE ? 'https' : 'http' },
        host: { default: `localhost:${config.PORT}`, description: 'Host and port of the API' },
      })
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token from the identity provider (or `npm run token` on the embedded default)' }, BEARER)
      .build(),
  );
  const facts = routeFacts(app);
  const tags = new Map<string, string>(Object.entries(PLATFORM_TAGS));
  for (const service of services) tags.set(service.name, service.description ?? service.name);
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const route = facts.get(operation.operationId ?? '');
      if (!route) throw new Error(`No route found for the operation ${operation.operationId} (${method.toUpperCase()} ${path})`);
      const tag = path.split('/')[1];
      used.add(tag);
      operation.tags = [tag];
      operation.security = route.access.kind === 'public' ? [] : [{ [BEARER]: [] }];
      documentPathParameters(operation, path);
      describeSuccess(operation, path, route);
      describeResponses(operation, path, method.toUpperCase(), route);
      exampleOfBody(operation, document);
    }
  }
  document.tags = [...used].sort().map((name) => ({ name, description: tags.get(name) ?? name }));
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ProblemDetails: PROBLEM_DETAILS_SCHEMA, ...SUCCESS_SCHEMAS },
    responses: Object.fromEntries(Object.values(PROBLEMS).map(({ name, description, retryAfter }) => [name, problemResponse(description, retryAfter)])),
  };
  return document;
}

/**
 * Every parameter of the path template, as a string where Swagger saw none: a parameter typed as a union (or an enum
 * of strings) reflects as Object, which Swagger leaves out; `@ApiParam({ name, enum })` on the route says more.
 */
function documentPathParameters(operation: OperationObject, path: string): void {
  const documented = new Set((operation.parameters ?? []).flatMap((parameter) => ('in' in parameter && parameter.in === 'path' ? [parameter.name] : [])));
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    if (!documented.has(name)) (operation.parameters ??= []).push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
}

/** Each route's facts by the operation id Swagger gives it (`<Controller>_<method>`). */
function routeFacts(app: NestFastifyApplication): Map<string, RouteFacts> {
  const reflector = app.get(Reflector);
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type<unknown>;
      const handlers = controller.prototype as Record<string, RouteHandler>;
      for (const name of new MetadataScanner().getAllMethodNames(handlers)) {
        const handler = handlers[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const args = Object.values((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { factory?: unknown }>);
        facts.set(`${controller.name}_${name}`, {
          access: routeAccess(reflector, handler, controller),
          expensive: isExpensiveRead(reflector, handler, controller),
          command: args.some((arg) => arg.factory === commandMetadataOf),
          produces: reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_PRODUCES, [handler, controller]) ?? [],
        });
      }
    }
  }
  return facts;
}

/** The error responses the route can answer, given what it takes and who may call it; a success without words gets some. */
function describeResponses(operation: OperationObject, path: string, method: string, route: RouteFacts): void {
  const isPublic = route.access.kind === 'public';
  const command = COMMAND_METHODS.has(method) && !isPublic;
  const statuses = [
    (operation.parameters?.length ?? 0) > 0 || operation.requestBody ? 400 : undefined,
    isPublic ? undefined : 401,
    isPublic ? undefined : 403,
    path.includes('{') ? 404 : undefined,
    command ? 409 : undefined,
    operation.requestBody ? 413 : undefined,
    operation.requestBody ? 415 : undefined,
    command ? 422 : undefined,
    command || route.expensive ? 429 : undefined,
    isPublic ? undefined : 503,
  ].filter((status): status is number => status !== undefined);
  for (const status of statuses) operation.responses[status] ??= { $ref: `#/components/responses/${PROBLEMS[status].name}` };
}

function problemResponse(description: string, retryAfter = false): ResponseObject {
  return {
    description,
    ...(retryAfter ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } } } : {}),
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
  };
}

/** A JSON body's example, unless the route gives one: the DTO's property examples, and for the rest a value of the right type. */
function exampleOfBody(operation: OperationObject, document: OpenAPIObject): void {
  const body = operation.requestBody;
  const json = body && 'content' in body ? body.content['application/json'] : undefined;
  if (!json?.schema || json.example !== undefined || json.examples !== undefined) return;
  json.example = exampleOf(json.schema, document, 0);
}

const EXAMPLE_DEPTH = 8;

/** The example of a schema; `field` is the property (or array of items) it is the value of, as `Schema.property` in a named schema. */
function exampleOf(schemaOrRef: SchemaObject | { $ref: string }, document: OpenAPIObject, depth: number, field = ''): unknown {
  const schema = resolve(schemaOrRef, document);
  const owner = '$ref' in schemaOrRef ? `${schemaNameOf(schemaOrRef.$ref)}.` : '';
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variant = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema.allOf?.[0];
  if (variant) return exampleOf(variant, document, depth, field);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return depth < EXAMPLE_DEPTH && schema.items ? Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(schema.items as SchemaObject, document, depth + 1, field)) : [];
    case 'string':
      return stringExample(schema, field);
    default: {
      if (depth >= EXAMPLE_DEPTH || !schema.properties) return {};
      const required = new Set(schema.required ?? []);
      return Object.fromEntries(
        Object.entries(schema.properties)
          .filter(([property, propertySchema]) => required.has(property) || resolve(propertySchema, document).example !== undefined)
          .map(([property, propertySchema]) => [property, exampleOf(propertySchema, document, depth + 1, `${owner}${property}`)]),
      );
    }
  }
}

function stringExample(schema: SchemaObject, field: string): string {
  switch (schema.format) {
    case 'uuid':
      return '0f8fad5b-d9cb-469f-a165-70867728950e';
    case 'date':
      return '2026-12-07';
    case 'date-time':
      return '2026-12-07T09:30:00+08:00';
    case 'email':
      return 'wang@example.com';
    case 'uri':
      return 'https://example.com/';
    default:
      return (TEXT_EXAMPLES[field] ?? TEXT_EXAMPLES[field.split('.').pop() ?? ''] ?? 'text').padEnd(schema.minLength ?? 0, '.');
  }
}

function resolve(schema: SchemaObject | { $ref: string }, document: OpenAPIObject): SchemaObject {
  if (!('$ref' in schema)) return schema;
  return document.components?.schemas?.[schemaNameOf(schema.$ref)] as SchemaObject;
}

function schemaNameOf(ref: string): string {
  return ref.replace('#/components/schemas/', '');
}
