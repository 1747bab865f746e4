import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { pgTestUrl, scratchSchema } from '@serviceledger/platform/postgres';
import { describeWithKafka } from '@serviceledger/platform/testing';

const root = resolve(__dirname, '../../..');
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

function node(script: string, args: string[], env: Record<string, string>, stdio: 'pipe' | 'ignore' = 'ignore'): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), NODE_ENV: 'test', ...env },
    stdio: ['ignore', stdio, 'inherit'],
  });
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined as T);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

describeWithKafka('production topology: intake and a consumer as separate processes over PostgreSQL and Kafka', () => {
  const store = scratchSchema('sl_e2e_events');
  const readModels = scratchSchema('sl_e2e_intake');
  const consumerModels = scratchSchema('sl_e2e_consumer');
  const children: ChildProcess[] = [];
  let dataDir: string;
  let pool: Pool;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-e2e-'));
    pool = new Pool({ connectionString: pgTestUrl(), max: 2 });
  });
  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await pool.end();
    await Promise.all([store.drop(), readModels.drop(), consumerModels.drop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a demand registered on the intake process is consumed by another; a consumer killed mid-stream loses and repeats nothing', async () => {
    const intakeEnv = {
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: pgTestUrl(),
      EVENT_STORE_SCHEMA: store.schema,
      READ_MODEL_DB: 'postgres',
      READ_MODEL_URL: pgTestUrl(),
      READ_MODEL_SCHEMA: readModels.schema,
      MESSAGE_BUS: 'kafka',
      KAFKA_BROKERS: brokers,
      DATA_DIR: dataDir,
    };
    // The release's migration Job, then the service, which verifies the schemas on start.
    const migration = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/intake/src/migrate.ts'], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), ...intakeEnv },
      encoding: 'utf8',
    });
    expect(migration.status).toBe(0);
    expect(migration.stdout).toContain('event store migrations applied');

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const intake = node('apps/intake/src/main.ts', [], { ...intakeEnv, PORT: String(port), HOST: '127.0.0.1' });
    children.push(intake);
    await until(() => fetch(`${base}/health/ready`).then((r) => r.status), (s) => s === 200, 60000, 'intake ready');

    const group = `e2e-${randomUUID()}`;
    const consumerEnv = { PG_URL: pgTestUrl(), KAFKA_BROKERS: brokers, CONSUMER_GROUP: group, HANDLE_DELAY_MS: '150' };
    const first = node('apps/intake/src/testing/demand-consumer.ts', [consumerModels.schema], consumerEnv);
    children.push(first);

    const token = await issueLocalToken(await loadOrCreateLocalKey(dataDir), { userId: 'alice', roles: ['agent'], departments: ['customer-service'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const customer = (await (
      await fetch(`${base}/intake/customers`, { method: 'POST', headers, body: JSON.stringify({ organisation: '深圳某某科技', contactPerson: '王小明', email: 'wang@example.com', tier: 'gold' }) })
    ).json()) as { id: string };
    const registered: string[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${base}/intake/demands`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ customerId: customer.id, contact: { name: '王小明', email: 'wang@example.com' }, channel: 'phone', kind: 'enquiry', subject: `第${i}號需求`, description: '測試', impact: 3, urgency: 3 }),
      });
      const body = (await response.json()) as { id: string };
      expect({ status: response.status, body }).toMatchObject({ status: 201, body: { id: expect.any(String) } });
      registered.push(body.id);
    }

    const seen = async () =>
      (await pool.query<{ demand_id: string }>(`SELECT demand_id FROM "${consumerModels.schema}".e2e_seen_demand`)).rows.map((r) => r.demand_id);
    const ours = (all: string[]) => all.filter((id) => registered.includes(id));
    await until(seen, (all) => ours(all).length >= 3, 60000, 'first consumer made progress');
    first.kill('SIGKILL');
    await exited(first);
    expect(ours(await seen()).length).toBeLessThan(registered.length);

    const second = node('apps/intake/src/testing/demand-consumer.ts', [consumerModels.schema], { ...consumerEnv, HANDLE_DELAY_MS: '0' });
    children.push(second);
    const all = await until(seen, (ids) => ours(ids).length >= registered.length, 90000, 'every demand consumed');
    expect(ours(all).sort()).toEqual([...registered].sort());
    expect(new Set(all).size).toBe(all.length);
  });
});
