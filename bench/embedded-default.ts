// The embedded default under load (issue 22, item 4; ADR 0021): `npm start` as users run it (SQLite with group
// commit; `ROLES` in the environment chooses what it runs), driven over loopback HTTP from worker threads, beside a
// bare Fastify server answering the same routes in the same run.
//
//   node -r @swc-node/register bench/embedded-default.ts [--demands=20000] [--seconds=4]
//
// Rows: demand registrations at 32 clients against bare Fastify, and against Nest with the platform's validation of
// the same body and nothing else (the framework's floor); command-to-query visibility (POST a demand, GET it
// with ?after=) while 1,000 registrations a second are offered; the store filled to the demands asked for, how long
// the reactors' follow-on commands trail it and the app's peak resident memory then; detail reads at 32 clients with and without 32
// writers; the list's first page at 32 clients once the store holds the demands; then a restart without the read
// models: the start-up catch-up of every event, with /health/live probed throughout and /health/ready's progress.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, checked, countEvents, drive, percentile, perSecond, settled } from './embedded-app';
import { RunningServer, startBareServer, startNestFloorServer } from './http-servers';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const DEMANDS = arg('demands', 20_000);
const SECONDS = arg('seconds', 4);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-bench-embedded-'));
  const app = new App(dataDir, 20_000 + Math.floor(Math.random() * 20_000) * 2);
  const results: string[] = [];
  const row = (line: string) => {
    results.push(line);
    console.log(line);
  };
  try {
    const { base, register } = await app.startForRegistrations();
    const { token } = base;
    const timing = { warmupMs: 1000, durationMs: SECONDS * 1000 };

    const baseline = async (name: string, start: () => Promise<RunningServer>) => {
      const server = await start();
      try {
        return perSecond(checked(name, await drive({ mode: 'closed', baseUrl: server.baseUrl, token: server.token, concurrency: 32, request: register, ...timing })));
      } finally {
        await server.close();
      }
    };
    const bareRate = await baseline('bare', startBareServer);
    const floorRate = await baseline('Nest floor', startNestFloorServer);
    const commands = checked('commands', await drive({ mode: 'closed', ...base, concurrency: 32, request: register, ...timing }));
    const ofBare = (rate: number) => `${((100 * rate) / bareRate).toFixed(1)} %`;
    row(
      `registrations over HTTP, 32 clients: ${perSecond(commands).toFixed(0)}/s (p50 ${percentile(commands.latencies!, 50).toFixed(1)} ms, p99 ${percentile(commands.latencies!, 99).toFixed(1)} ms); bare Fastify ${bareRate.toFixed(0)}/s: ${ofBare(perSecond(commands))}; Nest with the platform's validation of the same body, nothing else: ${floorRate.toFixed(0)}/s, ${ofBare(floorRate)}`,
    );

    const [offered, probes] = await Promise.all([
      drive({ mode: 'open', ...base, ratePerSecond: 1000, durationMs: SECONDS * 1000, request: register }),
      drive({ mode: 'visibility', ...base, samples: 200, request: register }),
    ]);
    checked('offered', offered);
    checked('visibility', probes);
    row(
      `visibility while 1,000 registrations/s are offered (${perSecond(offered).toFixed(0)}/s answered): p50 ${percentile(probes.latencies!, 50).toFixed(1)} ms, p99 ${percentile(probes.latencies!, 99).toFixed(1)} ms (${probes.latencies!.length} POST + GET ?after= pairs)`,
    );

    // The store up to DEMANDS demands, then the projections caught up before reading.
    const count = () => countEvents(dataDir, "WHERE type = 'DemandRegistered'");
    const fill = Math.max(0, DEMANDS - count());
    const fillStart = performance.now();
    const filled = checked('fill', await drive({ mode: 'closed', ...base, concurrency: 32, request: register, warmupMs: 0, total: fill }));
    console.log(`  filled ${filled.requests} registrations in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);
    const { checkpoint } = JSON.parse(filled.lastBody ?? '{}') as { checkpoint?: string };
    // With nothing left to fill (the steps before registered `--demands` already) there is no checkpoint to wait for.
    while (checkpoint && (await app.get(`/intake/demands?pageSize=1&after=${checkpoint}`, token)).status !== 200);
    // The reactors' follow-on commands (cases, clocks, facts) trail the registrations: the reads below are measured
    // once they are done, as on a desk between bursts.
    const settleStart = performance.now();
    const settledDemands = count();
    const settleSeconds = (Math.max(settleStart, await settled(dataDir)) - settleStart) / 1000;
    row(
      `reactors done ${settleSeconds.toFixed(0)} s after the last of ${filled.requests} registrations (${count() - settledDemands} demands registered meanwhile); peak RSS of the app so far: ${app.peakRssMb().toFixed(0)} MB at ${count()} demands`,
    );

    const list = checked('list', await drive({ mode: 'closed', ...base, concurrency: 32, request: { method: 'GET', path: '/intake/demands?pageSize=20' }, ...timing }));
    row(`list GET /intake/demands?pageSize=20 at ${count()} demands, 32 clients: ${perSecond(list).toFixed(0)}/s (p50 ${percentile(list.latencies!, 50).toFixed(1)} ms, p99 ${percentile(list.latencies!, 99).toFixed(1)} ms)`);

    const ids = (JSON.parse((await app.get('/intake/demands?pageSize=200', token)).body) as { items: Array<{ demandId: string }> }).items.map((d) => d.demandId);
    const detail = { method: 'GET', path: '/intake/demands/{id}' };
    const alone = checked('detail', await drive({ mode: 'closed', ...base, concurrency: 32, request: detail, ids, ...timing }));
    const [withWriters, writers] = await Promise.all([
      drive({ mode: 'closed', ...base, concurrency: 32, request: detail, ids, ...timing }),
      drive({ mode: 'closed', ...base, concurrency: 32, request: register, ...timing }),
    ]);
    checked('detail with writers', withWriters);
    checked('writers', writers);
    row(
      `detail reads, 32 clients: ${perSecond(alone).toFixed(0)}/s alone; ${perSecond(withWriters).toFixed(0)}/s while 32 clients register ${perSecond(writers).toFixed(0)} demands/s: ${((100 * perSecond(withWriters)) / perSecond(alone)).toFixed(0)} %`,
    );

    // Start-up catch-up: the same store, the read models gone.
    await app.stop();
    for (const file of ['read-models.db', 'read-models.db-wal', 'read-models.db-shm']) rmSync(join(dataDir, file), { force: true });
    const events = countEvents(dataDir, '');
    const started = performance.now();
    app.start();
    const live: number[] = [];
    let down = 0;
    let progress = '';
    let listening = false;
    for (;;) {
      const probe = await app.get('/health/live');
      if (probe.status === 200) {
        listening = true;
        live.push(probe.ms);
      } else if (listening) down++;
      const ready = listening ? await app.get('/health/ready') : undefined;
      // An api process lists the progress under catchingUp; one with projector is not ready meanwhile, its checks saying it.
      const catchingUp = ready?.status === 200 ? (JSON.parse(ready.body) as { catchingUp?: Record<string, string> }).catchingUp : undefined;
      if (catchingUp) progress = `${Object.keys(catchingUp).length} projections catching up, e.g. ${Object.entries(catchingUp)[0].join(': ')}`;
      const detail = ready?.status === 503 ? ((JSON.parse(ready.body) as { detail?: string }).detail ?? '') : '';
      const notReady = /projection:[^"]+":"catching up[^"]*"/.exec(detail)?.[0];
      if (notReady) progress = `not ready, e.g. ${notReady.replaceAll('"', '')}`;
      if (listening && ready?.status === 200 && !catchingUp && progress) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    row(
      `start-up catch-up of ${events} events: caught up ${((performance.now() - started) / 1000).toFixed(1)} s after the start; /health/live answered ${live.length} probes (max ${Math.max(...live).toFixed(0)} ms, p99 ${percentile(live, 99).toFixed(0)} ms), failed ${down}; readiness said, midway: "${progress}"`,
    );
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\n${results.join('\n')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
