import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

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
 * Helmet's headers (nosniff, the policy above, no framing, no referrer) on every response, and
 * `Cache-Control: no-store` on every one that does not set its own: lists, details and exports may
 * carry personal data, and a shared or browser cache must not keep them.
 */
export async function setSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    xFrameOptions: { action: 'deny' },
  });
  app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
    void reply.header('cache-control', 'no-store');
    done();
  });
}
