import { Admin, Consumer, IHeaders, Kafka, KafkaConfig, LogEntry, Message, Partitioners, Producer, logLevel } from 'kafkajs';
import {
  BusSubscribeOptions,
  BusSubscription,
  DeadLetterSink,
  IntegrationMessage,
  MessageBus,
  MessageHandler,
  describeError,
} from '@serviceledger/platform/messaging';
import { UndecodableMessageError, fromKafkaMessage, toKafkaMessage } from './cloud-events';
import { waitForTopicLeaders } from './topic-leaders';
import { KafkaDeadLetterSink, deadLetterTopicFor } from './kafka-dead-letters';

export interface KafkaTopicSpec {
  topic: string;
  /** Default: `KafkaBusOptions.partitions`. */
  partitions?: number;
  /** Default: `KafkaBusOptions.replicationFactor`. */
  replicationFactor?: number;
}

export interface KafkaBusOptions {
  /** `host:port` of one or more brokers, e.g. `['127.0.0.1:9092']`. */
  brokers: string[];
  clientId?: string;
  /** Topics created on start-up when missing (existing topics are left as they are). */
  topics?: Array<string | KafkaTopicSpec>;
  /** Partitions of a topic the bus creates (default 3). */
  partitions?: number;
  /** Replication factor of a topic the bus creates (default 1, for a local single broker; 3 in production). */
  replicationFactor?: number;
  /**
   * `min.insync.replicas` of a topic the bus creates (default: the broker's): with `acks: -1`, a write is
   * acknowledged once this many replicas have it. At most the replication factor.
   */
  minInsyncReplicas?: number;
  /** The dead-letter topic of a consumer group (default `<group>.dlq`). */
  deadLetterTopic?: (group: string) => string;
  /** Where a new consumer group starts: the earliest retained message (default) or only new ones. */
  fromBeginning?: boolean;
  /** Consumer session timeout (default 10 s): how soon a crashed consumer's partitions move to another. */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Longest a fetch waits for new messages (default 500 ms); also bounds how long a stop waits. */
  maxWaitTimeMs?: number;
  /** Retries of a send before `publish` rejects (default 8, about 25 s); the relay then retries from its checkpoint. */
  publishRetries?: number;
  /** Bound on `isHealthy` (default 2 s). */
  healthTimeoutMs?: number;
  /** kafkajs log level (default WARN). */
  logLevel?: logLevel;
  /** Receives kafkajs logs (default: one JSON line on stderr). */
  log?: (entry: LogEntry) => void;
  /** More kafkajs client settings: ssl, sasl, timeouts. */
  client?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logLevel' | 'logCreator'>;
}

/**
 * The message bus on Apache Kafka (kafkajs).
 *
 * - `publish` sends CloudEvents 1.0 in binary mode (`ce_*` headers, JSON value), keyed by the aggregate
 *   id, from an idempotent producer with `acks: -1`; it resolves once every message is acknowledged.
 * - `subscribe` runs a consumer in the group, one partition batch at a time in offset order, and
 *   commits a message's offset only after the handler resolved (for an `InboxConsumer`: after its inbox
 *   transaction committed). A handler that rejects leaves the offset where it was: kafkajs retries and
 *   the message is redelivered.
 * - Dead letters go to the group's dead-letter topic (`deadLetters()`), where they can be replayed.
 */
export class KafkaBus implements MessageBus {
  readonly kafka: Kafka;
  private readonly admin: Admin;
  private adminReady?: Promise<void>;
  private producer: Producer;
  private producerReady?: Promise<void>;
  private starting?: Promise<void>;
  private readonly existing = new Set<string>();
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly sink: KafkaDeadLetterSink;

  constructor(readonly options: KafkaBusOptions) {
    const { minInsyncReplicas, replicationFactor = 1 } = options;
    if (minInsyncReplicas !== undefined && minInsyncReplicas > replicationFactor) {
      throw new Error(
        `Kafka: min.insync.replicas ${minInsyncReplicas} exceeds the replication factor ${replicationFactor}: every write to a topic created so would fail`,
      );
    }
    const write = options.log ?? ((entry: LogEntry) => process.stderr.write(`${JSON.stringify(entry)}\n`));
    this.kafka = new Kafka({
      ...options.client,
      brokers: options.brokers,
      clientId: options.clientId ?? 'serviceledger',
      logLevel: options.logLevel ?? logLevel.WARN,
      logCreator: () => (entry) => {
        // Bounded retries are deliberate: see `publish`, which replaces the producer after a failed send.
        if (entry.log.message.startsWith('Limiting retries for the idempotent producer')) return;
        write(entry);
      },
    });
    this.admin = this.kafka.admin();
    this.producer = this.newProducer();
    this.sink = new KafkaDeadLetterSink(this);
  }

