import { randomUUID } from 'node:crypto';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { loadPlatformConfig } from './platform-config';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

const app = (env: Record<string, string>) => startTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite', ...env } });

/** Issue 14, item 6: commands are rate-limited per principal, with 429 problem details and Retry-After. */
describe('rate limits over HTTP', () => {
  describe('with RATE_LIMIT_WRITES=3 in an hour', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await app({ RATE_LIMIT_WRITES: '3', RATE_LIMIT_WINDOW_SECONDS: '3600' });
    });
    afterAll(() => t.close());

    const write = async (userId: string) =>
      t.app.inject({ method: 'POST', url: `/sample/notes/${randomUUID()}`, payload: { title: 'a note' }, headers: await t.headersFor({ userId, roles: ['agent'] }) });

    it("answers a principal's fourth command 429 with Retry-After, in problem details, having run none of it", async () => {
      for (let n = 1; n <= 3; n++) expect((await write('agent-li')).statusCode).toBe(201);
      const id = randomUUID();
      const refused = await t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title: 'one too many' }, headers: await t.headersFor({ userId: 'agent-li', roles: ['agent'] }) });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
      expect(refused.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
      expect(refused.json()).toMatchObject({ status: 429, title: 'Too many requests', type: expect.stringContaining('too-many-requests') });
      expect(refused.json().detail).toContain('writes');
      const read = await t.app.inject({ method: 'GET', url: `/sample/notes/${id}`, headers: await t.headersFor({ userId: 'agent-li', roles: ['agent'] }) });
      expect(read.statusCode).toBe(404);
    });

    it('counts each principal apart, and never limits reads, health or metrics', async () => {
      expect((await write('agent-wu')).statusCode).toBe(201);
      for (let n = 0; n < 5; n++) {
        expect((await t.app.inject({ method: 'GET', url: `/sample/notes/${randomUUID()}`, headers: await t.headersFor({ userId: 'agent-li', roles: ['agent'] }) })).statusCode).toBe(404);
        for (const url of ['/health/live', '/health/ready', '/metrics']) expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      }
    });
  });

  it('limits nothing with RATE_LIMIT_WRITES=0', async () => {
    const t = await app({ RATE_LIMIT_WRITES: '0' });
    try {
      const headers = await t.headersFor({ roles: ['agent'] });
      for (let n = 0; n < 5; n++) {
        expect((await t.app.inject({ method: 'POST', url: `/sample/notes/${randomUUID()}`, payload: { title: 'a note' }, headers })).statusCode).toBe(201);
      }
    } finally {
      await t.close();
    }
  });

  it('refuses to start with a limit that is not a whole number of at least 0, naming the variable', () => {
    expect(() => loadPlatformConfig({ RATE_LIMIT_WRITES: '-1' })).toThrow(/RATE_LIMIT_WRITES="-1"/);
    expect(() => loadPlatformConfig({ RATE_LIMIT_EXPENSIVE_READS: 'many' })).toThrow(/RATE_LIMIT_EXPENSIVE_READS="many"/);
    expect(() => loadPlatformConfig({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/RATE_LIMIT_WINDOW_SECONDS="0"/);
  });
});
