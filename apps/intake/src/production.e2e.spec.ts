import { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { CE, DLQ, headerStrings } from '@serviceledger/platform/kafka';
import { pgTestUrl, postgresServiceEnv, scratchSchema } from '@serviceledger/platform/postgres';
import { describeWithKafka, freePort } from '@serviceledger/platform/testing';
import { DEMAND_RELEASED_TO_DELIVERY_V1, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { OtlpReceiver, ReceivedSpan, SPAN_KIND } from './testing/otlp-receiver';
import { exited, node, nodeSync, until } from './testing/processes';

const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

describeWithKafka('production topology: intake, a consumer, service delivery and quality monitoring as separate processes over PostgreSQL and Kafka', () => {
  const store = scratchSchema('sl_e2e_events');
  const readModels = scratchSchema('sl_e2e_intake');
  const consumerModels = scratchSchema('sl_e2e_consumer');
  const children: ChildProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  let dataDir: string;
  let pool: Pool;
  // Every process exports its spans here, as to an OpenTelemetry collector (OTLP/HTTP, JSON).
  const receiver = new OtlpReceiver();
  let tracing: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-e2e-'));
    pool = new Pool({ connectionString: pgTestUrl(), max: 2 });
    tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: await receiver.start(), OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '200' };
  });
  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await pool.end();
    await receiver.stop();
    await Promise.all([store.drop(), readModels.drop(), consumerModels.drop(), ...cleanups.map((c) => c())]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  let base: string;
  let headers: Record<string, string>;
  let customerId: string;

  beforeAll(async () => {
    const intakeEnv = {
      ...postgresServiceEnv(store, readModels),
      MESSAGE_BUS: 'kafka',
      KAFKA_BROKERS: brokers,
      DATA_DIR: dataDir,
      ...tracing,
    };
    // The release's migration Job, then the service, which verifies the schemas on start.
    const migration = nodeSync('apps/intake/src/migrate.ts', intakeEnv);
    expect(migration.status).toBe(0);
    expect(migration.stdout).toContain('event store migrations applied');

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const intake = node('apps/intake/src/main.ts', [], { ...intakeEnv, PORT: String(port), HOST: '127.0.0.1' });
    children.push(intake);
    await until(() => fetch(`${base}/health/ready`).then((r) => r.status), (s) => s === 200, 60000, 'intake ready');

    const token = await issueLocalToken(await loadOrCreateLocalKey(dataDir), { userId: 'alice', roles: ['agent'], departments: ['customer-service'] });
    headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const customer = (await (
      await fetch(`${base}/intake/customers`, { method: 'POST', headers, body: JSON.stringify({ organisation: '深圳某某科技', contactPerson: '王小明', email: 'wang@example.com', tier: 'gold' }) })
    ).json()) as { id: string };
    customerId = customer.id;
  }, 120000);

  /**
   * Another service as its own process, as Kubernetes runs it: its migration Job, then its Deployment, on its own
   * schemas; once per suite, since a second process would join the first one's consumer groups.
   */
  const started = new Map<string, Promise<string>>();
  /** What each service's process wrote on stdout: with LOG_FORMAT=json, one JSON object a line. */
  const stdout = new Map<string, string[]>();
  const jsonObject = (line: string) => {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const logLines = (name: string): Array<Record<string, unknown>> =>
    (stdout.get(name) ?? []).flatMap((line) => {
      const object = jsonObject(line);
      return object ? [object] : [];
    });
  function startService(name: 'service-delivery' | 'quality-monitoring'): Promise<string> {
    if (!started.has(name)) started.set(name, startProcess(name));
    return started.get(name)!;
  }

  async function startProcess(name: 'service-delivery' | 'quality-monitoring'): Promise<string> {
    const prefix = `sl_e2e_${name.replace('-', '_')}`;
    const [events, models] = [scratchSchema(`${prefix}_events`), scratchSchema(prefix)];
    cleanups.push(() => events.drop(), () => models.drop());
    const env = {
      ...postgresServiceEnv(events, models),
      MESSAGE_BUS: 'kafka',
      KAFKA_BROKERS: brokers,
      KAFKA_CLIENT_ID: name,
      DATA_DIR: dataDir,
      LOG_FORMAT: 'json',
      ...tracing,
    };
    const migration = nodeSync(`apps/${name}/src/migrate.ts`, env);
    expect(migration.status).toBe(0);
    const port = await freePort();
    const child = node(`apps/${name}/src/main.ts`, [], { ...env, PORT: String(port), HOST: '127.0.0.1' }, 'pipe');
    children.push(child);
    const lines: string[] = [];
    stdout.set(name, lines);
    createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
    const base = `http://127.0.0.1:${port}`;
    await until(() => fetch(`${base}/health/ready`).then((r) => r.status), (s) => s === 200, 60000, `${name} ready`);
    return base;
  }

  const post = async (url: string, body: object = {}) => {
    const response = await fetch(`${base}${url}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { id: string };
  };

  it('a demand registered on the intake process is consumed by another; a consumer killed mid-stream loses and repeats nothing', async () => {
    const group = `e2e-${randomUUID()}`;
    const consumerEnv = { PG_URL: pgTestUrl(), KAFKA_BROKERS: brokers, CONSUMER_GROUP: group, HANDLE_DELAY_MS: '150' };
    const first = node('apps/intake/src/testing/demand-consumer.ts', [consumerModels.schema], consumerEnv);
    children.push(first);

    const registered: string[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${base}/intake/demands`, {
        method: 'POST',
        headers,
        body: JSON.stringify(phoneEnquiry(customerId, { subject: `第${i}號需求`, description: '測試', impact: 3, urgency: 3 })),
      });
      const body = (await response.json()) as { id: string };
      expect({ status: response.status, body }).toMatchObject({ status: 201, body: { id: expect.any(String) } });
      registered.push(body.id);
    }

    const seen = async () =>
      (await pool.query<{ demand_id: string }>(`SELECT demand_id FROM "${consumerModels.schema}".e2e_seen_demand`)).rows.map((r) => r.demand_id);
    const ours = (all: string[]) => all.filter((id) => registered.includes(id));
    await until(seen, (all) => ours(all).length >= 3, 60000, 'first consumer made progress');
    first.kill('SIGKILL');
    await exited(first);
    expect(ours(await seen()).length).toBeLessThan(registered.length);

    const second = node('apps/intake/src/testing/demand-consumer.ts', [consumerModels.schema], { ...consumerEnv, HANDLE_DELAY_MS: '0' });
    children.push(second);
    const all = await until(seen, (ids) => ours(ids).length >= registered.length, 90000, 'every demand consumed');
    expect(ours(all).sort()).toEqual([...registered].sort());
    expect(new Set(all).size).toBe(all.length);
  }, 120000);

  /** The records of a topic with these CloudEvents ids, read from the beginning by a throwaway group. */
  async function recordsWithIds(topic: string, ids: string[]): Promise<Map<string, Record<string, string>>> {
    const found = new Map<string, Record<string, string>>();
    const consumer = new Kafka({ brokers: [brokers], clientId: 'e2e-reader', logLevel: logLevel.NOTHING }).consumer({ groupId: `e2e-reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const headers = headerStrings(message.headers);
          if (ids.includes(headers[CE.id])) found.set(headers[CE.id], headers);
        },
      });
      await until(async () => found.size, (n) => n === ids.length, 30000, `${ids.length} records on ${topic}`);
    } finally {
      await consumer.disconnect();
    }
    return found;
  }

  it('hands a released demand over to the service-delivery process, which opens its case; what another client writes against the contract harms no process', async () => {
    const delivery = await startService('service-delivery');
    const { id: demandId } = await post('/intake/demands', phoneEnquiry(customerId));
    await post(`/intake/demands/${demandId}/triage`);
    await post(`/intake/demands/${demandId}/assignment`);

    // Before the real release, a client nobody here wrote puts on intake's topic, under the demand's key: a
    // release without the reference, customer and department its contract requires, a type no contract
    // defines, and a value that is not JSON.
    const [malformed, unknown, notJson] = [randomUUID(), randomUUID(), randomUUID()];
    const unknownType = 'serviceledger.intake.demand.teleported.v1';
    // It traces its records, and correlates them, as the CloudEvents extensions let it.
    const outsideTrace = randomBytes(16).toString('hex');
    const cloudEvent = (id: string, type: string) => ({
      [CE.specversion]: '1.0', [CE.id]: id, [CE.source]: '/elsewhere', [CE.type]: type, [CE.subject]: demandId,
      [CE.time]: new Date().toISOString(), [CE.contentType]: 'application/json',
      [CE.correlationid]: `outside-${id}`, [CE.traceparent]: `00-${outsideTrace}-${randomBytes(8).toString('hex')}-01`,
    });
    const producer = new Kafka({ brokers: [brokers], clientId: 'outside-client', logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({
      topic: INTAKE_DEMAND_TOPIC,
      acks: -1,
      messages: [
        { key: demandId, value: JSON.stringify({ demandId, ownerId: 'wang', complexity: 'routine', occurredAt: new Date().toISOString() }), headers: cloudEvent(malformed, DEMAND_RELEASED_TO_DELIVERY_V1.type) },
        { key: demandId, value: JSON.stringify({ demandId }), headers: cloudEvent(unknown, unknownType) },
        { key: demandId, value: '{"demandId": ', headers: cloudEvent(notJson, DEMAND_RELEASED_TO_DELIVERY_V1.type) },
      ],
    });
    await producer.disconnect();
    await post(`/intake/demands/${demandId}/release-to-delivery`);

    const cases = await until(
      async () => ((await (await fetch(`${delivery}/service-delivery/cases?customer=${customerId}`, { headers })).json()) as { items: Array<{ demandId: string; status: string; reference: string }> }).items,
      (items) => items.some((c) => c.demandId === demandId),
      60000,
      'case opened in service-delivery',
    );
    expect(cases.find((c) => c.demandId === demandId)).toMatchObject({ status: 'planning', reference: expect.stringMatching(/^SR-\d{4}-\d{6}$/) });

    const letters = await recordsWithIds('service-delivery.intake-hand-off.dlq', [malformed, notJson]);
    expect(letters.get(malformed)?.[DLQ.error]).toBe(
      `ContractViolation: ${DEMAND_RELEASED_TO_DELIVERY_V1.type}: data must have required property 'reference', ` +
        `data must have required property 'customerId', data must have required property 'departmentId'`,
    );
    expect(letters.get(notJson)?.[DLQ.error]).toMatch(/^UndecodableMessageError: value is not JSON/);
    const metrics = await (await fetch(`${delivery}/metrics`)).text();
    const counted = (name: string, labels: string) => new RegExp(`^${name}\\{consumer="service-delivery.intake-hand-off",${labels}\\} [1-9]`, 'm');
    expect(metrics).toMatch(counted('serviceledger_messages_unknown_type_total', `type="${unknownType}"`));
    expect(metrics).toMatch(counted('serviceledger_messages_dead_lettered_total', 'reason="contract-violation"'));
    expect(metrics).toMatch(counted('serviceledger_messages_dead_lettered_total', 'reason="undecodable"'));
    for (const service of [base, delivery]) expect((await fetch(`${service}/health/ready`)).status).toBe(200);

    // The worker's log line for the letter is one JSON object naming the record's trace and correlation, and the
    // trace holds the span in which service delivery processed it.
    const line = await until(
      async () => logLines('service-delivery').find((l) => String(l.message).includes(malformed)),
      (found) => found !== undefined,
      30000,
      'the log line of the dead letter',
    );
    expect(line).toEqual({
      time: expect.any(String),
      level: 'error',
      service: 'service-delivery',
      context: 'Platform',
      message: expect.stringMatching(new RegExp(`^Consumer service-delivery.intake-hand-off set aside ${DEMAND_RELEASED_TO_DELIVERY_V1.type} ${malformed} from ${INTAKE_DEMAND_TOPIC}: ContractViolation`)),
      trace_id: outsideTrace,
      span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      correlation_id: `outside-${malformed}`,
    });
    const processed = await until(
      async () => receiver.trace(outsideTrace).filter((s) => s.attributes['messaging.message.id'] === malformed),
      (spans) => spans.length > 0,
      30000,
      'the span of the dead letter',
    );
    expect(processed.map((s) => [s.service, s.kind, s.name, s.spanId, s.attributes['serviceledger.outcome']])).toEqual([
      ['service-delivery', SPAN_KIND.consumer, `process ${INTAKE_DEMAND_TOPIC}`, line!.span_id, 'dead-lettered'],
    ]);
  }, 120000);

  it('quality monitoring, as its own process on PostgreSQL, measures the demand and recomputes the month from its signals', async () => {
    const quality = await startService('quality-monitoring');
    const { id: demandId } = await post('/intake/demands', phoneEnquiry(customerId, { subject: '郵件伺服器無回應', description: '全公司收不到郵件' }));
    await post(`/intake/demands/${demandId}/triage`);
    await post(`/intake/demands/${demandId}/assignment`);
    await post(`/intake/demands/${demandId}/replies`, { channel: 'phone', body: '已收到，工程師處理中。' });

    const monitor = { authorization: `Bearer ${await issueLocalToken(await loadOrCreateLocalKey(dataDir), { userId: 'qm-zhao', roles: ['quality-monitor'], departments: [] })}` };
    const get = async <T>(url: string): Promise<T> => (await (await fetch(`${quality}${url}`, { headers: monitor })).json()) as T;
    type Clock = { metric: string; status: string; departmentId: string | null };
    const clocks = await until(
      () => get<{ items: Clock[] }>(`/quality-monitoring/clocks?demand=${demandId}`).then((r) => r.items),
      (items) => items.some((c) => c.metric === 'first-response' && c.status === 'stopped'),
      60000,
      'first-response clock stopped by the reply',
    );
    // The seeded timely-recording target is customer service's, which registered the demand (二(一)2).
    expect(clocks.map((c) => [c.metric, c.departmentId]).sort()).toEqual([
      ['first-response', 'tech-support'],
      ['recording-delay', 'customer-service'],
      ['resolution', 'tech-support'],
      ['time-to-own', 'tech-support'],
    ]);

    // The month as it stands, and replayed from the kept signals under the policies as they are now: the same.
    // Periods are months in Asia/Shanghai.
    const period = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    type Card = { departmentId: string; indicators: Record<string, number | null> };
    const live = await until(
      () => get<{ scorecards: Card[] }>(`/quality-monitoring/periods/${period}/scorecards`),
      (set) => set.scorecards?.some((c) => c.departmentId === 'tech-support'),
      60000,
      'a live scorecard',
    );
    const recomputed = await get<{ recomputed: { scorecards: Card[] }; refusedSignals: unknown[] }>(`/quality-monitoring/periods/${period}/recomputation?policies=current`);
    expect(recomputed.refusedSignals).toEqual([]);
    const ofTech = (cards: Card[]) => cards.find((c) => c.departmentId === 'tech-support')?.indicators;
    expect(ofTech(recomputed.recomputed.scorecards)).toEqual(ofTech(live.scorecards));
  }, 120000);

  it('follows one demand in one trace, parent by parent: intake\'s requests, commands and appends, its relay, Kafka, and the consumers, commands and projections of service delivery and quality monitoring', async () => {
    const delivery = await startService('service-delivery');
    await startService('quality-monitoring');
    // The caller's own span is the root: every request of this demand carries it.
    const [traceId, rootSpanId] = [randomBytes(16).toString('hex'), randomBytes(8).toString('hex')];
    const traced = { ...headers, traceparent: `00-${traceId}-${rootSpanId}-01` };
    const send = async (url: string, body: object = {}) => {
      const response = await fetch(`${base}${url}`, { method: 'POST', headers: traced, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: string };
    };
    const { id: demandId } = await send('/intake/demands', phoneEnquiry(customerId, { subject: '追蹤一個需求', description: '跨服務追蹤' }));
    await send(`/intake/demands/${demandId}/triage`);
    await send(`/intake/demands/${demandId}/assignment`);
    await send(`/intake/demands/${demandId}/release-to-delivery`);
    await until(
      async () => ((await (await fetch(`${delivery}/service-delivery/cases?customer=${customerId}`, { headers })).json()) as { items: Array<{ demandId: string }> }).items,
      (items) => items.some((c) => c.demandId === demandId),
      60000,
      'case opened in service-delivery',
    );

    const byId = (spans: ReceivedSpan[]) => new Map(spans.map((s) => [s.spanId, s]));
    const isCommand = (s: ReceivedSpan) => s.kind === SPAN_KIND.internal && s.name.startsWith('command ');
    /** A span and its parents up to the caller's root span; undefined when a parent is missing. */
    const chain = (span: ReceivedSpan, spans: Map<string, ReceivedSpan>): ReceivedSpan[] | undefined => {
      const path = [span];
      for (let at = span; at.parentSpanId !== rootSpanId; path.push(at)) {
        const parent = at.parentSpanId ? spans.get(at.parentSpanId) : undefined;
        if (!parent) return undefined;
        at = parent;
      }
      return path;
    };
    const childrenOf = (parent: ReceivedSpan, spans: ReceivedSpan[]) => spans.filter((s) => s.parentSpanId === parent.spanId);
    /** Service delivery's command that opened the case: caused, through Kafka, by intake's release. */
    const openingIn = (spans: ReceivedSpan[]) => {
      const ids = byId(spans);
      return spans.find((s) => s.service === 'service-delivery' && isCommand(s) && chain(s, ids)?.some((p) => /^command \S+ ReleaseToDelivery$/.test(p.name)));
    };
    const complete = (spans: ReceivedSpan[]) => {
      const ids = byId(spans);
      const opening = openingIn(spans);
      return (
        spans.every((s) => chain(s, ids)) &&
        opening !== undefined &&
        childrenOf(opening, spans).some((s) => s.name.startsWith('project ')) &&
        spans.some((s) => s.service === 'quality-monitoring' && isCommand(s))
      );
    };
    const spans = await until(async () => receiver.trace(traceId), complete, 60000, 'the demand\'s trace, every parent received');
    const ids = byId(spans);
    const step = (s: ReceivedSpan) => [s.service, s.kind, s.name];
    expect([...new Set(spans.map((s) => s.service))].sort()).toEqual(['intake', 'quality-monitoring', 'service-delivery']);

    // The caller's four requests are the roots of everything the demand caused.
    expect(spans.filter((s) => s.parentSpanId === rootSpanId).map(step).sort()).toEqual(
      [
        ['intake', SPAN_KIND.server, 'POST /intake/demands'],
        ['intake', SPAN_KIND.server, 'POST /intake/demands/:demandId/assignment'],
        ['intake', SPAN_KIND.server, 'POST /intake/demands/:demandId/release-to-delivery'],
        ['intake', SPAN_KIND.server, 'POST /intake/demands/:demandId/triage'],
      ].sort(),
    );
    // Service delivery opens the case in a command caused by the message intake's relay sent for the release.
    const opening = openingIn(spans)!;
    expect(chain(opening, ids)!.map(step)).toEqual([
      ['service-delivery', SPAN_KIND.internal, opening.name],
      ['service-delivery', SPAN_KIND.consumer, `process ${INTAKE_DEMAND_TOPIC}`],
      ['intake', SPAN_KIND.producer, `send ${INTAKE_DEMAND_TOPIC}`],
      ['intake', SPAN_KIND.internal, expect.stringMatching(/^command \S+ ReleaseToDelivery$/)],
      ['intake', SPAN_KIND.server, 'POST /intake/demands/:demandId/release-to-delivery'],
    ]);
    // The command's append, and the projection that applied its event, are its children.
    expect(childrenOf(opening, spans).map(step)).toEqual(
      expect.arrayContaining([['service-delivery', SPAN_KIND.client, 'event store append'], ['service-delivery', SPAN_KIND.internal, expect.stringMatching(/^project /)]]),
    );
    // Quality monitoring's clocks are driven the same way, from intake's messages.
    const clockCommand = spans.find((s) => s.service === 'quality-monitoring' && isCommand(s))!;
    expect(chain(clockCommand, ids)!.map(step).slice(1, 3)).toEqual([
      ['quality-monitoring', SPAN_KIND.consumer, `process ${INTAKE_DEMAND_TOPIC}`],
      ['intake', SPAN_KIND.producer, `send ${INTAKE_DEMAND_TOPIC}`],
    ]);
    // On Kafka the record carries the producer span in the CloudEvents distributed-tracing extension.
    const sent = chain(opening, ids)![2];
    const records = await recordsWithIds(INTAKE_DEMAND_TOPIC, [String(sent.attributes['messaging.message.id'])]);
    expect(records.get(String(sent.attributes['messaging.message.id']))?.[CE.traceparent]).toBe(`00-${traceId}-${sent.spanId}-01`);
    // With LOG_FORMAT=json, whatever the services wrote on stdout is one JSON object a line.
    for (const [name, lines] of stdout) expect({ name, notJson: lines.filter((line) => !jsonObject(line)) }).toEqual({ name, notJson: [] });
  }, 120000);
});