  /** Connects and creates the configured topics. */
  static async start(options: KafkaBusOptions): Promise<KafkaBus> {
    const bus = new KafkaBus(options);
    await bus.start();
    return bus;
  }

  start(): Promise<void> {
    this.starting ??= (async () => {
      await this.connectedAdmin();
      await this.connectedProducer();
      await this.ensureTopics(this.options.topics ?? []);
    })().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  topicFor(group: string): string {
    return (this.options.deadLetterTopic ?? deadLetterTopicFor)(group);
  }

  /** Creates the topics that do not exist yet, with the configured partitions and replication factor. */
  async ensureTopics(topics: Array<string | KafkaTopicSpec>): Promise<void> {
    // Once each: services run together may both declare a topic, the one that publishes it and one that consumes it.
    const declared = new Map(topics.map((t) => (typeof t === 'string' ? { topic: t } : t)).map((t) => [t.topic, t]));
    let specs = [...declared.values()].filter((t) => !this.existing.has(t.topic));
    if (!specs.length) return;
    const admin = await this.connectedAdmin();
    // Only the missing ones: asking to create an existing topic works, but kafkajs logs it as an error.
    for (const topic of await admin.listTopics()) this.existing.add(topic);
    specs = specs.filter((t) => !this.existing.has(t.topic));
    if (!specs.length) return;
    const factorOf = (t: KafkaTopicSpec) => t.replicationFactor ?? this.options.replicationFactor ?? 1;
    // Checked only when a topic is to be created: a broker down at a restart must not stop a process whose topics exist.
    const { brokers } = await admin.describeCluster();
    const tooReplicated = specs.find((t) => factorOf(t) > brokers.length);
    if (tooReplicated) {
      throw new Error(
        `Kafka: cannot create topic ${tooReplicated.topic} with replication factor ${factorOf(tooReplicated)} ` +
          `(KAFKA_REPLICATION_FACTOR) on a cluster of ${brokers.length} broker(s)`,
      );
    }
    const { minInsyncReplicas } = this.options;
    await admin.createTopics({
      waitForLeaders: false,
      topics: specs.map((t) => ({
        topic: t.topic,
        numPartitions: t.partitions ?? this.options.partitions ?? 3,
        replicationFactor: factorOf(t),
        ...(minInsyncReplicas === undefined ? {} : { configEntries: [{ name: 'min.insync.replicas', value: String(minInsyncReplicas) }] }),
      })),
    });
    await waitForTopicLeaders(admin, specs.map((t) => t.topic));
    for (const t of specs) this.existing.add(t.topic);
  }

  async publish(messages: IntegrationMessage[]): Promise<void> {
    if (!messages.length) return;
    await this.start();
    await this.ensureTopics([...new Set(messages.map((m) => m.topic))]);
    await this.send(messages.map((m) => ({ topic: m.topic, message: toKafkaMessage(m) })));
  }

  /** Sends records and waits for every acknowledgement (`acks: -1`); `publish` and the dead letters use it. */
  async send(records: Array<{ topic: string; message: Message }>): Promise<void> {
    await this.start();
    // Grouped by topic, keeping the order of the records within each topic (and so within each key).
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of records) {
      const list = byTopic.get(topic);
      if (list) list.push(message);
      else byTopic.set(topic, [message]);
    }
    const producer = await this.connectedProducer();
    try {
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (error) {
      // An idempotent producer that gave up may have had a batch written without hearing so; reusing its
      // sequence numbers for other messages could then be taken for a duplicate and dropped. A new
      // producer gets a new producer id. (The caller resends; the inbox absorbs any duplicate.)
      if (this.producer === producer) {
        this.producer = this.newProducer();
        this.producerReady = undefined;
        void producer.disconnect().catch(() => undefined);
      }
      throw error;
    }
  }

  async subscribe(options: BusSubscribeOptions, handler: MessageHandler): Promise<KafkaSubscription> {
    await this.start();
    await this.ensureTopics([...options.topics, this.topicFor(options.group)]);
    const subscription = new KafkaSubscription(this, options, handler, () => this.subscriptions.delete(subscription));
    try {
      await subscription.start();
    } catch (error) {
      await subscription.stop().catch(() => undefined);
      throw error;
    }
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** This bus's dead-letter topics, one per consumer group: the default for an `InboxConsumer` on it. */
  deadLetters(): DeadLetterSink {
    return this.sink;
  }

  /** The broker answers a DescribeCluster request within `healthTimeoutMs`, and no consumer has given up. */
  async isHealthy(): Promise<boolean> {
    if ([...this.subscriptions].some((s) => s.error)) return false;
    const timeoutMs = this.options.healthTimeoutMs ?? 2000;
    try {
      await withTimeout(
        (async () => {
          const cluster = await (await this.connectedAdmin()).describeCluster();
          if (!cluster.brokers.length) throw new Error('no brokers');
        })(),
        timeoutMs,
      );
      return true;
    } catch {
      return false;
    }
  }

  /** Stops the consumers (each commits what it processed and leaves its group), then disconnects. */
  async close(): Promise<void> {
    for (const subscription of [...this.subscriptions]) await subscription.stop();
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
    this.starting = this.adminReady = this.producerReady = undefined;
  }

  /**
   * How many records on these topics the group has yet to commit: per partition, the high watermark less
   * the group's committed offset (less the oldest offset kept while the group has committed none).
   */
  async consumerLag(group: string, topics: string[]): Promise<number> {
    const admin = await this.connectedAdmin();
    const [committed, ends] = await Promise.all([
      admin.fetchOffsets({ groupId: group, topics }),
      Promise.all(topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) }))),
    ]);
    let lag = 0;
    for (const { topic, partitions } of ends) {
      const offsets = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const { partition, high, low } of partitions) {
        const offset = Number(offsets.find((o) => o.partition === partition)?.offset ?? -1);
        lag += Math.max(0, Number(high) - (offset < 0 ? Number(low) : offset));
      }
    }
    return lag;
  }

  /** The connected admin client (the dead-letter sink counts letters with it). */
  adminClient(): Promise<Admin> {
    return this.connectedAdmin();
  }

  /** Settings a consumer of this bus uses (also for dead-letter replays). */
  consumerSettings(groupId: string) {
    return {
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 500,
      allowAutoTopicCreation: false,
    };
  }

  private async connectedAdmin(): Promise<Admin> {
    this.adminReady ??= this.admin.connect().catch((error: unknown) => {
      this.adminReady = undefined;
      throw error;
    });
    await this.adminReady;
    return this.admin;
  }

  private async connectedProducer(): Promise<Producer> {
    const producer = this.producer;
    this.producerReady ??= producer.connect().catch((error: unknown) => {
      if (this.producer === producer) this.producerReady = undefined;
      throw error;
    });
    await this.producerReady;
    return producer;
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      // kafkajs keeps order on retries of an idempotent producer only with one request in flight.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The Java client's partitioner: the same key lands on the same partition as with Kafka's own tools.
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: this.options.publishRetries ?? 8, initialRetryTime: 100 },
    });
  }
}

