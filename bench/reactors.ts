// The reactors of the embedded default (issue 22): a burst of demand registrations at 32 clients against `npm start`
// on a scratch directory, then the follow-on commands they cause (a case, the SLA clocks, facts, knowledge and R&D
// notes, with the projections and due commands of each) until the log has not grown for two seconds.
//
//   node -r @swc-node/register bench/reactors.ts [--demands=3000]
//
// Reports the registrations a second during the burst; when the reactors were done, after the burst and per 1,000
// demands; the demands a second from the first registration to the last follow-on event; the events per demand;
// the app's CPU time per event appended, from the burst's start to the end; and the app's peak resident memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, checked, countEvents, drive, perSecond, settled } from './embedded-app';

const demands = Number(process.argv.find((a) => a.startsWith('--demands='))?.split('=')[1] ?? 3000);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-bench-reactors-'));
  const app = new App(dataDir, 20_000 + Math.floor(Math.random() * 20_000) * 2);
  try {
    const { base, register } = await app.startForRegistrations();
    const eventsBefore = countEvents(dataDir, '');
    const cpuBefore = app.cpuSeconds();
    const started = performance.now();
    const burst = checked('burst', await drive({ mode: 'closed', ...base, concurrency: 32, request: register, warmupMs: 0, total: demands }));
    const burstEnded = performance.now();
    const done = Math.max(burstEnded, await settled(dataDir));
    const events = countEvents(dataDir, '') - eventsBefore;
    const cpu = app.cpuSeconds() - cpuBefore;
    const afterBurst = (done - burstEnded) / 1000;
    console.log(
      [
        `${burst.requests} registrations at 32 clients, ${perSecond(burst).toFixed(0)}/s; ${events} events appended, ${(events / burst.requests).toFixed(1)} per demand`,
        `reactors done ${afterBurst.toFixed(1)} s after the burst: ${((1000 * afterBurst) / burst.requests).toFixed(2)} s per 1,000 demands; ${((burst.requests * 1000) / (done - started)).toFixed(0)} demands/s from the first registration to the last follow-on event`,
        `app CPU ${cpu.toFixed(1)} s: ${((1000 * cpu) / events).toFixed(3)} ms per event appended; peak RSS ${app.peakRssMb().toFixed(0)} MB`,
      ].join('\n'),
    );
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
