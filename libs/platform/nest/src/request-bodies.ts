import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import { ProblemDetails, problemReply, toProblem } from './problem-details';

/** The largest body any route takes (an attachment of 10 MiB, base64-encoded, and its command). */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;
/** The deepest nesting of arrays and objects a JSON body may have: no command comes near it. */
export const MAX_JSON_DEPTH = 64;
const JSON_MEDIA_TYPE = 'application/json';

/** What a request's body was refused for while it was parsed, answered before validation. */
const refusals = new WeakMap<FastifyRequest, ProblemDetails>();

/**
 * Every body is checked before anything reads it: its size (413), its media type against the ones its route
 * declares in the OpenAPI document, JSON otherwise (415, listing them), and a JSON body's encoding (UTF-8,
 * never replaced by U+FFFD), syntax and nesting depth (400). Each refusal is a problem detail, as every other.
 */
export function checkRequestBodies(app: NestFastifyApplication, document: OpenAPIObject): void {
  const accepted = acceptedMediaTypes(document);
  const fastify = app.getHttpAdapter().getInstance();
  const defaultJsonParser = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>(JSON_MEDIA_TYPE, { bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      refusals.set(request, toProblem(new BadRequestException('The body is not valid UTF-8')));
      return done(null, undefined);
    }
    defaultJsonParser(request, text, (error, parsed) => {
      const refusal = error
        ? unparsable(text)
        : depthOf(parsed, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH
          ? `The body is nested deeper than ${MAX_JSON_DEPTH} levels`
          : undefined;
      if (refusal) {
        refusals.set(request, toProblem(new BadRequestException(refusal)));
        return done(null, undefined);
      }
      done(null, parsed);
    });
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!hasBody(request)) return done();
    if (Number(request.headers['content-length']) > MAX_BODY_BYTES) {
      return refuse(reply, toProblem(new PayloadTooLargeException(`The body is larger than ${MAX_BODY_BYTES} bytes`)));
    }
    const types = accepted.get(`${request.method} ${request.routeOptions.url}`) ?? [JSON_MEDIA_TYPE];
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
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

function hasBody(request: FastifyRequest): boolean {
  return Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

/** The media types each route's body may come in, by method and Fastify route (`/a/:id`), from the OpenAPI document. */
function acceptedMediaTypes(document: OpenAPIObject): Map<string, string[]> {
  const accepted = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const body = item[method]?.requestBody;
      const content = body && 'content' in body ? Object.keys(body.content) : [];
      if (content.length > 0) accepted.set(`${method.toUpperCase()} ${url}`, content);
    }
  }
  return accepted;
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

/** How deep arrays and objects nest in a parsed JSON value, counted no further than `limit`. */
function depthOf(value: unknown, limit: number): number {
  if (limit === 0 || value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, limit - 1));
  return deepest + 1;
}
