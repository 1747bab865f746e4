import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../../..');

/** How a sample process ended, and what it wrote. */
export interface SampleOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SampleProcess {
  child: ChildProcess;
  /** What it has written to stdout so far. */
  stdout(): string;
  /** Once it has exited; one still running after `timeoutMs` is killed, so that a test fails instead of hanging. */
  outcome: Promise<SampleOutcome>;
}

/**
 * The sample service's main.ts or migrate.ts (this folder) run as a separate process, as Kubernetes runs a service,
 * with only the given environment and JSON logs.
 */
export function startSample(script: 'sample-main' | 'sample-migrate', env: Record<string, string>, timeoutMs = 60_000): SampleProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, `${script}.ts`)], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), NODE_ENV: 'production', LOG_FORMAT: 'json', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let [stdout, stderr] = ['', ''];
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const outcome = new Promise<SampleOutcome>((done) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    }),
  );
  return { child, stdout: () => stdout, outcome };
}

/** The JSON log lines a sample process wrote to stdout. */
export function jsonLines(stdout: string): Array<{ level: string; message: string; context?: string }> {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; message: string; context?: string });
}
