// 8. Relay throughput to Kafka: N events sit in an event store (PostgreSQL when it answers, else SQLite); a Relay
//    with its checkpoint in the read-model database of the same kind maps each to a contract message and publishes
//    it through KafkaBus (CloudEvents binary mode, idempotent producer, acks -1), from checkpoint zero until its
//    checkpoint reaches the head. Against a bare kafkajs producer (idempotent, acks -1, one request in flight, the
//    Java partitioner) sending the same records (same keys, ce_* headers and values) to the same topic, in the same
//    batches of 200 (the relay's batch size), each awaited, with the records made outside the timing.
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { Kafka, Message, Partitioners, logLevel } from 'kafkajs';
import { EventEnvelope, EventStore, defineContract } from '@serviceledger/platform/core';
import { KafkaBus, toKafkaMessage } from '@serviceledger/platform/kafka';
import { IntegrationMessage, Relay } from '@serviceledger/platform/messaging';
import { PostgresEventStore } from '@serviceledger/platform/postgres';
import { CheckpointTable, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { SqliteEventStore } from '@serviceledger/platform/sqlite';
import { BenchOptions, BenchResult, benchEvent, benchStream, median, now, skippedResult, withTempDir } from './harness';
import { postgresUnreachable, withScratchSchemas } from './pg-events';

/** The relay's default batch size (RelayOptions.batchSize), used by the baseline too. */
const BATCH = 200;
const PARTITIONS = 3;

const brokers = (): string[] =>
  (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);

/** Undefined when the first broker accepts a TCP connection within 2 s; otherwise why not. */
function kafkaUnreachable(broker: string): Promise<string | undefined> {
  const [host, port] = [broker.slice(0, broker.lastIndexOf(':')), Number(broker.slice(broker.lastIndexOf(':') + 1))];
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (reason?: string) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(2000, () => done(`Kafka unreachable at ${broker} (timed out); start one with bash scripts/kafka/start.sh`));
    socket.once('error', (error) => done(`Kafka unreachable at ${broker} (${error.message}); start one with bash scripts/kafka/start.sh`));
    socket.connect(port, host, () => done());
  });
}

/** The contract of the bench's events: the relay checks every message against it, as in production. */
const NOTE_WRITTEN = defineContract({
  service: 'bench',
  event: 'NoteWritten',
  version: 1,
  topic: 'sl-bench',
  description: 'A benchmark note was written.',
  schema: { type: 'object', additionalProperties: false, required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: 'string' } } },
});

function mapper(topic: string) {
  return (event: EventEnvelope): IntegrationMessage => ({
    id: event.id,
    source: '/serviceledger/bench',
    type: NOTE_WRITTEN.type,
    subject: event.stream,
    time: event.occurredAt,
    topic,
    key: event.stream,
    data: event.data,
    extensions: { correlationid: event.metadata.correlationId, causationid: event.metadata.causationId },
  });
}

interface Source {
  kind: string;
  store: EventStore;
  db: ReadModelDatabase;
}

