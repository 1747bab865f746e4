// A page of demands as each scope reads it, at a year's 50,000 demands (issue 22, "no cost may grow with history"):
// intake in the platform's test shell on SQLite, its demands read model filled directly (five departments, a third
// of the demands open), then `GET /intake/demands` 15 times per case, one request at a time.
//
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/list-scopes.ts [--demands=50000]
//
// Reports each case's median and slowest time, and its ratio to the agent's first page (cross-department, the
// baseline, read in the same process): a department member's or a customer's page should cost about as much.
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { ReadModels } from '@serviceledger/platform/nest';
import { startTestApp } from '@serviceledger/platform/testing';
import { DEMANDS_PROJECTION, IntakeModule, intakeService } from '@serviceledger/intake/service';

const demands = Number(process.argv.find((a) => a.startsWith('--demands='))?.split('=')[1] ?? 50_000);
const DEPARTMENTS = ['tech-support', 'software-development', 'system-maintenance', 'customer-service', 'network'];
const ROUNDS = 15;

async function main(): Promise<void> {
  const t = await startTestApp({ services: [intakeService], modules: [IntakeModule], env: { EVENT_STORE: 'sqlite' } });
  try {
    fill(t.app.get(ReadModels));
    const as = {
      agent: await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] }),
      member: await t.headersFor({ userId: 'tech-li', roles: ['department-member'], departments: ['tech-support'] }),
      customer: await t.headersFor({ userId: 'portal-7', roles: ['customer'], customerId: 'c-7' }),
    };
    const cases: Array<[string, keyof typeof as, string]> = [
      ["agent's first page (baseline)", 'agent', ''],
      ["agent's open demands", 'agent', '&status=assigned'],
      ["department member's first page", 'member', ''],
      ["department member's open demands", 'member', '&status=assigned'],
      ['department member, a reference', 'member', '&q=SR-2026-000041'],
      ["customer's first page", 'customer', ''],
    ];
    let baseline = 0;
    console.log(`| case, ${demands.toLocaleString('en-US')} demands | median | slowest | of the baseline |\n|---|---|---|---|`);
    for (const [name, who, query] of cases) {
      const url = `/intake/demands?pageSize=50${query}`;
      const times: number[] = [];
      for (let round = 0; round <= ROUNDS; round++) {
        const started = performance.now();
        const response = await t.app.inject({ method: 'GET', url, headers: as[who] });
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
        if (round > 0) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(ROUNDS / 2)];
      baseline ||= median;
      console.log(`| ${name} | ${median.toFixed(1)} ms | ${times[ROUNDS - 1].toFixed(1)} ms | ${((median / baseline) * 100).toFixed(0)} % |`);
    }
  } finally {
    await t.close();
  }
}

/** The year's demands written straight into the read model, each linked to its department as assignment links it. */
function fill(readModels: ReadModels): void {
  const demandRows = readModels.repository(DEMANDS_PROJECTION, 'demand');
  const departmentRows = readModels.repository(DEMANDS_PROJECTION, 'department');
  const db = (demandRows.manager.connection.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
  const columns = demandRows.metadata.columns.map((c) => c.databaseName);
  const insert = db.prepare(`INSERT INTO "${demandRows.metadata.tableName}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES (${columns.map(() => '?').join(',')})`);
  const link = db.prepare(`INSERT INTO "${departmentRows.metadata.tableName}" (demand_id, department_id, assigned, coordinating, involved) VALUES (?, ?, 1, 0, 0)`);
  db.transaction(() => {
    for (let i = 0; i < demands; i++) {
      const demandId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const at = new Date(Date.UTC(2026, 0, 1) + i * 10 * 60_000).toISOString();
      const departmentId = DEPARTMENTS[i % DEPARTMENTS.length];
      const row: Record<string, unknown> = {
        demand_id: demandId, reference: `SR-2026-${String(i + 1).padStart(6, '0')}`, customer_id: `c-${i % 500}`, channel: 'phone', kind: 'enquiry',
        subject: `打印機無法連線 #${i % 997}`, description: '網絡打印機無法連線。', business_category: 'technical-support', impact: 2, urgency: 2,
        priority: 'P3', status: i % 3 === 0 ? 'assigned' : 'resolved', department_id: departmentId, contact_name: '王小明',
        contact_phone: '+86 138 0013 8000', sender_not_verified: 0, received_at: at, registered_at: at, updated_at: at,
      };
      insert.run(...columns.map((c) => (c in row ? row[c] : null)));
      link.run(demandId, departmentId);
    }
  })();
  db.exec('ANALYZE');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
