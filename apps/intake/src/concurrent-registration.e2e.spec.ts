import { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { postgresServiceEnv, scratchSchema } from '@serviceledger/platform/postgres';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { exited, node, nodeSync, until } from './testing/processes';
import { freePort } from '@serviceledger/platform/testing';

/**
 * Issue 12: registrations racing from several clients through two API processes on one PostgreSQL event
 * store. The year's counter queues them in the database, so none is refused with a conflict, and the
 * references come out unique and consecutive.
 */
describe('600 concurrent registrations from 6 clients against 2 intake API processes on PostgreSQL', () => {
  const events = scratchSchema('sl_e2e_registrations');
  const readModels = scratchSchema('sl_e2e_registrations_rm');
  const children: ChildProcess[] = [];
  const bases: string[] = [];
  let dataDir: string;
  let headers: Record<string, string>;
  let customerId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-e2e-'));
    const env = { ...postgresServiceEnv(events, readModels), ROLES: 'api', DATA_DIR: dataDir };
    expect(nodeSync('apps/intake/src/migrate.ts', env).status).toBe(0);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      children.push(node('apps/intake/src/main.ts', [], { ...env, PORT: String(port), HOST: '127.0.0.1' }));
      bases.push(`http://127.0.0.1:${port}`);
    }
    for (const base of bases) await until(() => fetch(`${base}/health/ready`).then((r) => r.status), (s) => s === 200, 60000, `${base} ready`);
    const token = await issueLocalToken(await loadOrCreateLocalKey(dataDir), { userId: 'alice', roles: ['agent'], departments: ['customer-service'] });
    headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const customer = await fetch(`${bases[0]}/intake/customers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ organisation: '深圳某某科技', contactPerson: '王小明', email: 'wang@example.com', tier: 'gold' }),
    });
    customerId = ((await customer.json()) as { id: string }).id;
  }, 120000);

  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await Promise.all([events.drop(), readModels.drop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every one 201, never 409, with references SR-YYYY-000001 to 000600', async () => {
    const demand = JSON.stringify(phoneEnquiry(customerId));
    // Each client keeps 100 registrations in flight at once, spread over both processes.
    const clients = Array.from({ length: 6 }, (_, client) =>
      Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const response = await fetch(`${bases[(client + i) % 2]}/intake/demands`, { method: 'POST', headers, body: demand });
          return { status: response.status, body: (await response.json()) as { reference?: string } };
        }),
      ),
    );
    const answers = (await Promise.all(clients)).flat();

    const statuses = answers.reduce<Record<number, number>>((count, a) => ({ ...count, [a.status]: (count[a.status] ?? 0) + 1 }), {});
    expect(statuses).toEqual({ 201: 600 });
    const year = new Date().getUTCFullYear();
    const references = answers.map((a) => a.body.reference!).sort();
    expect(references).toEqual(Array.from({ length: 600 }, (_, i) => `SR-${year}-${String(i + 1).padStart(6, '0')}`));
  }, 120000);
});
