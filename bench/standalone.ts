// The standalone app under load (issue 22), on SQLite (what `npm start` runs) and on PostgreSQL, driven over loopback
// HTTP from worker threads, beside a bare Fastify server answering the same routes in the same run:
//   - demand registrations (POST /intake/demands) at 1, 8 and 32 clients;
//   - command-to-query visibility (the registration, then GET /intake/demands/:id?after=<its checkpoint>) at 1, 8 and
//     32 clients, and with pairs offered at 1,000 a second whatever the answers;
//   - at 20,000 demands: the list (GET /intake/demands?pageSize=20) at 32 clients, and detail reads at 32 clients
//     with and without 32 clients registering at the same time;
//   - commits of the event store per registration, the reactors' follow-on commands included;
//   - start-up catch-up of 160,000 events into empty read models, with /health/live polled throughout;
//   - the peak resident set size of the process, on SQLite after 100,000 demands.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { ScratchSchema, postgresServiceEnv, quoteIdent } from '@serviceledger/platform/postgres';
// eslint-disable-next-line no-restricted-imports -- the bench registers the same demand the tests do
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { BenchOptions, BenchResult, now, p50p99, percentile, skippedResult, withTempDir } from './harness';
import { driveLoadTimed, measureVisibilityLatencies, sendRequests } from './http-client';
import { RunningServer, startBareServer } from './http-servers';
import { postgresUnreachable, withScratchSchemas } from './pg-events';
import { StandaloneApp, startStandalone } from './standalone-app';
import { freePort } from '@serviceledger/platform/testing';

const CLIENTS = [1, 8, 32];
const plural = (n: number) => `${n} client${n > 1 ? 's' : ''}`;
const count = (n: number) => n.toLocaleString('en-US');

/** What the workloads need of the store under the app. */
interface AppStore {
  name: 'SQLite' | 'PostgreSQL';
  /** The app's configuration for this store. */
  env(): Record<string, string>;
  /** Points the app at empty read models (for the catch-up). */
  emptyReadModels(): Promise<void>;
  /** Events and registered demands in the log, and the newest global position. */
  counts(): Promise<{ events: number; demands: number; head: number }>;
  /**
   * Counts the event store's commits while `work` runs: on PostgreSQL the distinct transactions of the events it
   * appended; on SQLite the fsyncs of the event store's write-ahead log, traced with strace.
   */
  commitsDuring(app: StandaloneApp, work: () => Promise<void>): Promise<number>;
  close(): Promise<void>;
}

export function measureStandaloneOnSqlite(options: BenchOptions): Promise<BenchResult[]> {
  return withTempDir('standalone', async (dataDir) => {
    const events = join(dataDir, 'events.db');
    const store: AppStore = {
      name: 'SQLite',
      env: () => ({}),
      async emptyReadModels() {
        for (const file of readdirSync(dataDir).filter((f) => f.startsWith('read-models.db'))) rmSync(join(dataDir, file));
      },
      async counts() {
        const db = new Database(events, { readonly: true });
        try {
          const row = db
            .prepare("SELECT count(*) AS events, coalesce(max(global_position), 0) AS head, sum(type = 'DemandRegistered') AS demands FROM events")
            .get() as { events: number; demands: number | null; head: number };
          return { events: row.events, demands: row.demands ?? 0, head: row.head };
        } finally {
          db.close();
        }
      },
      commitsDuring: (app, work) => walSyncsDuring(app.pid, work),
      close: async () => undefined,
    };
    return measureStandalone(store, dataDir, options);
  });
}

