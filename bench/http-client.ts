// Runs bench/http-client.worker.js in a worker thread and returns what it measured.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface LoadResult {
  requests: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  /** Of each counted request, in ms. */
  latencies: number[];
}

export interface VisibilityResult {
  latencies: number[];
  postLatencies: number[];
  errors: number;
  firstError?: string;
  /** Pairs started in the counted part. */
  started: number;
  elapsedMs: number;
}

export interface LoadOptions {
  baseUrl: string;
  token: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** What to POST instead of a new note. */
  post?: { path: string; body: unknown };
  /** GET these paths in turn instead of POSTing. */
  get?: { paths: string[] };
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
export async function driveLoad(options: LoadOptions): Promise<number> {
  return (await driveLoadTimed(options)).rate;
}

/** The same, or GETs of `get.paths`, with the rate and the latency of every counted request. */
export async function driveLoadTimed(options: LoadOptions): Promise<{ rate: number; latencies: number[] }> {
  const result = await runWorker<LoadResult>({ mode: 'load', ...options });
  if (result.errors) throw new Error(`bench: ${result.errors} failed requests against ${options.baseUrl}, first: ${result.firstError}`);
  return { rate: (result.requests * 1000) / result.elapsedMs, latencies: result.latencies };
}

/** Sends `total` requests (as `driveLoad` would) by `concurrency` clients; resolves when all answered, each a 2xx. */
export async function sendRequests(options: Omit<LoadOptions, 'warmupMs' | 'durationMs'> & { total: number }): Promise<void> {
  const result = await runWorker<LoadResult>({ mode: 'fill', ...options });
  if (result.errors) throw new Error(`bench: ${result.errors} failed requests against ${options.baseUrl}, first: ${result.firstError}`);
}

/**
 * POST a note (or `post`), then GET it (or `readPath`, `{id}` standing for the answer's id) with ?after=<checkpoint>;
 * latencies in ms. By `concurrency` clients (default 1) in a closed loop, `samples` pairs after `warmup`, or for
 * `warmupMs` then `durationMs`; or with `ratePerSecond`, pairs started at that rate for `warmupMs` then `durationMs`
 * (an open loop).
 */
export async function measureVisibilityLatencies(options: {
  baseUrl: string;
  token: string;
  warmup?: number;
  samples?: number;
  concurrency?: number;
  ratePerSecond?: number;
  warmupMs?: number;
  durationMs?: number;
  post?: { path: string; body: unknown };
  readPath?: string;
  readIdField?: string;
  /** Answer failed pairs in `errors` instead of throwing (a read model behind answers 503 after its bound). */
  tolerateErrors?: boolean;
}): Promise<VisibilityResult> {
  const result = await runWorker<VisibilityResult>({ mode: 'visibility', concurrency: 1, ...options });
  if (result.errors && !options.tolerateErrors) throw new Error(`bench: ${result.errors} failed POST/GET pairs against ${options.baseUrl}, first: ${result.firstError}`);
  return result;
}
