import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Where createPlatformApp serves the OpenAPI UI, and the other paths that answer the same page. */
const DOCS_PATH = '/docs';
const DOCS_PAGE_ALIASES = new Set([`${DOCS_PATH}/`, `${DOCS_PATH}/index.html`]);

/**
 * Redirects `/docs/` and `/docs/index.html` to `/docs`, keeping the query. The page refers to its scripts and
 * stylesheet by paths relative to its own URL, which only `/docs` itself resolves right whatever the query:
 * `/docs/?…` and `/docs/index.html` would load them from `/docs/docs/…`, which does not exist.
 */
export function redirectToDocsPage(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => {
    const [path, query] = request.url.split(/\?(.*)/s, 2);
    if (!DOCS_PAGE_ALIASES.has(path)) return done();
    void reply.redirect(query === undefined ? DOCS_PATH : `${DOCS_PATH}?${query}`, 301);
  });
}