/** An event store and a read-model database of the same kind: PostgreSQL when it answers, else SQLite files. */
async function withSource<T>(work: (source: Source) => Promise<T>): Promise<T> {
  if (!(await postgresUnreachable())) {
    return withScratchSchemas(async (scratch) => {
      const s = scratch();
      const store = await PostgresEventStore.open({ connectionString: s.url, schema: s.schema });
      try {
        const db = await ReadModelDatabase.open({ type: 'postgres', url: s.url, schema: s.schema, schemaChanges: 'migrate' }, [CheckpointTable]);
        try {
          return await work({ kind: 'PostgreSQL store', store, db });
        } finally {
          await db.close();
        }
      } finally {
        await store.close();
      }
    });
  }
  return withTempDir('relay', async (dir) => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    try {
      const db = await ReadModelDatabase.open({ type: 'sqlite', filename: join(dir, 'read.db') }, [CheckpointTable]);
      try {
        return await work({ kind: 'SQLite store (PostgreSQL unreachable)', store, db });
      } finally {
        await db.close();
      }
    } finally {
      await store.close();
    }
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function measureRelayToKafka(options: BenchOptions): Promise<BenchResult[]> {
  const count = options.quick ? 2_000 : 10_000;
  const metric = `relay ${count / 1000}k events to Kafka`;
  const broker = brokers();
  const unreachable = await kafkaUnreachable(broker[0] ?? '');
  if (unreachable) return [skippedResult(metric, unreachable)];
  const run = `${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
  const topic = `sl-bench.${run}.relay.v1`;
  return withSource(async ({ kind, store, db }) => {
    const bus = await KafkaBus.start({ brokers: broker, clientId: 'sl-bench-relay', topics: [topic], partitions: PARTITIONS, logLevel: logLevel.NOTHING });
    const kafka = new Kafka({ brokers: broker, clientId: 'sl-bench-bare', logLevel: logLevel.NOTHING });
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    try {
      await producer.connect();
      for (let written = 0; written < count; written += 100) {
        await store.appendToStream(benchStream(), Array.from({ length: 100 }, () => benchEvent()), { expectedVersion: 'no_stream' });
      }
      const head = await store.headCheckpoint();
      // The baseline's records: the same events, mapped and encoded the same way, in the relay's batches.
      const map = mapper(topic);
      const batches: Message[][] = [];
      for (let after: string | undefined; ; ) {
        const page = await store.readAll({ after, batchSize: BATCH });
        if (page.events.length) batches.push(page.events.map((e) => toKafkaMessage(map(e))));
        after = page.checkpoint;
        if (page.isEnd) break;
      }
      if (batches.flat().length !== count) throw new Error(`bench: read ${batches.flat().length} events, expected ${count}`);
      options.log(`  relay: ${count} events in a ${kind}, topic ${topic} (${PARTITIONS} partitions)`);

      let relays = 0;
      const relayRate = async (): Promise<number> => {
        const relay = new Relay(store, db, bus, { name: `sl-bench.${run}.${relays++}`, map, contracts: [NOTE_WRITTEN], batchSize: BATCH, retryDelayMs: 100 });
        const start = now();
        await relay.start();
        try {
          while (relay.checkpoint !== head) {
            if (relay.failure) throw relay.failure;
            if (now() - start > 120_000) throw new Error('bench: the relay did not reach the head');
            await sleep(1);
          }
          return (count * 1000) / (now() - start);
        } finally {
          await relay.stop();
        }
      };
      const bareRate = async (): Promise<number> => {
        const start = now();
        for (const messages of batches) await producer.send({ topic, acks: -1, messages });
        return (count * 1000) / (now() - start);
      };

      await relayRate(); // warm-up
      await bareRate();
      const ours: number[] = [];
      const baseline: number[] = [];
      const rounds = options.quick ? 1 : 3;
      for (let round = 0; round < rounds; round++) {
        const sides = [async () => ours.push(await relayRate()), async () => baseline.push(await bareRate())];
        if (round % 2) sides.reverse();
        for (const side of sides) await side();
      }
      return [
        {
          metric,
          unit: 'events/s',
          ours: median(ours),
          baseline: median(baseline),
          baselineLabel:
            `bare kafkajs producer (idempotent, acks -1, one request in flight) sending the same records in batches of ${BATCH}, ` +
            `made outside the timing (ours: Relay from a ${kind} through KafkaBus, checkpoint saved per batch)`,
        },
      ] satisfies BenchResult[];
    } finally {
      await producer.disconnect().catch(() => undefined);
      await bus
        .adminClient()
        .then((admin) => admin.deleteTopics({ topics: [topic] }))
        .catch((error: unknown) => options.log(`  relay: could not delete topic ${topic}: ${(error as Error).message}`));
      await bus.close();
    }
  });
}
