import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RequestHeaders } from './platform-test-app';

/**
 * Requests to a test app that read their own writes: a successful write's checkpoint goes with every
 * later read as `after`, so lists and details answer once the projections have it, without polling.
 * `app` and `defaultHeaders` are read at each request: specs set them up in `beforeAll`.
 */
export function readYourWrites(app: () => NestFastifyApplication, defaultHeaders: () => RequestHeaders) {
  let checkpoint: string | undefined;
  const withAfter = (url: string) => (checkpoint ? `${url}${url.includes('?') ? '&' : '?'}after=${checkpoint}` : url);
  const get = (url: string, headers: RequestHeaders) => app().inject({ method: 'GET', url: withAfter(url), headers });
  async function post(url: string, payload: object, headers: RequestHeaders = defaultHeaders()) {
    const response = await app().inject({ method: 'POST', url, payload, headers });
    if (response.statusCode < 300 && response.json().checkpoint) checkpoint = response.json().checkpoint;
    return response;
  }
  /** Posts, and answers the response body; a refusal fails the spec with the status and body. */
  async function ok(url: string, payload: object = {}, headers: RequestHeaders = defaultHeaders()) {
    const response = await post(url, payload, headers);
    if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  }
  return { get, post, ok };
}
