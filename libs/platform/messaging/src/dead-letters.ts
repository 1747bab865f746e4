import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { DeadLetterTable } from './inbox';
import { IntegrationMessage } from './integration-message';

/** A message a consumer gave up on after its retries, with the last error. */
export interface DeadLetter {
  /** The consumer (group) that failed, e.g. `service-delivery.case-opener`. */
  consumer: string;
  message: IntegrationMessage;
  /** `Name: message` of the last error. */
  error: string;
  /** Attempts so far, including those of earlier replays. */
  attempts: number;
  failedAt: Date;
}

/** Tries one dead letter again; it leaves the dead letters when this resolves. */
export type DeadLetterRetry = (message: IntegrationMessage, letter: DeadLetter) => Promise<void>;

export interface ReplayResult {
  replayed: number;
  failed: number;
}

/**
 * Where an `InboxConsumer` sets aside the messages it gave up on, and replays them from. The default
 * is the `platform_dead_letter` table beside the inbox (`DatabaseDeadLetterSink`); on Kafka it is a
 * dead-letter topic (`KafkaDeadLetterSink` in `@serviceledger/platform/kafka`).
 *
 * A replay runs each letter through `retry` (the consumer's inbox transaction). Letters that succeed
 * leave; letters that fail again stay with the new error and one more attempt. Removing a letter is
 * not atomic with its effects, but the inbox makes a repeated replay of the same message a no-op.
 */
export interface DeadLetterSink {
  /** Resolves once the letter is durably kept: the offset or message behind it may then be released. */
  record(letter: DeadLetter): Promise<void>;
  replay(consumer: string, retry: DeadLetterRetry): Promise<ReplayResult>;
  /** How many of the consumer's dead letters wait for a replay. */
  count(consumer: string): Promise<number>;
}

/** Dead letters in the read-model database's `platform_dead_letter` table: the embedded default. */
export class DatabaseDeadLetterSink implements DeadLetterSink {
  constructor(private readonly db: ReadModelDatabase) {}

  async record(letter: DeadLetter): Promise<void> {
    await this.db.transaction((manager) =>
      manager.getRepository(DeadLetterTable).save({
        id: `${letter.consumer}:${letter.message.id}`,
        consumer: letter.consumer,
        messageId: letter.message.id,
        topic: letter.message.topic,
        message: JSON.stringify(letter.message),
        error: letter.error,
        attempts: letter.attempts,
        failedAt: letter.failedAt,
      }),
    );
  }

  async replay(consumer: string, retry: DeadLetterRetry): Promise<ReplayResult> {
    const rows = await this.rows(consumer);
    let replayed = 0;
    for (const row of rows) {
      const letter = toLetter(row);
      try {
        await retry(letter.message, letter);
        await this.db.transaction((m) => m.getRepository(DeadLetterTable).delete({ id: row.id }));
        replayed++;
      } catch (error) {
        await this.db.transaction((m) =>
          m.getRepository(DeadLetterTable).update({ id: row.id }, { error: describeError(error), attempts: row.attempts + 1 }),
        );
      }
    }
    return { replayed, failed: rows.length - replayed };
  }

  count(consumer: string): Promise<number> {
    return this.db.manager.getRepository(DeadLetterTable).countBy({ consumer });
  }

  private rows(consumer: string) {
    return this.db.manager.getRepository(DeadLetterTable).find({ where: { consumer }, order: { failedAt: 'ASC' } });
  }
}

function toLetter(row: { consumer: string; message: string; error: string; attempts: number; failedAt: Date }): DeadLetter {
  return {
    consumer: row.consumer,
    message: JSON.parse(row.message) as IntegrationMessage,
    error: row.error,
    attempts: row.attempts,
    failedAt: row.failedAt,
  };
}

/** `Name: message`, the form dead letters keep their error in. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
