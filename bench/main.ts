// Runs every measurement in turn and prints the table. `--quick` for a short smoke run, `--only=<words>[,<words>…]` for
// the steps whose name contains any of them, `--store=sqlite` or `--store=postgres` for the steps of one store (steps
// without a store, like the recomputation, run with SQLite's), `--markdown` to also print the table as Markdown (for
// docs/benchmarks.md). Started by bench/run.ts.
import { cpus, totalmem } from 'node:os';
import { measureBatchedAppends } from './append-batched';
import { measureSingleAppends } from './append-single';
import { measureCatchUp } from './catch-up';
import { BenchOptions, BenchResult, now, skippedResult, watchNamedLoad, watchOtherLoad } from './harness';
import { measureHttpCommands } from './http-commands';
import { measurePgAppends } from './pg-append';
import { measurePgCatchUp } from './pg-catch-up';
import { measureRecomputation } from './recompute';
import { measureConcurrentPgAppends, measureConcurrentSqliteAppends } from './concurrent-appends';
import { measureRegistrationOnPostgres, measureRegistrationOnSqlite } from './registration';
import { measureStandaloneOnPostgres, measureStandaloneOnSqlite } from './standalone';
import { measureRelayToKafka } from './relay-kafka';
import { legend, markdownTable, textTable } from './table';
import { measureVisibility } from './visibility';

export async function main(args: string[]): Promise<number> {
  const options: BenchOptions = { quick: args.includes('--quick'), log: (line) => console.log(line) };
  const started = now();
  console.log(
    `ServiceLedger bench${options.quick ? ' (quick: figures not worth recording)' : ''} — Node ${process.version}, ` +
      `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  );
  // The PostgreSQL server and the Kafka broker (a JVM) work for the bench in its PostgreSQL and Kafka steps, so the
  // CPU of every `postgres` and `java` process is shown apart rather than counted as other work.
  const SERVERS = ['postgres', 'java'];
  const percent = (share: number) => `${(share * 100).toFixed(0)} %`;
  const others = (share: number | undefined, servers: number | undefined) => {
    if (share === undefined) return '';
    if (servers === undefined) return `, other processes used ${percent(share)} of the CPUs`;
    return `, other processes used ${percent(Math.max(0, share - servers))} of the CPUs (+ ${percent(servers)} by postgres and java processes)`;
  };
  const overall = watchOtherLoad();
  const overallServers = watchNamedLoad(SERVERS);
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
    .filter(Boolean);
  const store = args.find((a) => a.startsWith('--store='))?.slice('--store='.length);
  if (store !== undefined && store !== 'sqlite' && store !== 'postgres') throw new Error(`bench: --store is sqlite or postgres, not ${store}`);
  const steps: Array<[string, 'sqlite' | 'postgres', () => Promise<BenchResult | BenchResult[]>]> = [
    ['appends, 1 event, synchronous FULL', 'sqlite', () => measureSingleAppends('FULL', options)],
    ['appends, 1 event, synchronous NORMAL', 'sqlite', () => measureSingleAppends('NORMAL', options)],
    ['appends, 100 events', 'sqlite', () => measureBatchedAppends(options)],
    ['SQLite appends at 1, 8 and 32 clients', 'sqlite', () => measureConcurrentSqliteAppends(options)],
    ['projection catch-up', 'sqlite', () => measureCatchUp(options)],
    ['PostgreSQL appends, 1 and 100 events', 'postgres', () => measurePgAppends(options)],
    ['PostgreSQL appends at 1, 8 and 32 clients', 'postgres', () => measureConcurrentPgAppends(options)],
    ['PostgreSQL projection catch-up', 'postgres', () => measurePgCatchUp(options)],
    ['relay to Kafka', 'postgres', () => measureRelayToKafka(options)],
    ['HTTP commands', 'sqlite', () => measureHttpCommands(options)],
    ['command-to-query visibility', 'sqlite', () => measureVisibility(options)],
    ['recomputation replay', 'sqlite', () => measureRecomputation(options)],
    ['registration as the year fills, SQLite', 'sqlite', () => measureRegistrationOnSqlite(options)],
    ['registration as the year fills, PostgreSQL', 'postgres', () => measureRegistrationOnPostgres(options)],
    ['SQLite standalone app under load', 'sqlite', () => measureStandaloneOnSqlite(options)],
    ['PostgreSQL standalone app under load', 'postgres', () => measureStandaloneOnPostgres(options)],
  ];
  const results: BenchResult[] = [];
  const chosen = steps.filter(([name, stepStore]) => (!only || only.some((words) => name.includes(words))) && (!store || stepStore === store));
  for (const [name, , step] of chosen) {
    const stepStarted = now();
    const stepOthers = watchOtherLoad();
    const stepServers = watchNamedLoad(SERVERS);
    options.log(`- ${name}…`);
    // A step that fails says so in its row; the others' figures are kept.
    const rows = [await step().catch((error: Error) => skippedResult(name, `failed: ${String(error.message ?? error).slice(0, 300)}`))].flat();
    results.push(...rows);
    // Each step's rows as soon as it ends, so a run stopped later keeps them.
    options.log(markdownTable(rows));
    options.log(`  done in ${((now() - stepStarted) / 1000).toFixed(1)} s${others(stepOthers(), stepServers())}`);
  }
  console.log(`\n${textTable(results)}\n\nBaselines (run in this process, on this machine):\n${legend(results)}`);
  if (args.includes('--markdown')) console.log(`\n${markdownTable(results)}`);
  const servers = overallServers();
  const share = overall();
  const otherWork = share === undefined ? undefined : Math.max(0, share - (servers ?? 0));
  const noisy = otherWork !== undefined && otherWork > 0.1 ? ' The machine was shared: expect noise.' : '';
  console.log(`\nTotal ${((now() - started) / 1000).toFixed(0)} s${others(share, servers)}.${noisy}`);
  console.log(`Ratios are reported, never asserted; see docs/benchmarks.md.`);
  return 0;
}