export async function measureStandaloneOnPostgres(options: BenchOptions): Promise<BenchResult[]> {
  const unreachable = await postgresUnreachable();
  if (unreachable) return [skippedResult('standalone app on PostgreSQL', unreachable)];
  return withScratchSchemas((scratch) =>
    withTempDir('standalone-pg', async (dataDir) => {
      const events: ScratchSchema = scratch();
      let readModels = scratch();
      const client = new Client({ connectionString: events.url });
      await client.connect();
      const table = `${quoteIdent(events.schema)}.events`;
      // One master key for both starts: the data keys in the event store are wrapped by it.
      const configuration = { ...postgresServiceEnv(events, readModels), SCHEMA_CHANGES: 'migrate' };
      const store: AppStore = {
        name: 'PostgreSQL',
        env: () => ({ ...configuration, READ_MODEL_SCHEMA: readModels.schema }),
        async emptyReadModels() {
          readModels = scratch();
        },
        async counts() {
          const { rows } = await client.query<{ events: string; demands: string; head: string }>(
            `SELECT count(*) AS events, count(*) FILTER (WHERE type = 'DemandRegistered') AS demands, coalesce(max(global_position), 0) AS head FROM ${table}`,
          );
          return { events: Number(rows[0].events), demands: Number(rows[0].demands), head: Number(rows[0].head) };
        },
        async commitsDuring(_app, work) {
          const { head } = await store.counts();
          await work();
          const { rows } = await client.query<{ n: string }>(`SELECT count(DISTINCT transaction_id) AS n FROM ${table} WHERE global_position > $1`, [head]);
          return Number(rows[0].n);
        },
        close: () => client.end(),
      };
      try {
        return await measureStandalone(store, dataDir, options);
      } finally {
        await store.close();
      }
    }),
  );
}

