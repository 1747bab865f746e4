import { IHeaders, Kafka, Message, Producer, logLevel } from 'kafkajs';
import { DeadLetter, DeadLetterRetry, DeadLetterSink, ReplayResult, describeError } from '@serviceledger/platform/messaging';
import { fromKafkaMessage, headerStrings, toKafkaMessage } from './cloud-events';
import type { KafkaBus } from './kafka-bus';

/**
 * Dead letters on Kafka: one topic per consumer group, `<group>.dlq`. A record there is the original
 * message as it was published (same key, value and `ce_*` headers) plus these headers.
 */
export const DLQ = {
  /** `Name: message` of the last error. */
  error: 'dlq_error',
  /** The consumer group that gave up. */
  consumer: 'dlq_consumer',
  /** Attempts so far, replays included. */
  attempts: 'dlq_attempts',
  /** ISO-8601 time of the last failure. */
  failedAt: 'dlq_failed_at',
  /** The topic the message was consumed from. */
  topic: 'dlq_topic',
} as const;

export function deadLetterTopicFor(group: string): string {
  return `${group}.dlq`;
}

/** The consumer group whose committed offsets mark how far a dead-letter topic has been replayed. */
export function replayGroupFor(dlqTopic: string): string {
  return `${dlqTopic}.replay`;
}

/** The dead-letter record of a letter. */
export function toDeadLetterRecord(letter: DeadLetter): Message {
  const record = toKafkaMessage(letter.message);
  return { ...record, headers: { ...record.headers, ...letterHeaders(letter.consumer, letter.message.topic, letter.error, letter.attempts, letter.failedAt) } };
}

/** Reads a dead-letter record back (throws `UndecodableMessageError` when it holds no CloudEvent). */
export function fromDeadLetterRecord(dlqTopic: string, record: { key: Buffer | null; value: Buffer | null; headers?: IHeaders }): DeadLetter {
  const headers = headerStrings(record.headers);
  const message = fromKafkaMessage(headers[DLQ.topic] ?? dlqTopic, record);
  return {
    consumer: headers[DLQ.consumer] ?? '',
    message,
    error: headers[DLQ.error] ?? '',
    attempts: Number(headers[DLQ.attempts] ?? 0) || 0,
    failedAt: new Date(headers[DLQ.failedAt] ?? 0),
  };
}

function letterHeaders(consumer: string, topic: string, error: string, attempts: number, failedAt: Date): Record<string, string> {
  return {
    [DLQ.error]: error,
    [DLQ.consumer]: consumer,
    [DLQ.attempts]: String(attempts),
    [DLQ.failedAt]: failedAt.toISOString(),
    [DLQ.topic]: topic,
  };
}

/** `DeadLetterSink` on the dead-letter topics of a `KafkaBus`; `KafkaBus.deadLetters()` returns it. */
export class KafkaDeadLetterSink implements DeadLetterSink {
  constructor(private readonly bus: KafkaBus) {}

  async record(letter: DeadLetter): Promise<void> {
    const topic = this.bus.topicFor(letter.consumer);
    await this.bus.start();
    await this.bus.ensureTopics([topic]);
    await this.bus.send([{ topic, message: toDeadLetterRecord(letter) }]);
  }

  async replay(consumer: string, retry: DeadLetterRetry): Promise<ReplayResult> {
    const dlqTopic = this.bus.topicFor(consumer);
    await this.bus.start();
    await this.bus.ensureTopics([dlqTopic]);
    return replayDeadLetterTopic({
      kafka: this.bus.kafka,
      dlqTopic,
      group: replayGroupFor(dlqTopic),
      handler: retry,
      send: (message) => this.bus.send([{ topic: dlqTopic, message }]),
      consumer: this.bus.consumerSettings(replayGroupFor(dlqTopic)),
    });
  }

  /** Letters after the replay group's committed offsets. */
  async count(consumer: string): Promise<number> {
    const dlqTopic = this.bus.topicFor(consumer);
    const admin = await this.bus.adminClient();
    const plan = await replayPlan(admin, dlqTopic, replayGroupFor(dlqTopic));
    let total = 0n;
    for (const { start, end } of plan.values()) total += end - start;
    return Number(total);
  }
}

export interface ReplayDeadLetterTopicOptions {
  /** Brokers to connect to, unless `kafka` is given. */
  brokers?: string[];
  kafka?: Kafka;
  /** The dead-letter topic, e.g. `service-delivery.case-opener.dlq`. */
  dlqTopic: string;
  /**
   * The replay's consumer group (conventionally `<dlqTopic>.replay`, as `KafkaDeadLetterSink` uses): its
   * committed offsets mark the letters already replayed, so a second replay starts where the first ended.
   */
  group: string;
  /** Re-handles one letter: resolves when it succeeded. For an inbox consumer: its inbox transaction. */
  handler: DeadLetterRetry;
  /** Bound on the whole replay (default 60 s). */
  timeoutMs?: number;
  /** @internal how a letter that failed again is appended to the topic (default: an idempotent producer). */
  send?: (record: Message) => Promise<void>;
  /** @internal consumer settings. */
  consumer?: { sessionTimeout?: number; heartbeatInterval?: number; maxWaitTimeInMs?: number };
}

