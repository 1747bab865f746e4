import { EntityManager, In } from 'typeorm';
import { Contract, ContractCatalogue, ContractViolation } from '@serviceledger/platform/core';
import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { DatabaseDeadLetterSink, DeadLetterSink, ReplayResult, describeError } from './dead-letters';
import { InboxTable } from './inbox';
import { BusSubscription, IntegrationMessage, MessageBus } from './integration-message';
import { consumeTraced } from './message-tracing';
import { MessagingLog } from './messaging-log';

export interface ConsumerOptions {
  /** The consumer group and inbox name, e.g. `service-delivery.case-opener`. */
  name: string;
  topics: string[];
  /**
   * The contracts published on `topics`, every version still read (ADR 0012). Each message is checked
   * against its own type's schema before `handle` sees it: one that breaks it goes to the dead letters at
   * once, with the schema's complaints; one whose type none of them defines is acknowledged and counted.
   */
  contracts: readonly Contract[];
  /**
   * The message's effects. Writes through `manager` commit with the inbox record; commands sent to an
   * event store should take their id from the message id, so a repeat appends nothing. Messages of other keys
   * may be handled at the same time, in the same transaction (`processAll`); one key's come one after another.
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
  log?: MessagingLog;
}

export type ProcessOutcome = 'processed' | 'duplicate' | 'unknown-type' | 'dead-lettered';

/**
 * Why a message went to the dead letters: it breaks its contract (never retried: it cannot get better),
 * the bus could not read it at all, or the handler kept failing.
 */
export type DeadLetterReason = 'contract-violation' | 'undecodable' | 'handler-failed';

/** What a consumer set aside since the process started, for the metrics. */
export interface ConsumerCounts {
  /** Messages acknowledged unread because none of the consumer's contracts has their type, by type. */
  readonly unknownTypes: ReadonlyMap<string, number>;
  readonly deadLettered: ReadonlyMap<DeadLetterReason, number>;
}

/**
 * Messages of a delivery handled in one transaction, at most. The transaction holds the read-model database while
 * their handlers run (on SQLite, its one writer): projections, and queries `?after=` waiting on them, wait as long.
 */
export const HANDLED_TOGETHER = 16;

/** Distinct unknown types counted (and logged) by name; beyond them, anyone can mint types: they count as `other`. */
const UNKNOWN_TYPES_NAMED = 50;

/**
 * Processes each message once: the inbox record and the effects share one transaction, so a
 * redelivery finds the record and does nothing. A message that breaks its contract, or keeps
 * failing, is set aside with its reason instead of blocking the ones behind it.
 */
export class InboxConsumer {
  private subscription?: BusSubscription;
  private stopped = false;
  readonly deadLetters: DeadLetterSink;
  private readonly catalogue: ContractCatalogue;
  private readonly log: MessagingLog;
  private readonly unknownTypes = new Map<string, number>();
  private readonly deadLettered = new Map<DeadLetterReason, number>();

  constructor(
    private readonly db: ReadModelDatabase,
    private readonly bus: MessageBus,
    private readonly options: ConsumerOptions,
  ) {
    this.deadLetters = options.deadLetters ?? bus.deadLetters?.() ?? new DatabaseDeadLetterSink(db);
    this.catalogue = new ContractCatalogue(options.contracts);
    this.log = options.log ?? console;
  }

  get name(): string {
    return this.options.name;
  }

  /** Messages waiting for this consumer on the bus, when the bus can tell (Kafka); undefined otherwise. */
  lag(): Promise<number | undefined> {
    return this.bus.consumerLag ? this.bus.consumerLag(this.options.name, this.options.topics) : Promise.resolve(undefined);
  }

  get counts(): ConsumerCounts {
    return { unknownTypes: this.unknownTypes, deadLettered: this.deadLettered };
  }

  async start(): Promise<void> {
    this.stopped = false;
    const subscription = await this.bus.subscribe(
      {
        group: this.options.name,
        topics: this.options.topics,
        onSetAside: (error) => this.setAside('undecodable', `a record it could not read: ${error}`),
      },
      (messages) => this.processAll(messages),
    );
    // Stopped while it subscribed (joining a Kafka group takes seconds): leave nothing running.
    if (this.stopped) await subscription.stop();
    else this.subscription = subscription;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /**
   * Processes a delivery. Up to HANDLED_TOGETHER messages are handled at once, each key's in order, in one
   * transaction with their inbox records: the commands they cause share the event store's commits. Should any
   * fail, the transaction is undone and each message is processed again on its own, in order, with retries and
   * dead letters; what the failed try appended is not appended again, since commands take their ids from the
   * messages.
   */
  async processAll(messages: IntegrationMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += HANDLED_TOGETHER) await this.processTogether(messages.slice(i, i + HANDLED_TOGETHER));
  }

