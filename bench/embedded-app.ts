// The embedded default as the benches drive it: `npm start` on a scratch directory, loaded over loopback HTTP
// from worker threads (embedded-default.worker.js). Used by embedded-default.ts and reactors.ts.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
// eslint-disable-next-line no-restricted-imports -- the bench registers the same demand the tests do
import { phoneEnquiry } from '@serviceledger/intake/service/testing';

const root = join(__dirname, '..');

export interface Request {
  method: string;
  path: string;
  body?: unknown;
}

export interface LoadStats {
  requests: number;
  errors: number;
  firstError?: string;
  latencies?: number[];
  elapsedMs: number;
  lastBody?: string;
  offered?: number;
}

export function drive(workerData: Record<string, unknown>): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'embedded-default.worker.js'), { workerData, execArgv: [] });
    worker.once('message', (message: LoadStats & { failed?: string }) => (message.failed ? reject(new Error(message.failed)) : resolve(message)));
    worker.once('error', reject);
  });
}

export const perSecond = (s: LoadStats) => (s.requests * 1000) / s.elapsedMs;
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
export const checked = (what: string, s: LoadStats) => {
  if (s.errors) console.log(`  ! ${what}: ${s.errors} failed, first: ${s.firstError}`);
  return s;
};

export class App {
  private child?: ChildProcess;
  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    this.child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env: { ...process.env, DATA_DIR: this.dataDir, PORT: String(this.port), HOST: '127.0.0.1', RATE_LIMIT_WRITES: '0', RATE_LIMIT_EXPENSIVE_READS: '0', NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  /** Peak resident set size (VmHWM) of the app, the start script's child, in MB. */
  peakRssMb(): number {
    const line = readFileSync(`/proc/${this.appPid()}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return Number(line?.split(/\s+/)[1]) / 1024;
  }

  /** The CPU time the app has used so far (user and system), in seconds. */
  cpuSeconds(): number {
    // After the command, which may hold spaces, in parentheses: utime and stime are the 12th and 13th fields.
    const fields = readFileSync(`/proc/${this.appPid()}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** The app's process: the start script's child. */
  private appPid(): string {
    const pid = this.child?.pid;
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
  }

  /** Starts the app and creates a customer: what a registration needs (an agent's token, the demand to register). */
  async startForRegistrations(): Promise<{ base: { baseUrl: string; token: string }; register: Request }> {
    this.start();
    await this.waitUntilReady();
    const token = await issueLocalToken(await loadOrCreateLocalKey(this.dataDir), { userId: 'bench-agent', roles: ['agent'], departments: [] });
    const customer = await fetch(`${this.baseUrl}/intake/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    return { base: { baseUrl: this.baseUrl, token }, register: { method: 'POST', path: '/intake/demands', body: phoneEnquiry(customer.id) } };
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async get(path: string, token?: string): Promise<{ status: number; body: string; ms: number }> {
    const start = performance.now();
    try {
      const response = await fetch(`${this.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(60_000) });
      return { status: response.status, body: await response.text(), ms: performance.now() - start };
    } catch (error) {
      return { status: 0, body: String(error), ms: performance.now() - start };
    }
  }

  async waitUntilReady(): Promise<void> {
    for (;;) {
      if ((await this.get('/health/ready')).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Waits until the log has not grown for two seconds (the reactors' follow-on commands done); answers when it last grew. */
export async function settled(dataDir: string): Promise<number> {
  let last = countEvents(dataDir, '');
  let grew = performance.now();
  while (performance.now() - grew < 2000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = countEvents(dataDir, '');
    if (now !== last) [last, grew] = [now, performance.now()];
  }
  return grew;
}

export function countEvents(dataDir: string, where: string): number {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM events ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