/** fsyncs of `events.db-wal` (one per commit at synchronous FULL) by any thread of `pid` while `work` runs. */
async function walSyncsDuring(pid: number, work: () => Promise<void>): Promise<number> {
  const tracer = spawn('strace', ['-f', '-y', '-e', 'trace=fsync,fdatasync', '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let trace = '';
  tracer.stderr.on('data', (chunk: Buffer) => (trace += chunk.toString('utf8')));
  const ended = new Promise<void>((resolve) => tracer.once('exit', () => resolve()));
  // strace says "Process N attached" for each thread before it traces anything.
  while (!trace.includes('attached') && tracer.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  if (tracer.exitCode !== null) throw new Error(`bench: strace could not attach to the app: ${trace}`);
  try {
    await work();
  } finally {
    tracer.kill('SIGINT');
    await ended;
  }
  return trace.split('\n').filter((line) => /sync\(\d+<[^>]*events\.db-wal>/.test(line)).length;
}

async function measureStandalone(store: AppStore, dataDir: string, options: BenchOptions): Promise<BenchResult[]> {
  const quick = options.quick;
  const timing = quick ? { warmupMs: 300, durationMs: 700 } : { warmupMs: 1000, durationMs: 3000 };
  const sizes = {
    listAt: quick ? 500 : 20_000,
    catchUpEvents: quick ? 5_000 : 160_000,
    rssAt: store.name === 'SQLite' ? (quick ? 1_500 : 100_000) : undefined,
  };
  // Fills stop when their time is up on a slow machine; the rows then name the counts reached.
  const budgets = quick ? { list: 60_000, catchUp: 60_000, rss: 60_000 } : { list: 180_000, catchUp: 150_000, rss: 240_000 };
  const results: BenchResult[] = [];
  const s = store.name;
  const bare = await startBareServer();
  let app = await startStandalone(dataDir, store.env());
  try {
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${app.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`bench: POST ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: string; checkpoint: string };
    };
    const customer = await post('/intake/customers', { organisation: '深圳某某科技', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' });
    const registration = { path: '/intake/demands', body: phoneEnquiry(customer.id) };
    const against = (server: RunningServer | StandaloneApp) => ({ baseUrl: server.baseUrl, token: server.token });
    /** Registers at 32 clients until the log holds `demands`, or the time is up (the rows name what was reached). */
    const registerUpTo = async (demands: number, budgetMs: number) => {
      const deadline = now() + budgetMs;
      for (;;) {
        const missing = demands - (await store.counts()).demands;
        if (missing <= 0) return;
        if (now() > deadline) {
          options.log(`    stopped ${count(missing)} demands short of ${count(demands)}: out of time`);
          return;
        }
        await sendRequests({ ...against(app), concurrency: 32, total: Math.min(missing, 2000), post: registration });
      }
    };
    /** Waits until the demands read model has a registration sent now; a registration refused meanwhile is logged and sent again. */
    const caughtUp = async (deadlineMs: number) => {
      const deadline = now() + deadlineMs;
      const headers = { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' };
      let last: { id: string; checkpoint: string } | undefined;
      while (!last) {
        const response = await fetch(`${app.baseUrl}/intake/demands`, { method: 'POST', headers, body: JSON.stringify(registration.body) });
        if (response.status === 201) last = (await response.json()) as { id: string; checkpoint: string };
        else {
          options.log(`    a registration answered ${response.status}: ${(await response.text()).slice(0, 200)}; the app's log ends: ${app.output().slice(-1500)}`);
          if (now() > deadline) throw new Error('bench: the app refused registrations until the deadline');
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      for (;;) {
        const read = await fetch(`${app.baseUrl}/intake/demands/${last.id}?after=${encodeURIComponent(last.checkpoint)}`, { headers }).catch(() => undefined);
        if (read?.status === 200) return;
        if (now() > deadline) throw new Error(`bench: the demands read model did not reach the newest registration within ${deadlineMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    // The API answers before the worker thread has started its projections.
    await caughtUp(300_000);
    const idleRss = app.peakRssMb();

    // 1. Registrations at 1, 8 and 32 clients; one unrecorded pass first (JIT, caches, pools).
    options.log(`  ${s}: registrations at ${CLIENTS.join(', ')} clients…`);
    for (const clients of CLIENTS) await driveLoadTimed({ ...against(app), concurrency: clients, ...timing, post: registration });
    for (const clients of CLIENTS) {
      const ours = await driveLoadTimed({ ...against(app), concurrency: clients, ...timing, post: registration });
      const base = await driveLoadTimed({ ...against(bare), concurrency: clients, ...timing, post: registration });
      results.push({
        metric: `${s} standalone: register a demand over HTTP, ${plural(clients)}`,
        unit: 'commands/s',
        ours: ours.rate,
        baseline: base.rate,
        baselineLabel: `bare Fastify handler answering POST /intake/demands with JSON, ${plural(clients)}`,
        latency: { ours: p50p99(ours.latencies), baseline: p50p99(base.latencies) },
        ...(clients === 32 ? { target: 0.25 } : {}),
      });
    }

    // 2. Visibility: the registration, then its detail ?after= its checkpoint.
    const samples = quick ? { warmupMs: 300, durationMs: 1000 } : { warmupMs: 1000, durationMs: 5000 };
    const pairs = { post: registration, readPath: '/intake/demands/{id}', readIdField: 'demandId', tolerateErrors: true };
    /** Pairs whose read answered an error (503: the read model did not reach the checkpoint within its bound). */
    const failed = (n: number, first?: string) => (n ? `; ${n} pairs failed and are not in the percentiles, first: ${first?.slice(0, 80)}` : '');
    for (const clients of CLIENTS) {
      options.log(`  ${s}: command-to-query visibility, ${plural(clients)}…`);
      // Each measurement starts with the projections caught up: no backlog of the previous one.
      await settled(store);
      await caughtUp(600_000);
      const ours = await measureVisibilityLatencies({ ...against(app), ...pairs, concurrency: clients, ...samples });
      const base = await measureVisibilityLatencies({ ...against(bare), ...pairs, concurrency: clients, ...samples });
      results.push({
        metric: `${s} standalone: command-to-query visibility p99, ${plural(clients)}`,
        unit: 'ms',
        ours: percentile(ours.latencies, 99),
        baseline: percentile(base.latencies, 99),
        baselineLabel: `the same POST + GET against the bare Fastify handler, ${plural(clients)}${failed(ours.errors, ours.firstError)}`,
        latency: { ours: p50p99(ours.latencies), baseline: p50p99(base.latencies) },
        lowerIsBetter: true,
      });
    }
    const offered = quick ? 100 : 1000;
    options.log(`  ${s}: command-to-query visibility at ${offered} pairs/s offered…`);
    const open = { ...pairs, ratePerSecond: offered, warmupMs: quick ? 300 : 500, durationMs: quick ? 1000 : 2000 };
    await settled(store);
    await caughtUp(600_000);
    const ours = await measureVisibilityLatencies({ ...against(app), ...open });
    const base = await measureVisibilityLatencies({ ...against(bare), ...open });
    const [, p99] = p50p99(ours.latencies);
    options.log(`    ${ours.latencies.length} of ${ours.started} pairs offered in ${open.durationMs / 1000} s answered; p50 ${p50p99(ours.latencies)[0].toFixed(1)} ms`);
    results.push({
      metric: `${s} standalone: command-to-query visibility p99, ${count(offered)} pairs/s offered`,
      unit: 'ms',
      ours: p99,
      baseline: percentile(base.latencies, 99),
      baselineLabel: `the same pairs offered at the same rate to the bare Fastify handler; ${ours.latencies.length} of ${ours.started} pairs answered${failed(ours.errors, ours.firstError)}`,
      latency: { ours: p50p99(ours.latencies), baseline: p50p99(base.latencies) },
      lowerIsBetter: true,
      absoluteTarget: { text: 'p99 < 20 ms', met: p99 < 20 && ours.errors === 0 },
    });

    // 3. At 20,000 demands: the list, and detail reads with and without writers.
    options.log(`  ${s}: registering up to ${count(sizes.listAt)} demands…`);
    await registerUpTo(sizes.listAt, budgets.list);
    await settled(store);
    await caughtUp(600_000);
    const listed = (await store.counts()).demands;
    const list = { get: { paths: ['/intake/demands?pageSize=20'] } };
    const listOurs = await driveLoadTimed({ ...against(app), concurrency: 32, ...timing, ...list });
    const listBare = await driveLoadTimed({ ...against(bare), concurrency: 32, ...timing, ...list });
    results.push({
      metric: `${s} standalone: list GET /intake/demands?pageSize=20 at ${count(listed)} demands, 32 clients`,
      unit: 'requests/s',
      ours: listOurs.rate,
      baseline: listBare.rate,
      baselineLabel: 'bare Fastify handler answering a page of 20 demand rows, 32 clients',
      latency: { ours: p50p99(listOurs.latencies), baseline: p50p99(listBare.latencies) },
      absoluteTarget: { text: '≥ 1,000/s', met: listOurs.rate >= 1000 },
    });
    const page = (await (
      await fetch(`${app.baseUrl}/intake/demands?pageSize=100`, { headers: { authorization: `Bearer ${app.token}` } })
    ).json()) as { items: Array<{ demandId: string }> };
    const details = { get: { paths: page.items.map((d) => `/intake/demands/${d.demandId}`) } };
    const alone = await driveLoadTimed({ ...against(app), concurrency: 32, ...timing, ...details });
    const [whileWriting, writes] = await Promise.all([
      driveLoadTimed({ ...against(app), concurrency: 32, ...timing, ...details }),
      driveLoadTimed({ ...against(app), concurrency: 32, ...timing, post: registration }),
    ]);
    options.log(`    while reading, 32 writers registered ${whileWriting.rate ? writes.rate.toFixed(0) : 0} demands/s`);
    results.push({
      metric: `${s} standalone: detail reads while 32 clients write, 32 readers`,
      unit: 'requests/s',
      ours: whileWriting.rate,
      baseline: alone.rate,
      baselineLabel: 'the same detail reads (GET /intake/demands/:id) with no writers, same run',
      latency: { ours: p50p99(whileWriting.latencies), baseline: p50p99(alone.latencies) },
      target: 0.5,
    });

    // 4. Commits per registration: sequential registrations, then the reactors' follow-on commands settle.
    const registrations = quick ? 50 : 300;
    await settled(store);
    const before = await store.counts();
    const commits = await store.commitsDuring(app, async () => {
      await sendRequests({ ...against(app), concurrency: 1, total: registrations, post: registration });
      await settled(store);
    });
    const after = await store.counts();
    const eventsEach = (after.events - before.events) / registrations;
    const commitsEach = commits / registrations;
    results.push({
      metric: `${s} standalone: event-store commits per demand registration`,
      unit: 'commits',
      ours: commitsEach,
      baseline: eventsEach,
      baselineLabel: `events appended per registration (the command's and its reactors' follow-on commands'), ${registrations} registrations one at a time`,
      lowerIsBetter: true,
      absoluteTarget: { text: 'follow-on commands share commits', met: commitsEach < eventsEach },
    });

    // 5. Start-up catch-up: fill the log, stop, empty the read models, start again and poll liveness throughout.
    const perDemand = Math.max(1, after.events / Math.max(1, after.demands));
    options.log(`  ${s}: registering until the log holds ${count(sizes.catchUpEvents)} events…`);
    const fillDeadline = now() + budgets.catchUp;
    while ((await store.counts()).events < sizes.catchUpEvents && now() < fillDeadline) {
      const { events, demands } = await store.counts();
      await registerUpTo(demands + Math.ceil((sizes.catchUpEvents - events) / perDemand), fillDeadline - now());
      await settled(store);
    }
    const logged = (await store.counts()).events;
    await app.stop();
    await store.emptyReadModels();
    options.log(`  ${s}: start-up catch-up of ${count(logged)} events…`);
    const started = now();
    const port = await freePort();
    const live = await pollLiveness(`http://127.0.0.1:${port}`, async () => {
      app = await startStandalone(dataDir, store.env(), port);
      await caughtUp(900_000);
    });
    const catchUpSeconds = (now() - started) / 1000;
    options.log(`    live after ${(live.firstLiveMs / 1000).toFixed(1)} s; readiness ${live.readiness}`);
    const idle = await pollLiveness(app.baseUrl, () => new Promise((r) => setTimeout(r, quick ? 500 : 3000)));
    results.push({
      metric: `${s} standalone: start-up catch-up of ${count(logged)} events, slowest /health/live answer`,
      unit: 'ms',
      ours: live.slowest,
      baseline: idle.slowest,
      baselineLabel: `the slowest /health/live answer of the same process once caught up (catch-up took ${catchUpSeconds.toFixed(0)} s from start, ${live.probes} probes, ${live.failed} failed)`,
      latency: { ours: live.p50p99, baseline: idle.p50p99 },
      lowerIsBetter: true,
      absoluteTarget: { text: 'liveness answers throughout (< 1 s)', met: live.failed === 0 && live.slowest < 1000 },
    });

    // 6. Peak memory.
    if (sizes.rssAt !== undefined) {
      options.log(`  ${s}: registering up to ${count(sizes.rssAt)} demands…`);
      await registerUpTo(sizes.rssAt, budgets.rss);
      await settled(store);
    }
    const demands = (await store.counts()).demands;
    const peak = app.peakRssMb();
    results.push({
      metric: `${s} standalone: peak RSS after ${count(demands)} demands`,
      unit: 'MB',
      ours: peak,
      baseline: idleRss,
      lowerIsBetter: true,
      baselineLabel: 'VmHWM of the first app process once started and caught up, before any load (ours: the process started for the catch-up above, registering since)',
      ...(sizes.rssAt !== undefined ? { absoluteTarget: { text: '< 400 MB', met: peak < 400 } } : {}),
    });
    return results;
  } finally {
    await app.stop();
    await bare.close();
  }
}

/** Waits until the log has not grown for a second: the reactors' follow-on commands are done. */
async function settled(store: AppStore): Promise<void> {
  let head = (await store.counts()).head;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const next = (await store.counts()).head;
    if (next === head) return;
    head = next;
  }
}

interface Liveness {
  slowest: number;
  probes: number;
  /** Probes that failed or took over 1 s after the first answer (before it, the process was still starting). */
  failed: number;
  p50p99: [number, number];
  firstLiveMs: number;
  /** What /health/ready answered meanwhile, probed every 2 s: statuses counted, and the last body that was not 200. */
  readiness: string;
}

/**
 * Polls /health/live one probe at a time (each with a 1 s timeout, as a kubelet would) while `during` runs, and
 * /health/ready every 2 s. Probes before the first answer are the process starting, not counted.
 */
async function pollLiveness(baseUrl: string, during: () => Promise<void>): Promise<Liveness> {
  const started = now();
  const latencies: number[] = [];
  let failed = 0;
  let firstLiveMs = NaN;
  let running = true;
  const statuses = new Map<number, number>();
  let notReady = '';
  const probing = (async () => {
    let nextReadiness = now();
    while (running) {
      const sent = now();
      const ok = await fetch(`${baseUrl}/health/live`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok && Number.isNaN(firstLiveMs)) firstLiveMs = now() - started;
      if (!Number.isNaN(firstLiveMs)) {
        latencies.push(now() - sent);
        if (!ok) failed++;
      }
      if (!Number.isNaN(firstLiveMs) && now() >= nextReadiness) {
        nextReadiness = now() + 2000;
        const ready = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
        const status = ready?.status ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (ready && status !== 200) notReady = (await ready.text()).slice(0, 300);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    await during();
  } finally {
    running = false;
    await probing;
  }
  const readiness = [...statuses].map(([status, n]) => `${n}× ${status || 'no answer'}`).join(', ') + (notReady ? `; not ready: ${notReady}` : '');
  return { slowest: Math.max(...latencies), probes: latencies.length, failed, p50p99: p50p99(latencies), firstLiveMs, readiness };
}
