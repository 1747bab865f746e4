// 9. Registration over HTTP as the year fills (issue 12): POST /intake/demands on the intake service in the platform
//    shell, at 1, 8 and 32 concurrent clients, after about 10,000 and 50,000 demands already registered that year,
//    against the same registrations at the start of the year (the baseline), on SQLite and on PostgreSQL. The year's
//    earlier demands are appended straight to the store, numbered by the counter registrations use, so the store
//    holds what it would after that many registrations. The API role alone runs: no projection competes for the CPU.
import { EventStore, newId } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { ScratchSchema, postgresServiceEnv, quoteIdent } from '@serviceledger/platform/postgres';
import { Client } from 'pg';
import { demandReferenceCounter, demandStream, formatDemandReference } from '@serviceledger/intake/domain';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';
// eslint-disable-next-line no-restricted-imports -- the bench registers the same demand the tests do
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { BenchOptions, BenchResult, skippedResult } from './harness';
import { driveLoad } from './http-client';
import { startPlatformServer } from './http-servers';
import { postgresUnreachable, withScratchSchemas } from './pg-events';

const CLIENTS = [1, 8, 32];
const YEAR_SO_FAR = [10_000, 50_000];
/** How many appends of earlier demands run at once while the year is filled. */
const FILL_CONCURRENCY = 8;

export function measureRegistrationOnSqlite(options: BenchOptions): Promise<BenchResult[]> {
  return measureOn('SQLite', {}, async () => undefined, options);
}

export async function measureRegistrationOnPostgres(options: BenchOptions): Promise<BenchResult[]> {
  const unreachable = await postgresUnreachable();
  if (unreachable) return rowNames('PostgreSQL').map((metric) => skippedResult(metric, unreachable));
  return withScratchSchemas((scratch) => {
    const events = scratch();
    return measureOn('PostgreSQL', { ...postgresServiceEnv(events, scratch()), SCHEMA_CHANGES: 'migrate' }, () => settle(events), options);
  });
}

const rowName = (store: string, clients: number, count: number) =>
  `registration over HTTP, ${store}, ${clients} client${clients > 1 ? 's' : ''}, after ${count.toLocaleString('en-US')} demands`;
const rowNames = (store: string) => YEAR_SO_FAR.flatMap((count) => CLIENTS.map((clients) => rowName(store, clients, count)));

/**
 * The fill writes months of registrations in a minute. PostgreSQL's own upkeep of them (autovacuum, the
 * checkpoint), which months would have spread out, is done before measuring rather than during it.
 */
async function settle(events: ScratchSchema): Promise<void> {
  const client = new Client({ connectionString: events.url });
  await client.connect();
  try {
    await client.query(`VACUUM ANALYZE ${quoteIdent(events.schema)}.events`);
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

async function measureOn(store: string, env: Record<string, string>, settleStore: () => Promise<void>, options: BenchOptions): Promise<BenchResult[]> {
  const timing = options.quick ? { warmupMs: 300, durationMs: 700 } : { warmupMs: 1000, durationMs: 3000 };
  const server = await startPlatformServer({ services: [intakeService], modules: [IntakeModule], env: { ...env, ROLES: 'api' } });
  try {
    const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (response.status !== 201) throw new Error(`bench: POST ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: string };
    };
    const customer = await post('/intake/customers', { organisation: '深圳某某科技', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' });
    const demand = phoneEnquiry(customer.id);
    const rate = (clients: number) =>
      driveLoad({ baseUrl: server.baseUrl, token: server.token, concurrency: clients, ...timing, post: { path: '/intake/demands', body: demand } });

    // One unrecorded pass first: the baseline must not pay for the cold start (JIT, caches, pools) alone.
    for (const clients of CLIENTS) await rate(clients);
    const startOfYear = new Map<number, number>();
    for (const clients of CLIENTS) startOfYear.set(clients, await rate(clients));
    const eventStore = server.app!.get<EventStore>(EVENT_STORE);
    const [registered] = await eventStore.readStream(demandStream((await post('/intake/demands', demand)).id));
    const results: BenchResult[] = [];
    for (const count of YEAR_SO_FAR) {
      options.log(`  ${store}: filling the year to ${count.toLocaleString('en-US')} demands…`);
      await fillYear(eventStore, registered, count);
      await settleStore();
      for (const clients of CLIENTS) {
        results.push({
          metric: rowName(store, clients, count),
          unit: 'commands/s',
          ours: await rate(clients),
          baseline: startOfYear.get(clients)!,
          baselineLabel: `the same registrations at the start of the year (${store}, ${clients} client${clients > 1 ? 's' : ''})`,
        });
      }
    }
    return results;
  } finally {
    await server.close();
  }
}

/** Appends copies of a registered demand, numbered by the year's counter, until the counter reaches `count`. */
async function fillYear(store: EventStore, registered: { type: string; data: unknown; occurredAt: string; metadata: object }, count: number): Promise<void> {
  const year = new Date(registered.occurredAt).getUTCFullYear();
  let reached = 0;
  const worker = async () => {
    while (reached < count) {
      const demandId = newId();
      const appended = await store.appendNumbered(demandStream(demandId), demandReferenceCounter(year), (n) => [
        {
          id: newId(),
          type: registered.type,
          data: { ...(registered.data as object), demandId, reference: formatDemandReference(year, n) },
          occurredAt: registered.occurredAt,
          metadata: registered.metadata as never,
        },
      ]);
      reached = Math.max(reached, appended.number ?? 0);
    }
  };
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker));
}
