import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { freePort } from '@serviceledger/platform/testing';

const root = resolve(__dirname, '../../..');

/** `npm start`, as a user runs it: the start script, on its own data directory and port. */
function start(dataDir: string, port: number): ChildProcess {
  // A busy CI machine stalls the event loop for seconds: npm start must not shed the test's requests as overload.
  return spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function ready(base: string, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${base}/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${base} was not ready in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const exited = (child: ChildProcess) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));

describe('npm start: the embedded default', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'sl-start-'))));
  afterAll(async () => {
    // SIGTERM, which the start script forwards: a SIGKILL would orphan the app it started.
    if (child && child.exitCode === null && child.signalCode === null) {
      const stopped = exited(child);
      child.kill('SIGTERM');
      await stopped;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Budgets, not timings: `npm start` runs six services, twice here, and builds the console first when it is missing.
  it('serves health, OpenAPI and a demand; stops gracefully on SIGTERM and keeps everything across a restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = start(dataDir, port);
    await ready(base);
    expect((await fetch(`${base}/docs`)).status).toBe(200);
    const openapi = (await (await fetch(`${base}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/intake/demands', '/intake/demands/{demandId}/triage']));

    const token = await issueLocalToken(await loadOrCreateLocalKey(dataDir), { userId: 'alice', roles: ['agent'], departments: ['customer-service'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const customer = (await (
      await fetch(`${base}/intake/customers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ organisation: '深圳某某科技', contactPerson: '王小明', email: 'wang@example.com', tier: 'standard' }),
      })
    ).json()) as { id: string };
    const registered = await fetch(`${base}/intake/demands`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        customerId: customer.id,
        contact: { name: '王小明', email: 'wang@example.com' },
        channel: 'web',
        subChannel: 'chat',
        kind: 'feedback',
        subject: '服務很好',
        description: '感謝工程師的耐心。',
        impact: 3,
        urgency: 3,
      }),
    });
    expect(registered.status).toBe(201);
    const { id, checkpoint } = (await registered.json()) as { id: string; checkpoint: string };
    expect((await fetch(`${base}/intake/demands/${id}?after=${checkpoint}`, { headers })).status).toBe(200);

    const stopping = exited(child);
    child.kill('SIGTERM');
    // Nest runs its shutdown hooks, then re-raises the signal; the hooks closed both databases, which
    // checkpoints SQLite's write-ahead logs away: no WAL file is left behind.
    expect(await stopping).toEqual({ code: null, signal: 'SIGTERM' });
    expect(existsSync(join(dataDir, 'events.db-wal'))).toBe(false);
    expect(existsSync(join(dataDir, 'read-models.db-wal'))).toBe(false);

    child = start(dataDir, port);
    await ready(base);
    const again = await fetch(`${base}/intake/demands/${id}`, { headers });
    expect(((await again.json()) as { subject: string }).subject).toBe('服務很好');
  }, 180000);
});

/** The processes whose environment names this data directory: the start script and the app it ran (Linux's /proc). */
function processesOn(dataDir: string): number[] {
  const marker = `DATA_DIR=${dataDir}\0`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
}

const portTaken = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each([
  ['SIGTERM to the npm process (npm start)', 'npm', ['start'], 'SIGTERM'],
  ['SIGKILL to the start script', process.execPath, ['scripts/start.mjs'], 'SIGKILL'],
] as const)('stopping the process the user started: %s', (_, command, args, signal) => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'sl-stop-'))));
  afterAll(() => {
    for (const pid of processesOn(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the app: the port is free and no process is left', async () => {
    const port = await freePort();
    const started = spawn(command, [...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await ready(`http://127.0.0.1:${port}`);
    expect(processesOn(dataDir).length).toBeGreaterThanOrEqual(2);

    const stopped = exited(started);
    started.kill(signal);
    await stopped;
    await until(async () => processesOn(dataDir).length === 0 && !(await portTaken(port)));
  }, 180000);
});
