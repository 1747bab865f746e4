import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { EntitySchema } from 'typeorm';
import { InMemoryEventStore, NewEvent, defineContract, newId } from '@serviceledger/platform/core';
import { DeadLetterTable, InboxConsumer, InboxTable, IntegrationMessage, MessageBus, Relay, eachMessage } from '@serviceledger/platform/messaging';
import { CheckpointTable, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { headerStrings } from './cloud-events';
import { KafkaBus, KafkaBusOptions } from './kafka-bus';
import { DLQ, replayDeadLetterTopic, replayGroupFor } from './kafka-dead-letters';
import { KAFKA_BROKERS, describeWithKafka } from '@serviceledger/platform/testing';

/** Unique per run, so reruns against the same broker never see each other's topics or groups. */
const run = `${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
const topicName = (name: string) => `sl-test.${run}.${name}.v1`;
const groupName = (name: string) => `sl-test.${run}.${name}`;

const Effects = new EntitySchema<{ id: number; messageId: string; key: string; n: number }>({
  name: 'test_kafka_effect',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    messageId: { type: String, name: 'message_id' },
    key: { type: String },
    n: { type: Number },
  },
});

const THING_HAPPENED = defineContract({
  service: 'test',
  event: 'thing-happened',
  version: 1,
  topic: 'sl-test',
  description: 'Something happened to a thing, the n-th time.',
  schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' }, poison: { type: 'boolean' } } },
});
const quiet = { warn: () => undefined, error: () => undefined };

function message(topic: string, key: string, n: number, data: Record<string, unknown> = {}): IntegrationMessage {
  return {
    id: randomUUID(),
    source: '/serviceledger/test',
    type: THING_HAPPENED.type,
    subject: key,
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
    topic,
    key,
    data: { n, ...data },
    extensions: {
      correlationid: `correlation-${n}`,
      causationid: `causation-${n}`,
      ...(n % 2 ? { traceparent: `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01` } : {}),
    },
  };
}

function newEvent(type: string): NewEvent {
  return {
    id: newId(),
    type,
    data: {},
    occurredAt: new Date().toISOString(),
    metadata: { correlationId: 'corr-1', causationId: 'cause-1', actor: { userId: 'kafka-spec', roles: [], departments: [] }, schemaVersion: 1 },
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

describeWithKafka('KafkaBus against a real broker', () => {
  const kafka = new Kafka({ brokers: KAFKA_BROKERS, clientId: 'kafka-bus-spec', logLevel: logLevel.NOTHING });
  let admin: Admin;
  const open: Array<{ close(): Promise<void> }> = [];
  let dir: string;
  let db: ReadModelDatabase;

  const options = (extra: Partial<KafkaBusOptions> = {}): KafkaBusOptions => ({
    brokers: KAFKA_BROKERS,
    clientId: 'kafka-bus-spec',
    logLevel: logLevel.NOTHING,
    ...extra,
  });
  async function bus(extra: Partial<KafkaBusOptions> = {}): Promise<KafkaBus> {
    const b = await KafkaBus.start(options(extra));
    open.push(b);
    return b;
  }

  /** Every record of a topic, read by a throwaway group from the beginning. */
  async function readTopic(topic: string, count: number) {
    const consumer = kafka.consumer({ groupId: `sl-test.${run}.reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
    const records: Array<{ partition: number; offset: string; key?: string; value?: string; headers: Record<string, string> }> = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message: m }) => {
          records.push({ partition, offset: m.offset, key: m.key?.toString(), value: m.value?.toString(), headers: headerStrings(m.headers) });
        },
      });
      await until(() => records.length >= count, `${count} records on ${topic}`);
    } finally {
      await consumer.disconnect();
    }
    return records;
  }

  async function endOffset(topic: string): Promise<number> {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  }
  async function committed(group: string, topic: string): Promise<Map<number, number>> {
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return new Map(offsets.partitions.map((p) => [p.partition, Math.max(0, Number(p.offset))]));
  }
  const total = (offsets: Map<number, number>) => [...offsets.values()].reduce((a, b) => a + b, 0);

  /**
   * Commits offset 0 for one partition in the group, as a consumer that crashed between its inbox
   * transaction and its offset commit would have left it. (kafkajs' admin.setOffsets does the same but
   * waits out a 5 s fetch.)
   */
  async function rewind(group: string, topic: string, partition: number) {
    const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
      await joined;
      await consumer.commitOffsets([{ topic, partition, offset: '0' }]);
    } finally {
      await consumer.disconnect();
    }
  }

  const effects = async () => db.manager.getRepository(Effects).find({ order: { id: 'ASC' } });

  function inboxConsumer(on: MessageBus, name: string, topics: string[], handle: (m: IntegrationMessage) => Promise<void> = async () => undefined) {
    return new InboxConsumer(db, on, {
      name,
      topics,
      contracts: [THING_HAPPENED],
      log: quiet,
      attempts: 2,
      backoffMs: 1,
      handle: async (m, manager) => {
        await handle(m);
        await manager.getRepository(Effects).insert({ messageId: m.id, key: m.key, n: (m.data as { n: number }).n });
      },
    });
  }

  /** The bus as a consumer sees it, recording every delivery (redeliveries included). */
  function counting(inner: KafkaBus, deliveries: string[]): MessageBus {
    return {
      publish: (messages) => inner.publish(messages),
      subscribe: (o, handler) =>
        inner.subscribe(o, async (messages) => {
          deliveries.push(...messages.map((m) => m.id));
          await handler(messages);
        }),
      isHealthy: () => inner.isHealthy(),
      close: () => inner.close(),
      deadLetters: () => inner.deadLetters(),
    };
  }

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    // A metadata round trip: whatever listens on the port must be a Kafka broker.
    expect((await admin.describeCluster()).brokers.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await admin?.disconnect();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sl-kafka-'));
    db = await ReadModelDatabase.open({ type: 'sqlite', filename: join(dir, 'read.db') }, [CheckpointTable, InboxTable, DeadLetterTable, Effects]);
  });
  afterEach(async () => {
    for (const b of open.splice(0).reverse()) await b.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes CloudEvents in binary mode, keyed by aggregate, in order per key across partitions', async () => {
    const topic = topicName('headers');
    const b = await bus({ topics: [{ topic, partitions: 4 }] });
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions).toHaveLength(4);

    const keys = Array.from({ length: 8 }, (_, i) => `thing-${i}`);
    const sent = Array.from({ length: 40 }, (_, n) => message(topic, keys[n % keys.length], n));
    await b.publish(sent.slice(0, 25));
    await b.publish(sent.slice(25));
    // publish resolved, so every message is acknowledged and on the log.
    expect(await endOffset(topic)).toBe(40);

    const records = await readTopic(topic, 40);
    const first = records.find((r) => r.headers['ce_id'] === sent[1].id)!;
    expect(first.key).toBe(sent[1].key);
    expect(JSON.parse(first.value!)).toEqual({ n: 1 });
    expect(first.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: sent[1].id,
      ce_source: '/serviceledger/test',
      ce_type: 'serviceledger.test.thing-happened.v1',
      ce_subject: sent[1].key,
      ce_time: '2025-01-01T00:00:01.000Z',
      'content-type': 'application/json',
      ce_correlationid: 'correlation-1',
      ce_causationid: 'causation-1',
      ce_traceparent: `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01`,
    });
    expect(records.find((r) => r.headers['ce_id'] === sent[0].id)!.headers).not.toHaveProperty('ce_traceparent');

    // One partition per key, and each key's messages in the order they were published.
    const partitionsUsed = new Set<number>();
    for (const key of keys) {
      const mine = records.filter((r) => r.key === key);
      const partitions = new Set(mine.map((r) => r.partition));
      expect(partitions.size).toBe(1);
      partitionsUsed.add(mine[0].partition);
      const inOffsetOrder = [...mine].sort((x, y) => Number(x.offset) - Number(y.offset)).map((r) => r.headers['ce_id']);
      expect(inOffsetOrder).toEqual(sent.filter((m) => m.key === key).map((m) => m.id));
    }
    expect(partitionsUsed.size).toBeGreaterThan(1);
  });

  it('delivers each message once to each group, spread over the members of a group', async () => {
    const topic = topicName('groups');
    const a1 = await bus({ topics: [{ topic, partitions: 4 }] });
    const a2 = await bus();
    const other = await bus();
    const got = { a1: [] as string[], a2: [] as string[], other: [] as string[] };
    const group = groupName('shared');
    const s1 = await a1.subscribe({ group, topics: [topic] }, eachMessage(async (m) => void got.a1.push(m.id)));
    const s2 = await a2.subscribe({ group, topics: [topic] }, eachMessage(async (m) => void got.a2.push(m.id)));
    await other.subscribe({ group: groupName('other'), topics: [topic] }, eachMessage(async (m) => void got.other.push(m.id)));
    // Both members hold partitions once the group has settled.
    const held = (s: { assignment: Record<string, number[]> }) => s.assignment[topic]?.length ?? 0;
    await until(() => held(s1) > 0 && held(s2) > 0 && held(s1) + held(s2) === 4, 'both members to hold partitions');

    const sent = Array.from({ length: 30 }, (_, n) => message(topic, `thing-${n % 10}`, n));
    await a1.publish(sent);
    await until(() => got.a1.length + got.a2.length >= 30 && got.other.length >= 30, 'all messages in both groups');
    await until(async () => total(await committed(group, topic)) === 30, 'the shared group to commit every offset');

    const ids = sent.map((m) => m.id).sort();
    expect([...got.a1, ...got.a2].sort()).toEqual(ids);
    expect(got.a1.length).toBeGreaterThan(0);
    expect(got.a2.length).toBeGreaterThan(0);
    expect([...got.other].sort()).toEqual(ids);
  });

  it('does not commit a message whose handler failed: it is delivered again', async () => {
    const topic = topicName('redeliver');
    const group = groupName('redeliver');
    const b = await bus({ topics: [{ topic, partitions: 1 }] });
    const sent = [0, 1, 2].map((n) => message(topic, 'thing', n));
    const deliveries: number[] = [];
    const handled: number[] = [];
    await b.subscribe({ group, topics: [topic] }, eachMessage(async (m) => {
      const n = (m.data as { n: number }).n;
      deliveries.push(n);
      if (n === 1 && deliveries.filter((d) => d === 1).length === 1) throw new Error('transient');
      handled.push(n);
    }));
    await b.publish(sent);
    await until(() => handled.length === 3, 'the three messages to be handled');
    expect(handled).toEqual([0, 1, 2]);
    expect(deliveries).toEqual([0, 1, 1, 2]);
    await until(async () => total(await committed(group, topic)) === 3, 'offsets to be committed');
  });

  it('survives a consumer restart mid-stream: nothing lost, nothing applied twice', async () => {
    const topic = topicName('restart');
    const group = groupName('restart');
    const publisher = await bus({ topics: [{ topic, partitions: 3 }] });
    const sent = Array.from({ length: 40 }, (_, n) => message(topic, `thing-${n % 6}`, n));
    await publisher.publish(sent.slice(0, 30));

    // First process: stopped after it processed some messages (its handler is slow on purpose).
    const deliveries: string[] = [];
    const first = await KafkaBus.start(options());
    const c1 = inboxConsumer(counting(first, deliveries), group, [topic], () => delay(10));
    await c1.start();
    await until(() => deliveries.length >= 8, 'the first consumer to process some messages');
    await c1.stop();
    await first.close();
    const processedByFirst = new Set(deliveries).size;
    expect(processedByFirst).toBeLessThan(30);
    // Stopping committed exactly what was processed.
    const afterStop = await committed(group, topic);
    expect(total(afterStop)).toBe(processedByFirst);
    expect((await effects()).length).toBe(processedByFirst);

    // A crash would have left older commits: rewind a partition to its start, so the next process gets
    // those messages again and the inbox has to absorb them.
    const [rewound] = [...afterStop].find(([, offset]) => offset > 0)!;
    await rewind(group, topic, rewound);
    await publisher.publish(sent.slice(30));

    const second = await bus();
    const c2 = inboxConsumer(counting(second, deliveries), group, [topic]);
    await c2.start();
    await until(async () => total(await committed(group, topic)) === 40, 'the second consumer to commit every offset');
    await c2.stop();

    const rows = await effects();
    expect(rows.map((r) => r.messageId).sort()).toEqual(sent.map((m) => m.id).sort());
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(rows.length);
    expect(deliveries.length).toBeGreaterThan(40); // the rewound partition really was delivered again
    // Each aggregate's effects in publication order.
    for (let k = 0; k < 6; k++) {
      const ns = rows.filter((r) => r.key === `thing-${k}`).map((r) => r.n);
      expect(ns).toEqual([...ns].sort((x, y) => x - y));
    }
  });

  it('dead-letters to <group>.dlq with the error in headers, moves on, and replays from there', async () => {
    const topic = topicName('dlq');
    const group = groupName('dlq');
    const dlqTopic = `${group}.dlq`;
    const b = await bus({ topics: [{ topic, partitions: 2 }] });
    let broken = true;
    const consumer = inboxConsumer(b, group, [topic], async (m) => {
      if ((m.data as { poison?: boolean }).poison && broken) throw new Error('downstream refused');
    });
    expect(consumer.deadLetters).toBe(b.deadLetters());

    const [ok1, poison, ok2] = [message(topic, 'thing', 1), message(topic, 'thing', 2, { poison: true }), message(topic, 'thing', 3)];
    await b.publish([ok1, poison]);
    // A record that is no CloudEvent at all, on the same partition.
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic, acks: -1, messages: [{ key: 'thing', value: 'not json', headers: { origin: 'elsewhere' } }] });
    await raw.disconnect();
    await b.publish([ok2]);
    await consumer.start();

    await until(async () => total(await committed(group, topic)) === 4, 'every offset, the failed ones included, to be committed');
    expect((await effects()).map((e) => e.messageId)).toEqual([ok1.id, ok2.id]);
    expect(consumer.counts.deadLettered).toEqual(new Map([['handler-failed', 1], ['undecodable', 1]]));

    const letters = await readTopic(dlqTopic, 2);
    const letter = letters.find((r) => r.headers['ce_id'] === poison.id)!;
    expect(letter.key).toBe('thing');
    expect(JSON.parse(letter.value!)).toEqual({ n: 2, poison: true });
    expect(letter.headers).toMatchObject({
      [DLQ.error]: 'Error: downstream refused',
      [DLQ.consumer]: group,
      [DLQ.attempts]: '2',
      [DLQ.topic]: topic,
      ce_type: poison.type,
      ce_correlationid: 'correlation-2',
    });
    expect(Date.parse(letter.headers[DLQ.failedAt])).not.toBeNaN();
    const junk = letters.find((r) => r.headers['origin'] === 'elsewhere')!;
    expect(junk.value).toBe('not json');
    expect(junk.headers[DLQ.error]).toMatch(/^UndecodableMessageError: missing header ce_specversion/);
    expect(await consumer.deadLetters.count(group)).toBe(2);

    // Still broken: both fail again and go back on the topic with one more attempt.
    expect(await consumer.replayDeadLetters()).toEqual({ replayed: 0, failed: 2 });
    expect(await endOffset(dlqTopic)).toBe(4);
    expect(await consumer.deadLetters.count(group)).toBe(2);

    // Fixed: the standalone replay (what a CLI runs) re-handles the poison message once.
    broken = false;
    const replayed = await replayDeadLetterTopic({
      brokers: KAFKA_BROKERS,
      dlqTopic,
      group: replayGroupFor(dlqTopic),
      handler: async (m, l) => {
        expect(l.attempts).toBe(3);
        await consumer.processOnce(m);
      },
    });
    expect(replayed).toEqual({ replayed: 1, failed: 1 }); // the undecodable record can never succeed
    expect((await effects()).map((e) => e.messageId)).toEqual([ok1.id, ok2.id, poison.id]);
    expect(await consumer.processOnce(poison)).toBe('duplicate');
    expect(await consumer.deadLetters.count(group)).toBe(1);
    const [again] = (await readTopic(dlqTopic, 5)).filter((r) => r.headers['origin'] === 'elsewhere' && r.headers[DLQ.attempts] === '2');
    expect(again.headers[DLQ.error]).toMatch(/^UndecodableMessageError/);
  });

  it('carries the relay: store → Kafka → inbox consumer, the relay checkpointing after the acknowledgement', async () => {
    const topic = topicName('relay');
    const b = await bus({ topics: [{ topic, partitions: 3 }] });
    const store = new InMemoryEventStore();
    const relay = new Relay(store, db, b, {
      name: `sl-test.${run}.relay`,
      retryDelayMs: 50,
      contracts: [THING_HAPPENED],
      map: (event) => ({
        id: event.id,
        source: '/serviceledger/test',
        type: THING_HAPPENED.type,
        subject: event.stream,
        time: event.occurredAt,
        topic,
        key: event.stream,
        data: { ...(event.data as object), n: event.streamPosition },
        extensions: { correlationid: event.metadata.correlationId, causationid: event.metadata.causationId },
      }),
    });
    const consumer = inboxConsumer(b, groupName('relay-consumer'), [topic]);
    await consumer.start();
    await relay.start();
    const appended: string[] = [];
    let checkpoint = '';
    for (let i = 0; i < 5; i++) {
      const events = [newEvent('Opened'), newEvent('Updated'), newEvent('Closed')];
      ({ checkpoint } = await store.appendToStream(`test.thing-${newId()}`, events));
      appended.push(...events.map((e) => e.id));
    }
    await until(() => relay.checkpoint === checkpoint, 'the relay to checkpoint the last event');
    // The checkpoint moved only after Kafka acknowledged: every event is on the topic by now.
    expect(await endOffset(topic)).toBe(15);
    await until(async () => (await effects()).length === 15, 'the consumer to apply every event');
    expect((await effects()).map((e) => e.messageId).sort()).toEqual([...appended].sort());
    await relay.stop();
    await consumer.stop();
  });

  it('tells a consumer how many records wait for it: all of them before it ran, none once it committed them, one published while it was stopped', async () => {
    const topic = topicName('lag');
    const b = await bus({ topics: [{ topic, partitions: 3 }] });
    await b.publish(Array.from({ length: 7 }, (_, n) => message(topic, `thing-${n % 4}`, n)));
    const consumer = inboxConsumer(b, groupName('lag-consumer'), [topic]);
    expect(await consumer.lag()).toBe(7);
    await consumer.start();
    await until(async () => (await effects()).length === 7, 'the consumer to apply every record');
    await until(async () => (await consumer.lag()) === 0, 'the consumer to commit every record');
    await consumer.stop();
    await b.publish([message(topic, 'thing-0', 7)]);
    expect(await consumer.lag()).toBe(1);
  });

  it('refuses to create topics replicated more than the cluster allows, and sets their min.insync.replicas', async () => {
    const overReplicated = new KafkaBus(options({ topics: [topicName('over-replicated')], replicationFactor: 2 }));
    open.push(overReplicated);
    await expect(overReplicated.start()).rejects.toThrow(
      `Kafka: cannot create topic ${topicName('over-replicated')} with replication factor 2 (KAFKA_REPLICATION_FACTOR) on a cluster of 1 broker(s)`,
    );
    expect(() => new KafkaBus(options({ replicationFactor: 1, minInsyncReplicas: 2 }))).toThrow(/min.insync.replicas 2 exceeds the replication factor 1/);

    const topic = topicName('in-sync');
    await bus({ topics: [topic], minInsyncReplicas: 1 });
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: ['min.insync.replicas'] }] });
    expect(resources[0].configEntries).toMatchObject([{ configName: 'min.insync.replicas', configValue: '1', isDefault: false }]);
  });

  it('creates a topic declared twice once: services run together declare it, the one that publishes it and one that consumes it', async () => {
    const topic = topicName('declared-twice');
    await bus({ topics: [topic, topic] });
    expect(await admin.listTopics()).toContain(topic);
  });

  it('reports health from the broker', async () => {
    const b = await bus();
    expect(await b.isHealthy()).toBe(true);
    const nowhere = new KafkaBus(options({ brokers: ['127.0.0.1:1'], healthTimeoutMs: 500, client: { connectionTimeout: 200, retry: { retries: 0 } } }));
    const started = Date.now();
    expect(await nowhere.isHealthy()).toBe(false);
    expect(Date.now() - started).toBeLessThan(4000); // the 500 ms health timeout holds; a loaded machine adds to it, a hang far more
    // Without a broker, publish rejects (the relay then retries from its checkpoint) instead of hanging.
    await expect(nowhere.publish([message(topicName('nowhere'), 'thing', 0)])).rejects.toThrow();
    await nowhere.close();
  });
});