/**
 * Re-consumes a dead-letter topic up to its end at the time of the call and re-handles each letter. A
 * letter that succeeds is done; one that fails again is appended to the topic anew, with the new error
 * and one more attempt, for a later replay. Each offset is committed (in `group`) only after its letter
 * was handled or re-appended, so an interrupted replay resumes without losing a letter; one handled
 * twice is absorbed by the consumer's inbox.
 */
export async function replayDeadLetterTopic(options: ReplayDeadLetterTopicOptions): Promise<ReplayResult> {
  const { dlqTopic, group, handler } = options;
  if (!options.kafka && !options.brokers?.length) throw new Error('replayDeadLetterTopic: give brokers or a kafka client');
  const kafka = options.kafka ?? new Kafka({ brokers: options.brokers ?? [], clientId: 'serviceledger-dlq-replay', logLevel: logLevel.WARN });
  const admin = kafka.admin();
  let producer: Producer | undefined;
  const send =
    options.send ??
    (async (message: Message) => {
      if (!producer) {
        producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
        await producer.connect();
      }
      await producer.send({ topic: dlqTopic, acks: -1, messages: [message] });
    });
  const result: ReplayResult = { replayed: 0, failed: 0 };
  await admin.connect();
  try {
    const plan = await replayPlan(admin, dlqTopic, group);
    if (!plan.size) return result;

    const consumer = kafka.consumer({
      groupId: group,
      sessionTimeout: options.consumer?.sessionTimeout ?? 10_000,
      heartbeatInterval: options.consumer?.heartbeatInterval ?? 1_000,
      maxWaitTimeInMs: options.consumer?.maxWaitTimeInMs ?? 500,
      allowAutoTopicCreation: false,
    });
    const pending = new Set(plan.keys());
    let finish!: () => void;
    let fail!: (error: unknown) => void;
    const finished = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    finished.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) fail(payload.error);
    });
    const timer = setTimeout(
      () => fail(new Error(`replay of ${dlqTopic} did not reach the end within ${options.timeoutMs ?? 60_000} ms`)),
      options.timeoutMs ?? 60_000,
    );
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [dlqTopic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, pause, isRunning, isStale }) => {
          const end = plan.get(batch.partition)?.end;
          for (const record of batch.messages) {
            if (!isRunning() || isStale()) return;
            const offset = BigInt(record.offset);
            // Letters appended since the replay began (a failure re-appended just now) wait for the next one.
            if (end === undefined || offset >= end) {
              pause();
              break;
            }
            let letter: DeadLetter | undefined;
            try {
              letter = fromDeadLetterRecord(dlqTopic, record);
              await handler(letter.message, letter);
              result.replayed++;
            } catch (error) {
              const headers = headerStrings(record.headers);
              const attempts = (letter?.attempts ?? (Number(headers[DLQ.attempts] ?? 0) || 0)) + 1;
              await send({
                key: record.key,
                value: record.value,
                headers: {
                  ...headers,
                  ...letterHeaders(letter?.consumer ?? headers[DLQ.consumer] ?? '', letter?.message.topic ?? headers[DLQ.topic] ?? dlqTopic, describeError(error), attempts, new Date()),
                },
              });
              result.failed++;
            }
            resolveOffset(record.offset);
            await commitOffsetsIfNecessary({ topics: [{ topic: dlqTopic, partitions: [{ partition: batch.partition, offset: (offset + 1n).toString() }] }] });
            await heartbeat();
            if (offset + 1n >= end) {
              pending.delete(batch.partition);
              pause();
              if (!pending.size) finish();
              break;
            }
          }
        },
      });
      await finished;
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    return result;
  } finally {
    await Promise.allSettled([admin.disconnect(), producer?.disconnect()]);
  }
}

/** Per partition of the topic, the letters still to replay: from the group's committed offset (or the log start) to the end. */
async function replayPlan(
  admin: ReturnType<Kafka['admin']>,
  dlqTopic: string,
  group: string,
): Promise<Map<number, { start: bigint; end: bigint }>> {
  const plan = new Map<number, { start: bigint; end: bigint }>();
  const topics = await admin.listTopics();
  if (!topics.includes(dlqTopic)) return plan;
  const ends = await admin.fetchTopicOffsets(dlqTopic);
  const [committed] = await admin.fetchOffsets({ groupId: group, topics: [dlqTopic] });
  for (const { partition, low, high } of ends) {
    const offset = BigInt(committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1');
    const start = offset >= BigInt(low) ? offset : BigInt(low);
    if (start < BigInt(high)) plan.set(partition, { start, end: BigInt(high) });
  }
  return plan;
}
