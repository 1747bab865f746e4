// Runs bench/http-client.worker.js in a worker thread and returns what it measured.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface LoadResult {
  requests: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
}

export interface VisibilityResult {
  latencies: number[];
  postLatencies: number[];
  errors: number;
  firstError?: string;
}

function runWorker<T>(workerData: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    // No preloads in the worker: the driver is plain JavaScript.
    const worker = new Worker(join(__dirname, 'http-client.worker.js'), { workerData, execArgv: [] });
    worker.once('message', (message: T & { failed?: string }) => {
      if (message.failed) reject(new Error(`bench HTTP client: ${message.failed}`));
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`bench HTTP client exited with ${code}`)));
  });
}

/** POSTs new notes (or `post`) over `concurrency` keep-alive connections; returns the commands per second. */
export async function driveLoad(options: {
  baseUrl: string;
  token: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  post?: { path: string; body: unknown };
}): Promise<number> {
  const result = await runWorker<LoadResult>({ mode: 'load', ...options });
  if (result.errors) throw new Error(`bench: ${result.errors} failed requests against ${options.baseUrl}, first: ${result.firstError}`);
  return (result.requests * 1000) / result.elapsedMs;
}

/** One at a time: POST a note, then GET it with ?after=<checkpoint>; latencies in ms. */
export async function measureVisibilityLatencies(options: { baseUrl: string; token: string; warmup: number; samples: number }): Promise<VisibilityResult> {
  const result = await runWorker<VisibilityResult>({ mode: 'visibility', concurrency: 1, ...options });
  if (result.errors) throw new Error(`bench: ${result.errors} failed POST/GET pairs against ${options.baseUrl}, first: ${result.firstError}`);
  return result;
}
