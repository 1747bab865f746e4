// The standalone app as `npm start` runs it (apps/standalone: all six services in one process, compiled to dist/ by
// scripts/compile-server.mjs), started as a child process on a data directory and a port of its own, with its event
// store and read models on SQLite (the default) or on PostgreSQL.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { now } from './harness';
import { freePort } from '@serviceledger/platform/testing';

const root = join(__dirname, '..');

export interface StandaloneApp {
  baseUrl: string;
  token: string;
  pid: number;
  /** Peak resident set size of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** SIGTERM, and resolves once the process has exited. */
  stop(): Promise<void>;
  /** The last few kilobytes the app wrote (its logs), for a failure's message. */
  output(): string;
}

function statusField(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : NaN;
}

/** Starts the app and resolves once `/health/ready` answers 200; `env` adds to the configuration (another store). */
export async function startStandalone(dataDir: string, env: Record<string, string> = {}, port?: number): Promise<StandaloneApp> {
  port ??= await freePort();
  const compiled = spawnSync(process.execPath, [join('scripts', 'compile-server.mjs')], { cwd: root, encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`bench: the app did not compile: ${compiled.stderr}`);
  // The app itself, not scripts/start.mjs: its peak resident set is the one measured.
  const child: ChildProcess = spawn(process.execPath, [join('dist', 'apps', 'standalone', 'src', 'main.js')], {
    cwd: root,
    // The bench drives thousands of commands a second as one user: the per-user write limit would refuse them. It
    // measures how slow the app gets under load, so the overload protection does not shed requests with 503s.
    env: {
      ...process.env,
      RATE_LIMIT_WRITES: '0',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
      OVERLOAD_MAX_CONCURRENT_REQUESTS: '0',
      ...env,
      DATA_DIR: dataDir,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const keep = (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    process.removeListener('exit', killOnExit);
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = now() + 600_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`bench: the standalone app exited at start-up: ${stderr}`);
    const ready = await fetch(`${baseUrl}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (now() > deadline) {
      await stop();
      throw new Error(`bench: the standalone app was not ready within 600 s: ${stderr.slice(-1000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const key = await loadOrCreateLocalKey(dataDir);
  const token = await issueLocalToken(key, { userId: 'bench-agent', roles: ['agent'], departments: ['customer-service'] });
  return { baseUrl, token, pid: child.pid!, peakRssMb: () => statusField(child.pid!, 'VmHWM'), stop, output: () => stderr };
}
