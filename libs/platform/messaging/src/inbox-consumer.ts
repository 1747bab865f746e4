import { EntityManager } from 'typeorm';
import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { DatabaseDeadLetterSink, DeadLetterSink, ReplayResult, describeError } from './dead-letters';
import { InboxTable } from './inbox';
import { BusSubscription, IntegrationMessage, MessageBus } from './integration-message';

export interface ConsumerOptions {
  /** The consumer group and inbox name, e.g. `service-delivery.case-opener`. */
  name: string;
  topics: string[];
  /**
   * The message's effects. Writes through `manager` commit with the inbox record; commands sent to an
   * event store should take their id from the message id, so a repeat appends nothing.
   */
  handle(message: IntegrationMessage, manager: EntityManager): Promise<void>;
  /** Attempts before the message goes to the dead letters (default 5). */
  attempts?: number;
  /** First backoff delay in ms, doubled per attempt (default 100). */
  backoffMs?: number;
  /**
   * Where messages go after the last attempt. Default: the bus's own place (`MessageBus.deadLetters`,
   * a dead-letter topic on Kafka), else the `platform_dead_letter` table of the read-model database.
   */
  deadLetters?: DeadLetterSink;
}

export type ProcessOutcome = 'processed' | 'duplicate' | 'dead-lettered';

/**
 * Processes each message once: the inbox record and the effects share one transaction, so a
 * redelivery finds the record and does nothing. A message that keeps failing is set aside with
 * its error instead of blocking the ones behind it.
 */
export class InboxConsumer {
  private subscription?: BusSubscription;
  readonly deadLetters: DeadLetterSink;

  constructor(
    private readonly db: ReadModelDatabase,
    private readonly bus: MessageBus,
    private readonly options: ConsumerOptions,
  ) {
    this.deadLetters = options.deadLetters ?? bus.deadLetters?.() ?? new DatabaseDeadLetterSink(db);
  }

  get name(): string {
    return this.options.name;
  }

  async start(): Promise<void> {
    this.subscription = await this.bus.subscribe({ group: this.options.name, topics: this.options.topics }, async (m) => {
      await this.process(m);
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  async process(message: IntegrationMessage): Promise<ProcessOutcome> {
    const attempts = this.options.attempts ?? 5;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.processOnce(message);
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await delay((this.options.backoffMs ?? 100) * 2 ** (attempt - 1));
      }
    }
    await this.deadLetters.record({
      consumer: this.options.name,
      message,
      error: describeError(lastError),
      attempts,
      failedAt: new Date(),
    });
    return 'dead-lettered';
  }

  /** Tries every dead letter of this consumer once more; those that succeed leave the dead letters. */
  async replayDeadLetters(): Promise<ReplayResult> {
    return this.deadLetters.replay(this.options.name, async (message) => {
      await this.processOnce(message);
    });
  }

  /**
   * One attempt, no retry and no dead letter: it rejects when the handler fails. What a replay runs for
   * each dead letter (`replayDeadLetterTopic`'s handler, for one).
   */
  async processOnce(message: IntegrationMessage): Promise<Exclude<ProcessOutcome, 'dead-lettered'>> {
    return (await this.attempt(message)) ? 'processed' : 'duplicate';
  }

  private async attempt(message: IntegrationMessage): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const inbox = manager.getRepository(InboxTable);
      const seen = await inbox.existsBy({ consumer: this.options.name, messageId: message.id });
      if (!seen) {
        await this.options.handle(message, manager);
        await inbox.insert({ consumer: this.options.name, messageId: message.id, processedAt: new Date() });
      }
      return !seen;
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
