import { RequestHeaders, TestApp, startTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

/**
 * Issue 15, item 10: `?after=` is never silently stale, over HTTP on the standalone app as `npm start`
 * runs it (SQLite). A checkpoint that is malformed or beyond the store's head is 400 at once; a wait that
 * ends before the read model has the checkpoint is 503 `read-model-behind` with Retry-After, unless the
 * client asks for stale data with `stale=allow`.
 */
const customer = { organisation: '深圳某某科技', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' };

async function register(t: TestApp, headers: RequestHeaders): Promise<{ id: string; checkpoint: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/intake/customers', payload: customer, headers });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('?after= on the standalone app (issue 15, item 10)', () => {
  describe('with the projections running', () => {
    let t: TestApp;
    let agent: RequestHeaders;

    beforeAll(async () => {
      t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env: { EVENT_STORE: 'sqlite' } });
      agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    });
    afterAll(() => t.close());

    it.each(['abc', '-1', '1.5', '1e3', ' 1', '0x10', ''])('answers 400 naming after for the malformed checkpoint %j, at once', async (after) => {
      await register(t, agent);
      const started = Date.now();
      const res = await t.app.inject({ method: 'GET', url: `/intake/customers?after=${encodeURIComponent(after)}`, headers: agent });
      expect(Date.now() - started).toBeLessThan(4000); // well short of the 5 s it must not wait, on a loaded machine too
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'after' })]);
    });

    it("answers 400 naming after, at once, for a checkpoint beyond the store's head", async () => {
      const { checkpoint } = await register(t, agent);
      const started = Date.now();
      const res = await t.app.inject({ method: 'GET', url: `/intake/customers?after=${Number(checkpoint) + 1000}`, headers: agent });
      expect(Date.now() - started).toBeLessThan(4000); // well short of the 5 s it must not wait, on a loaded machine too
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'after', message: expect.stringContaining('beyond') })]);
    });

    it("reads a command's effects after its checkpoint, on lists and details", async () => {
      const { id, checkpoint } = await register(t, agent);
      const list = await t.app.inject({ method: 'GET', url: `/intake/customers?after=${checkpoint}&pageSize=200`, headers: agent });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((c: { customerId: string }) => c.customerId)).toContain(id);
      const detail = await t.app.inject({ method: 'GET', url: `/intake/customers/${id}?after=${checkpoint}`, headers: agent });
      expect(detail.statusCode).toBe(200);
    });

    it('refuses a stale value other than allow, naming it', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/intake/customers?stale=yes', headers: agent });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'stale' })]);
    });
  });

  describe('with the read model behind (no projector in this process)', () => {
    let t: TestApp;
    let agent: RequestHeaders;

    beforeAll(async () => {
      t = await startTestApp({
        services: STANDALONE_SERVICES,
        modules: STANDALONE_MODULES,
        env: { EVENT_STORE: 'sqlite', ROLES: 'api', READ_WAIT_MAX_MS: '200' },
      });
      agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    });
    afterAll(() => t.close());

    it('answers 503 read-model-behind with Retry-After when the wait ends', async () => {
      const { id, checkpoint } = await register(t, agent);
      for (const url of [`/intake/customers?after=${checkpoint}`, `/intake/customers/${id}?after=${checkpoint}`]) {
        const res = await t.app.inject({ method: 'GET', url, headers: agent });
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('1');
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ type: expect.stringMatching(/\/read-model-behind$/), status: 503 });
      }
    });

    it('answers from the read model as it is with stale=allow', async () => {
      const { checkpoint } = await register(t, agent);
      const res = await t.app.inject({ method: 'GET', url: `/intake/customers?after=${checkpoint}&stale=allow`, headers: agent });
      expect(res.statusCode).toBe(200);
    });
  });
});