/** One consumer in a group: handles messages in offset order and commits each after its handler resolved. */
export class KafkaSubscription implements BusSubscription {
  private consumer?: Consumer;
  private failure?: Error;
  private assigned: Record<string, number[]> = {};

  constructor(
    private readonly bus: KafkaBus,
    private readonly options: BusSubscribeOptions,
    private readonly handler: MessageHandler,
    private readonly onStop: () => void,
  ) {}

  get group(): string {
    return this.options.group;
  }

  async start(): Promise<void> {
    const consumer = this.bus.kafka.consumer(this.bus.consumerSettings(this.group));
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.failure = payload.error;
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assigned = payload.memberAssignment;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: this.bus.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        for (const record of batch.messages) {
          if (!isRunning() || isStale()) break;
          let message: IntegrationMessage | undefined;
          try {
            message = fromKafkaMessage(batch.topic, record);
          } catch (error) {
            if (!(error instanceof UndecodableMessageError)) throw error;
            // Nothing could ever handle it: set it aside as it is, rather than block the partition.
            await this.bus.send([{ topic: this.bus.topicFor(this.group), message: undecodable(record, batch.topic, this.group, error) }]);
            this.options.onSetAside?.(describeError(error));
          }
          if (message) await this.handler([message]);
          const next = (BigInt(record.offset) + 1n).toString();
          resolveOffset(record.offset);
          await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
          await heartbeat();
        }
      },
    });
  }

  /** The partitions of each topic this member holds since the group's last rebalance. */
  get assignment(): Record<string, number[]> {
    return this.assigned;
  }

  /** Set when kafkajs gave up on this consumer for good (a non-retriable error). */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Waits for the message in hand, which commits, then leaves the group. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    this.onStop();
    await consumer?.disconnect();
  }
}

function undecodable(
  record: { key: Buffer | null; value: Buffer | null; headers?: IHeaders; offset: string },
  topic: string,
  group: string,
  error: unknown,
): Message {
  return {
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      dlq_error: describeError(error),
      dlq_consumer: group,
      dlq_attempts: '0',
      dlq_failed_at: new Date().toISOString(),
      dlq_topic: topic,
      dlq_offset: record.offset,
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  void work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
