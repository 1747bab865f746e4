import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** Helpers of the tests that run services as separate processes, as Kubernetes does. */
export const root = resolve(__dirname, '../../../..');

export function node(script: string, args: string[], env: Record<string, string>, stdio: 'pipe' | 'ignore' = 'ignore'): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: root,
    // A busy CI machine stalls event loops for seconds: these processes must not shed the tests' requests as overload.
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), NODE_ENV: 'test', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0', ...env },
    stdio: ['ignore', stdio, 'inherit'],
  });
}

/** A script run to its end, as the release's migration Job is. */
export function nodeSync(script: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), ...env },
    encoding: 'utf8',
  });
}

export async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined as T);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
