import { EntityManager } from 'typeorm';
import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { DeadLetterTable, InboxTable } from './inbox';
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
}

export type ProcessOutcome = 'processed' | 'duplicate' | 'dead-lettered';

/**
 * Processes each message once: the inbox record and the effects share one transaction, so a
 * redelivery finds the record and does nothing. A message that keeps failing is set aside with
 * its error instead of blocking the ones behind it.
 */
export class InboxConsumer {
  private subscription?: BusSubscription;

  constructor(
    private readonly db: ReadModelDatabase,
    private readonly bus: MessageBus,
    private readonly options: ConsumerOptions,
  ) {}

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
        return (await this.processOnce(message)) ? 'processed' : 'duplicate';
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await delay((this.options.backoffMs ?? 100) * 2 ** (attempt - 1));
      }
    }
    await this.deadLetter(message, lastError, attempts);
    return 'dead-lettered';
  }

  /** Tries every dead letter of this consumer once more; those that succeed leave the list. */
  async replayDeadLetters(): Promise<{ replayed: number; failed: number }> {
    const letters = await this.db.manager.getRepository(DeadLetterTable).find({
      where: { consumer: this.options.name },
      order: { failedAt: 'ASC' },
    });
    let replayed = 0;
    for (const letter of letters) {
      const message = JSON.parse(letter.message) as IntegrationMessage;
      try {
        await this.processOnce(message, letter.id);
        replayed++;
      } catch (error) {
        await this.db.transaction((m) =>
          m.getRepository(DeadLetterTable).update({ id: letter.id }, { error: describe(error), attempts: letter.attempts + 1 }),
        );
      }
    }
    return { replayed, failed: letters.length - replayed };
  }

  private async processOnce(message: IntegrationMessage, deadLetterId?: string): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const inbox = manager.getRepository(InboxTable);
      const seen = await inbox.existsBy({ consumer: this.options.name, messageId: message.id });
      if (!seen) {
        await this.options.handle(message, manager);
        await inbox.insert({ consumer: this.options.name, messageId: message.id, processedAt: new Date() });
      }
      if (deadLetterId) await manager.getRepository(DeadLetterTable).delete({ id: deadLetterId });
      return !seen;
    });
  }

  private async deadLetter(message: IntegrationMessage, error: unknown, attempts: number): Promise<void> {
    await this.db.transaction((manager) =>
      manager.getRepository(DeadLetterTable).save({
        id: `${this.options.name}:${message.id}`,
        consumer: this.options.name,
        messageId: message.id,
        topic: message.topic,
        message: JSON.stringify(message),
        error: describe(error),
        attempts,
        failedAt: new Date(),
      }),
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
