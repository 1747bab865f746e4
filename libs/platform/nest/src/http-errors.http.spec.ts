import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

interface Answer {
  status: number;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET over a fresh connection: the server closes one after a request it cannot parse. */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, contentType: response.headers['content-type'], headers: response.headers, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

/**
 * Issue 15, item 6: the errors answered before any route runs (an unknown route, a malformed URL, a path
 * parameter too long, a header block too large) are RFC 9457 problem details like every other error.
 */
describe('errors outside the routes over HTTP', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite' } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it.each([
    ['an unknown route', '/no/such/route', {}, 404, 'Not found'],
    ['a malformed percent-encoding', '/sample/notes/%E0%A4%A', {}, 400, 'Bad request'],
    ['a lone percent sign', '/sample/notes/%', {}, 400, 'Bad request'],
    ['a path parameter too long', `/sample/notes/${'a'.repeat(500)}`, {}, 414, 'URI too long'],
    ['headers too large', '/health/live', { 'x-large': 'a'.repeat(20_000) }, 431, 'Request header fields too large'],
    ['a URL beyond the header limit', `/${'a'.repeat(20_000)}`, {}, 431, 'Request header fields too large'],
  ])('answers %s with problem details', async (_case, path, headers, status, title) => {
    const answer = await get(port, path, headers);
    expect(answer.status).toBe(status);
    expect(answer.contentType).toBe('application/problem+json; charset=utf-8');
    const problem = JSON.parse(answer.body);
    expect(problem).toEqual({ type: expect.stringMatching(/^https:\/\/serviceledger\.dev\/problems\/[a-z-]+$/), title, status, detail: expect.any(String) });
    expect(problem.type).toContain(title.toLowerCase().replace(/ /g, '-'));
  });

  it.each([
    ['an unknown route', '/no/such/route', {}],
    ['a malformed percent-encoding', '/sample/notes/%E0%A4%A', {}],
    ['a path parameter too long', `/sample/notes/${'a'.repeat(500)}`, {}],
    ['headers too large', '/health/live', { 'x-large': 'a'.repeat(20_000) }],
  ])('answers %s with the security headers of every answer, uncached', async (_case, path, headers) => {
    const answer = await get(port, path, headers);
    expect(answer.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      'cache-control': 'no-store',
    });
  });

  it('counts the answers given before any route in the request metrics', async () => {
    await get(port, '/sample/notes/%E0%A4%A');
    await get(port, `/sample/notes/${'a'.repeat(500)}`);
    await get(port, '/health/live', { 'x-large': 'a'.repeat(20_000) });
    const metrics = (await get(port, '/metrics')).body;
    expect(metrics).toMatch(/http_server_requests_total\{method="GET",route="unmatched",status_code="400"\} [1-9]/);
    expect(metrics).toMatch(/http_server_requests_total\{method="GET",route="unmatched",status_code="414"\} [1-9]/);
    expect(metrics).toMatch(/http_server_requests_total\{method="unparsed",route="unmatched",status_code="431"\} [1-9]/);
  });
});