  private async processTogether(messages: IntegrationMessage[]): Promise<void> {
    if (messages.length > 1 && messages.every((message) => this.catalogue.check(message).status === 'valid')) {
      const handled = await this.attemptAll(messages).then(
        () => true,
        () => false,
      );
      if (handled) return;
    }
    for (const message of messages) await this.process(message);
  }

  /** Processes the message in a span of the trace its producer started (the commands it causes are children). */
  process(message: IntegrationMessage): Promise<ProcessOutcome> {
    return consumeTraced(this.options.name, message, async (span) => {
      const outcome = await this.settle(message);
      span.setAttribute('serviceledger.outcome', outcome);
      return outcome;
    });
  }

  private async settle(message: IntegrationMessage): Promise<ProcessOutcome> {
    const check = this.catalogue.check(message);
    if (check.status === 'unknown') {
      this.countUnknown(message.type);
      return 'unknown-type';
    }
    if (check.status === 'invalid') return this.deadLetter(message, check.violation, 0);
    const attempts = this.options.attempts ?? 5;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.attempt(message);
      } catch (error) {
        lastError = error;
        // The handler's own check of the contract (defence in depth): no retry makes a broken payload whole.
        if (error instanceof ContractViolation) return this.deadLetter(message, error, attempt);
        if (attempt < attempts) await delay((this.options.backoffMs ?? 100) * 2 ** (attempt - 1));
      }
    }
    return this.deadLetter(message, lastError, attempts);
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
    const check = this.catalogue.check(message);
    if (check.status === 'invalid') throw check.violation;
    return check.status === 'unknown' ? 'unknown-type' : this.attempt(message);
  }

  private async attempt(message: IntegrationMessage): Promise<'processed' | 'duplicate'> {
    return this.db.transaction(async (manager) => {
      const inbox = manager.getRepository(InboxTable);
      const seen = await inbox.existsBy({ consumer: this.options.name, messageId: message.id });
      if (!seen) {
        await this.options.handle(message, manager);
        await inbox.insert({ consumer: this.options.name, messageId: message.id, processedAt: new Date() });
      }
      return seen ? 'duplicate' : 'processed';
    });
  }

  private attemptAll(messages: IntegrationMessage[]): Promise<void> {
    return this.db.transaction(async (manager) => {
      const inbox = manager.getRepository(InboxTable);
      const seen = await inbox.find({ select: { messageId: true }, where: { consumer: this.options.name, messageId: In(messages.map((m) => m.id)) } });
      const done = new Set(seen.map((row) => row.messageId));
      const byKey = new Map<string, IntegrationMessage[]>();
      for (const message of messages) if (!done.has(message.id)) byKey.set(message.key, [...(byKey.get(message.key) ?? []), message]);
      // Every key finishes before a failure is reported: nothing may still use the transaction once it is undone.
      const outcomes = await Promise.allSettled(
        [...byKey.values()].map(async (ofKey) => {
          for (const message of ofKey) {
            await consumeTraced(this.options.name, message, async (span) => {
              await this.options.handle(message, manager);
              span.setAttribute('serviceledger.outcome', 'processed');
            });
          }
        }),
      );
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      const fresh = messages.filter((message) => !done.has(message.id));
      if (fresh.length) await inbox.insert(fresh.map((message) => ({ consumer: this.options.name, messageId: message.id, processedAt: new Date() })));
    });
  }

  private async deadLetter(message: IntegrationMessage, error: unknown, attempts: number): Promise<'dead-lettered'> {
    const reason = describeError(error);
    await this.deadLetters.record({ consumer: this.options.name, message, error: reason, attempts, failedAt: new Date() });
    this.setAside(error instanceof ContractViolation ? 'contract-violation' : 'handler-failed', `${message.type} ${message.id} from ${message.topic}: ${reason}`);
    return 'dead-lettered';
  }

  private setAside(reason: DeadLetterReason, what: string): void {
    this.deadLettered.set(reason, (this.deadLettered.get(reason) ?? 0) + 1);
    this.log.error(`Consumer ${this.options.name} set aside ${what}`);
  }

  /** Counted by type, and logged the first time only: a producer of unknown events would otherwise flood the log. */
  private countUnknown(type: string): void {
    const label = this.unknownTypes.has(type) || this.unknownTypes.size < UNKNOWN_TYPES_NAMED ? type : 'other';
    const seen = this.unknownTypes.get(label) ?? 0;
    this.unknownTypes.set(label, seen + 1);
    if (!seen) {
      this.log.warn(
        `Consumer ${this.options.name} acknowledges messages of type ${type}, which none of its contracts defines, without reading them` +
          (label === type ? '' : ` (counted as ${label}: more than ${UNKNOWN_TYPES_NAMED} unknown types)`),
      );
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
