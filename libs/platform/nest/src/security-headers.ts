import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response. The API answers JSON and CSV; the one page it serves is the
 * OpenAPI UI at /docs, which loads its scripts and stylesheet from /docs, has inline <style> blocks and
 * style attributes, draws its icons from data: URIs, and sends "Try it out" requests to this origin.
 * No `upgrade-insecure-requests`: `npm start` serves plain HTTP, where it would break /docs' own assets.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

/**
 * Helmet's headers (nosniff, the policy above, no framing, no referrer) and `Cache-Control: no-store`: lists,
 * details and exports may carry personal data, and a shared or browser cache must not keep them. Without
 * nonces helmet's headers are the same on every answer, so they are taken once, and the answers Fastify and
 * Node give before any hook runs (http-errors.ts) carry them too.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = securityHeaders();

/**
 * The same headers for a page that also fetches from the given origins: the web console, which signs in at
 * the identity provider (its discovery document and token endpoint).
 */
export function securityHeaders(connectTo: string[] = []): Record<string, string> {
  return { ...helmetHeaders(connectTo), 'cache-control': 'no-store' };
}

function helmetHeaders(connectTo: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)), removeHeader: () => undefined };
  const directives = { ...CONTENT_SECURITY_POLICY, 'connect-src': [...CONTENT_SECURITY_POLICY['connect-src'], ...connectTo] };
  const policy = helmet({ contentSecurityPolicy: { useDefaults: false, directives }, xFrameOptions: { action: 'deny' } });
  policy({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/** Every answer carries SECURITY_HEADERS; an answer that sets its own Cache-Control keeps it. */
export function setSecurityHeaders(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    done();
  });
}
