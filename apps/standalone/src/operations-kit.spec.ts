import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

const kit = join(__dirname, '../../../deploy/observability');

/** The metric names a PromQL expression reads: ours, the HTTP ones and Node's (prom-client's default metrics). */
function metricsNamedIn(expr: string): string[] {
  return [...expr.matchAll(/\b(?:serviceledger|http_server|process|nodejs)_[a-z0-9_]+/g)].map((m) => m[0]);
}

/** Every series name the registry answers: a histogram's are its _bucket, _sum and _count. */
function exportedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram' || type === 'summary') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

describe('the operations kit in deploy/observability', () => {
  let t: TestApp;
  let exported: Set<string>;
  beforeAll(async () => {
    // Every service, every role: the registry as the services' processes expose it at /metrics.
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES });
    exported = exportedNames((await t.app.inject({ method: 'GET', url: '/metrics' })).body);
  });
  afterAll(() => t.close());

  it('alerts only on metrics the services export: stalled projections and relays, dead letters, the scheduler, the SLA breach rate', () => {
    const rules = (parse(readFileSync(join(kit, 'prometheus-rules.yaml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }).groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining(['ServiceLedgerProjectionStalled', 'ServiceLedgerRelayStalled', 'ServiceLedgerDeadLettersGrowing', 'ServiceLedgerSlaBreachRate']),
    );
    const named = rules.map((r) => ({ alert: r.alert, metrics: metricsNamedIn(r.expr) }));
    expect(named.filter((r) => r.metrics.length === 0)).toEqual([]);
    expect(named.map((r) => ({ alert: r.alert, unknown: r.metrics.filter((m) => !exported.has(m)) })).filter((r) => r.unknown.length)).toEqual([]);
  });

  it('charts only metrics the services export, and every one a lag, dead-letter, scheduler or HTTP alert rests on', () => {
    const dashboard = JSON.parse(readFileSync(join(kit, 'grafana-dashboard.json'), 'utf8')) as { panels: Array<{ title: string; targets?: Array<{ expr: string }> }> };
    const charted = dashboard.panels.flatMap((p) => (p.targets ?? []).map((target) => ({ panel: p.title, metrics: metricsNamedIn(target.expr) })));
    expect(charted.filter((c) => c.metrics.length === 0)).toEqual([]);
    expect(charted.map((c) => ({ panel: c.panel, unknown: c.metrics.filter((m) => !exported.has(m)) })).filter((c) => c.unknown.length)).toEqual([]);
    expect(new Set(charted.flatMap((c) => c.metrics))).toEqual(
      new Set([
        'http_server_requests_total',
        'http_server_request_duration_seconds_bucket',
        'http_server_requests_in_flight',
        'serviceledger_projection_lag',
        'serviceledger_projection_lag_seconds',
        'serviceledger_projection_failed',
        'serviceledger_relay_lag',
        'serviceledger_relay_lag_seconds',
        'serviceledger_consumer_lag',
        'serviceledger_dead_letters',
        'serviceledger_messages_dead_lettered_total',
        'serviceledger_messages_unknown_type_total',
        'serviceledger_scheduler_backlog',
        'serviceledger_scheduler_oldest_due_seconds',
        'serviceledger_events_appended_total',
      ]),
    );
  });
});
