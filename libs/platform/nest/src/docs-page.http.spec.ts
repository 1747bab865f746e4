import type { AddressInfo } from 'node:net';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/**
 * Issue 15, item 14: the OpenAPI UI works at /docs and at /docs/ (and /docs/index.html, with or without a
 * query), as a browser meets it: each is answered by the page at /docs, whose scripts and stylesheets then
 * load from where the page's own URL resolves them, under the security headers' policy.
 */
describe('the OpenAPI UI page over HTTP', () => {
  let t: TestApp;
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite' } });
    await t.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it.each([
    ['/docs', '/docs'],
    ['/docs/', '/docs'],
    ['/docs/?tag=notes', '/docs?tag=notes'],
    ['/docs/index.html', '/docs'],
  ])('serves %s as the page at %s, whose assets all load', async (path, final) => {
    const redirect = await fetch(`${origin}${path}`, { redirect: 'manual' });
    if (path !== final) {
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('location')).toBe(final);
      expect(redirect.headers.get('content-security-policy')).toContain("default-src 'self'");
    }

    const page = await fetch(`${origin}${path}`);
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${origin}${final}`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const assets = [...html.matchAll(/<(?:script|link)[^>]*(?:src|href)="([^"]+)"/g)].map(([, url]) => new URL(url, page.url));
    expect(assets.map((url) => url.pathname)).toEqual(
      expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/swagger-ui-init.js']),
    );
    for (const asset of assets) {
      expect(asset.origin).toBe(origin);
      const loaded = await fetch(asset);
      expect({ asset: asset.pathname, status: loaded.status }).toEqual({ asset: asset.pathname, status: 200 });
      await loaded.arrayBuffer();
    }
  });
});
