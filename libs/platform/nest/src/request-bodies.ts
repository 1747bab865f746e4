import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import { ProblemDetails, problemReply, toProblem } from './problem-details';

/** The largest body any route takes (an attachment of 10 MiB, base64-encoded, and its command). */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;
/** The largest JSON body of a route that takes no file (one without a base64 field): the longest command is far below it. */
export const MAX_COMMAND_BYTES = 1024 * 1024;
/** The deepest nesting of arrays and objects a JSON body may have: no command comes near it. */
export const MAX_JSON_DEPTH = 64;
/**
 * The most values (objects, arrays, texts, numbers, …) a JSON body may hold. Validating a body costs about 5–10 µs
 * a value, so this bounds a request's hold on the event loop to about a tenth of a second; 300 KB of empty objects
 * would otherwise hold it for a second. The largest commands come far below it: 1,000 holidays are about 4,000
 * values, 100 triage rules with 20 keywords each about 3,500.
 */
export const MAX_JSON_VALUES = 20_000;
const JSON_MEDIA_TYPE = 'application/json';

/** A body's schemas by media type, as the OpenAPI document holds them. */
type ContentObject = Record<string, { schema?: unknown }>;

/** What a request's body was refused for while it was parsed, answered before validation. */
const refusals = new WeakMap<FastifyRequest, ProblemDetails>();

/**
 * Every body is checked before anything reads it: its size (413; a JSON body larger than `MAX_COMMAND_BYTES` only
 * where the route takes a file), its media type against the ones its route declares in the OpenAPI document, JSON
 * otherwise (415, listing them), and a JSON body's encoding (UTF-8, never replaced by U+FFFD), syntax, nesting depth
 * and number of values (400). Each refusal is a problem detail, as every other.
 */
export function checkRequestBodies(app: NestFastifyApplication, document: OpenAPIObject): void {
  const accepted = acceptedMediaTypes(document);
  const takingFiles = routesTakingFiles(document);
  const jsonLimit = (request: FastifyRequest) => (takingFiles.has(routeOf(request)) ? MAX_BODY_BYTES : MAX_COMMAND_BYTES);
  const fastify = app.getHttpAdapter().getInstance();
  const defaultJsonParser = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>(JSON_MEDIA_TYPE, { bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
    // A body sent in chunks has no length to check before it is read.
    if (body.length > jsonLimit(request)) {
      refusals.set(request, tooLarge(jsonLimit(request)));
      return done(null, undefined);
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      refusals.set(request, toProblem(new BadRequestException('The body is not valid UTF-8')));
      return done(null, undefined);
    }
    defaultJsonParser(request, text, (error, parsed) => {
      const refusal = error ? unparsable(text) : shapeRefusal(parsed);
      if (refusal) {
        refusals.set(request, toProblem(new BadRequestException(refusal)));
        return done(null, undefined);
      }
      done(null, parsed);
    });
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!hasBody(request)) return done();
    const types = accepted.get(routeOf(request)) ?? [JSON_MEDIA_TYPE];
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const limit = type === JSON_MEDIA_TYPE ? jsonLimit(request) : MAX_BODY_BYTES;
    if (Number(request.headers['content-length']) > limit) return refuse(reply, tooLarge(limit));
    if (types.includes(type)) return done();
    refuse(reply, { ...toProblem(new UnsupportedMediaTypeException(`Send the body as ${types.join(' or ')}`)), accepted: types });
  });
  fastify.addHook('preValidation', (request, reply, done) => {
    const problem = refusals.get(request);
    if (!problem) return done();
    refuse(reply, problem);
  });
}

/** A refusal's problem details; a 415 lists the media types the route accepts. */
type Refusal = ProblemDetails & { accepted?: string[] };

function refuse(reply: FastifyReply, problem: Refusal): void {
  void problemReply(reply, problem).send(problem);
}

function tooLarge(limit: number): ProblemDetails {
  return toProblem(new PayloadTooLargeException(`The body is larger than ${limit} bytes`));
}

/** A route as the OpenAPI-derived maps key it: method and Fastify route (`POST /a/:id`). */
function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url}`;
}

function hasBody(request: FastifyRequest): boolean {
  return Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

/** The media types each route's body may come in, by route (`POST /a/:id`), from the OpenAPI document. */
function acceptedMediaTypes(document: OpenAPIObject): Map<string, string[]> {
  return new Map([...bodiesByRoute(document)].map(([route, content]) => [route, Object.keys(content)]));
}

/** Each route that takes a body, with its body's content by media type. */
function bodiesByRoute(document: OpenAPIObject): Map<string, ContentObject> {
  const bodies = new Map<string, ContentObject>();
  for (const [path, item] of Object.entries(document.paths)) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const body = item[method]?.requestBody;
      if (body && 'content' in body && Object.keys(body.content).length > 0) bodies.set(`${method.toUpperCase()} ${url}`, body.content);
    }
  }
  return bodies;
}

/**
 * Why Fastify's JSON parser refused the body, which its own error does not say: empty, malformed (where, as
 * `JSON.parse` says), or well-formed but holding a key that could reach an object's prototype.
 */
function unparsable(text: string): string {
  if (text.length === 0) return 'The body is empty: send a JSON document';
  try {
    JSON.parse(text);
  } catch (error) {
    return `The body is not valid JSON: ${(error as Error).message}`;
  }
  return 'The body holds a "__proto__" or "constructor.prototype" key, which no request may send';
}

/** Why a parsed JSON body is refused for its shape: nested too deep, or too many values. Walked no further than that. */
function shapeRefusal(body: unknown): string | undefined {
  let values = 1;
  const pending: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth } = next;
    if (value === null || typeof value !== 'object') continue;
    if (depth === MAX_JSON_DEPTH) return `The body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    for (const key in value) {
      if (++values > MAX_JSON_VALUES) return `The body holds more than ${MAX_JSON_VALUES} values`;
      pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * The routes whose JSON body carries a file: a property in base64 (`format: byte`) anywhere in its schema, through
 * the document's `$ref`s. Only these take a body up to `MAX_BODY_BYTES`.
 */
function routesTakingFiles(document: OpenAPIObject): Set<string> {
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const carriesBytes = (schema: unknown, seen: Set<string>): boolean => {
    if (schema === null || typeof schema !== 'object') return false;
    const ref = (schema as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return false;
      seen.add(name);
      return carriesBytes(schemas[name], seen);
    }
    if ((schema as { format?: unknown }).format === 'byte') return true;
    return Object.values(schema).some((child) => carriesBytes(child, seen));
  };
  return new Set([...bodiesByRoute(document)].filter(([, content]) => carriesBytes(content[JSON_MEDIA_TYPE]?.schema, new Set())).map(([route]) => route));
}
