// Shared helpers: temporary directories, bench events, timing, statistics.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NewEvent } from '@serviceledger/platform/core';

/** One line of the table. Throughputs compare ours/baseline (higher is better); latencies ours/baseline (lower is better). */
export interface BenchResult {
  metric: string;
  unit: 'ops/s' | 'events/s' | 'commands/s' | 'requests/s' | 'ms' | 's' | 'MB' | 'commits';
  ours: number;
  baseline: number;
  baselineLabel: string;
  /** For throughputs: the least acceptable ours/baseline. */
  target?: number;
  /** A target that is not a ratio (an absolute bound, a count), and whether this run met it. */
  absoluteTarget?: { text: string; met: boolean };
  /** p50 and p99 in ms of each operation, ours and the baseline's. */
  latency?: { ours: [number, number]; baseline?: [number, number] };
  lowerIsBetter?: boolean;
  /** Set when the measurement could not run (a server is unreachable): the row says why and shows no figures. */
  skipped?: string;
}

/** A row saying a measurement did not run, and why. */
export function skippedResult(metric: string, reason: string): BenchResult {
  return { metric, unit: 'events/s', ours: 0, baseline: 0, baselineLabel: `SKIPPED: ${reason}`, skipped: reason };
}

export interface BenchOptions {
  /** A short smoke run: fewer, shorter rounds (figures are not worth recording). */
  quick: boolean;
  log(line: string): void;
}

/** Runs `work` in a fresh directory under the OS temp dir and removes it afterwards, whatever happens. */
export async function withTempDir<T>(name: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `sl-bench-${name}-`));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const now = (): number => performance.now();

/** An event shaped like the ones the services write: a small payload and full metadata. */
export function benchEvent(type = 'NoteWritten'): NewEvent {
  const id = randomUUID();
  const commandId = randomUUID();
  return {
    id,
    type,
    data: { id, title: 'A benchmark note, with a title of ordinary length' },
    metadata: {
      correlationId: commandId,
      causationId: commandId,
      actor: { userId: 'bench-agent', roles: ['agent'], departments: ['customer-service'] },
      schemaVersion: 1,
    },
    occurredAt: new Date().toISOString(),
  };
}

export const benchStream = (): string => `bench.note-${randomUUID()}`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** p50 and p99 of latencies in ms. */
export function p50p99(values: number[]): [number, number] {
  return [percentile(values, 50), percentile(values, 99)];
}

/** Nearest-rank percentile, p in 0..100. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** Items per second of one timed pass over `items`. */
export async function rateOf<T>(items: T[], op: (item: T) => unknown): Promise<number> {
  const start = now();
  for (const item of items) await op(item);
  return (items.length * 1000) / (now() - start);
}

/**
 * A fair comparison of two operations on the same machine: both warm up, then run in alternating rounds of the
 * same number of operations (inputs made outside the timing), starting with a different side each round. The
 * round size is calibrated so the faster side takes about `roundMs`. Returns the median rate of each side.
 */
export async function compareRates<T>(options: {
  make: () => T;
  ours: (item: T) => unknown;
  baseline: (item: T) => unknown;
  warmup: number;
  rounds: number;
  roundMs: number;
  /** Operations per item (e.g. events per batch), to report events/s rather than batches/s. */
  perItem?: number;
}): Promise<{ ours: number; baseline: number }> {
  const batch = (n: number) => Array.from({ length: n }, options.make);
  await rateOf(batch(options.warmup), options.ours);
  await rateOf(batch(options.warmup), options.baseline);
  const probe = Math.max(20, options.warmup);
  const fastest = Math.max(await rateOf(batch(probe), options.baseline), await rateOf(batch(probe), options.ours));
  const size = Math.max(50, Math.min(100_000, Math.round((fastest * options.roundMs) / 1000)));
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const sides = [
      async () => ours.push(await rateOf(batch(size), options.ours)),
      async () => baseline.push(await rateOf(batch(size), options.baseline)),
    ];
    if (round % 2) sides.reverse();
    for (const side of sides) await side();
  }
  const per = options.perItem ?? 1;
  return { ours: median(ours) * per, baseline: median(baseline) * per };
}

/** CPU time the whole machine has spent busy, in ms (Linux /proc/stat; undefined elsewhere). */
function machineBusyMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return (total - idle) * 10; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

const processBusyMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * How much of the machine's CPU other processes used while a measurement ran: the bench shares the machine, and
 * on a busy one its figures are noisy. Returns a function giving that share (0..1) since it was called.
 */
export function watchOtherLoad(): () => number | undefined {
  const start = { at: now(), machine: machineBusyMs(), self: processBusyMs() };
  return () => {
    const machine = machineBusyMs();
    if (machine === undefined || start.machine === undefined) return undefined;
    const others = machine - start.machine - (processBusyMs() - start.self);
    return Math.max(0, others / ((now() - start.at) * cpus().length));
  };
}

/** CPU time, in ms, of the processes named `comms` (e.g. `postgres`, `java`), including their reaped children. */
function namedBusyMs(comms: string[]): number | undefined {
  try {
    let total = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!comms.includes(comm)) continue;
      // Fields after the command: state is [0]; utime, stime, cutime, cstime are [11..14] (USER_HZ = 100).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
    }
    return total;
  } catch {
    return undefined;
  }
}

/**
 * How much of the machine's CPU the processes named `comms` used since the call: the PostgreSQL server and the Kafka
 * broker (a JVM) work for the bench during its PostgreSQL and Kafka steps, so their CPU is not other work. A
 * backend that exits moves its time to the postmaster's children's time, which is counted too.
 */
export function watchNamedLoad(comms: string[]): () => number | undefined {
  const start = { at: now(), busy: namedBusyMs(comms) };
  return () => {
    const busy = namedBusyMs(comms);
    if (busy === undefined || start.busy === undefined) return undefined;
    return Math.max(0, (busy - start.busy) / ((now() - start.at) * cpus().length));
  };
}
