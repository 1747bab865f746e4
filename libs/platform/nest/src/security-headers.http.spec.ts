import { randomUUID } from 'node:crypto';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | undefined): Map<string, string[]> {
  return new Map((policy ?? '').split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

/** Issue 14, item 11: security headers on every response, no-store on what may carry personal data, and a CSP /docs works under. */
describe('security headers over HTTP', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite' } });
    auth = await t.headersFor({ roles: ['agent'] });
  });
  afterAll(() => t.close());

  it('sends nosniff, the policy, no framing and no-store on answers, refusals and errors alike', async () => {
    const id = randomUUID();
    const written = await t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title: 'a note' }, headers: auth });
    const responses = [
      written,
      await t.app.inject({ method: 'GET', url: `/sample/notes/${id}?after=${written.json().checkpoint}`, headers: auth }),
      await t.app.inject({ method: 'GET', url: `/sample/notes/${randomUUID()}`, headers: auth }),
      await t.app.inject({ method: 'POST', url: `/sample/notes/${randomUUID()}`, payload: { title: '' }, headers: auth }),
      await t.app.inject({ method: 'GET', url: `/sample/notes/${id}` }),
      await t.app.inject({ method: 'GET', url: '/no/such/route' }),
      await t.app.inject({ method: 'GET', url: '/health/live' }),
      await t.app.inject({ method: 'GET', url: '/docs/openapi.json' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([201, 200, 404, 400, 401, 404, 200, 200]);
    for (const response of responses) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(directives(response.headers['content-security-policy'] as string).get('default-src')).toEqual(["'self'"]);
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves the OpenAPI UI at /docs under a policy that allows everything the page loads', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    const policy = directives(page.headers['content-security-policy'] as string);
    const html = page.body;
    const base = 'http://localhost/docs';
    const sameOrigin = (url: string) => new URL(url, base).origin === new URL(base).origin;

    // Scripts: only files of this origin (script-src 'self' allows no inline script), served as JavaScript (nosniff).
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    for (const [, attributes, body] of scripts) {
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src && sameOrigin(src)).toBe(true);
      expect(body.trim()).toBe('');
      const script = await t.app.inject({ method: 'GET', url: new URL(src!, base).pathname });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toContain('javascript');
    }

    // Stylesheets and icons from this origin; inline <style> blocks need 'unsafe-inline' in style-src.
    const links = [...html.matchAll(/<link[^>]*href="([^"]+)"[^>]*>/g)].map(([, href]) => href);
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      expect(sameOrigin(href)).toBe(true);
      const linked = await t.app.inject({ method: 'GET', url: new URL(href, base).pathname });
      expect(linked.statusCode).toBe(200);
      expect(linked.headers['content-type']).toMatch(href.endsWith('.css') ? /^text\/css/ : /^image\//);
    }
    expect(html).toMatch(/<style>/);
    expect(policy.get('style-src')).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));

    // The stylesheet's images and fonts are data: URIs or files of this origin.
    const css = (await t.app.inject({ method: 'GET', url: '/docs/swagger-ui.css' })).body;
    const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map(([, url]) => url);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith('data:') || sameOrigin(url)).toBe(true);
    expect(policy.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:']));
    expect(policy.get('font-src')).toEqual(expect.arrayContaining(["'self'", 'data:']));

    // The document it renders and "Try it out" are requests to this origin; plain HTTP is not upgraded away.
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });
});
