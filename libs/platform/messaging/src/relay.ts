import { Contract, ContractCatalogue, EventEnvelope, EventFilter, EventStore, Subscription } from '@serviceledger/platform/core';
import { PASS_OVER_WRITE_MS, ReadModelDatabase, loadCheckpoint, saveCheckpoint } from '@serviceledger/platform/read-models';
import { IntegrationMessage, MessageBus } from './integration-message';
import { publishTraced } from './message-tracing';
import { MessagingLog } from './messaging-log';

/** Maps an internal domain event to its public contract event, or to nothing when it is private. */
export type ContractMapper = (event: EventEnvelope) => IntegrationMessage | undefined;

/**
 * A contract mapper that may map one event to several messages: while a contract's next version is
 * published beside the one before it (ADR 0012), each under its own id.
 */
export type VersionedContractMapper = (event: EventEnvelope) => IntegrationMessage | readonly IntegrationMessage[] | undefined;

export interface RelayOptions {
  /** The publishing service, e.g. `intake`. */
  name: string;
  filter?: EventFilter;
  map: VersionedContractMapper;
  /** The contracts the service publishes: each message is checked against its type's schema before it goes out. */
  contracts: readonly Contract[];
  batchSize?: number;
  /** Wait before resuming after a failed publish (default 1 s). */
  retryDelayMs?: number;
  log?: MessagingLog;
  /**
   * Events the relay passed before its filter took them (the filter has grown since: intake's relay read
   * customer streams only later): published once, from the start of the log up to where the relay stood
   * the first time it ran with this catch-up, before it goes on. `name` keeps its own checkpoint, which
   * marks it done. Publishing what may have been published already is harmless: consumers deduplicate by
   * message id, and the messages carry the same ids as the relay's own.
   */
  catchUp?: { name: string; filter: EventFilter };
}

/**
 * An event whose contract message breaks the contract (or has a type the service does not publish): the
 * relay stops at it rather than send consumers what they could not read. Only a fix of the mapper (or an
 * upcaster for the event) and a restart move it on.
 */
export class OutboundContractViolation extends Error {
  override readonly name = 'OutboundContractViolation';
  constructor(
    readonly relay: string,
    readonly event: Pick<EventEnvelope, 'id' | 'type' | 'stream' | 'streamPosition' | 'checkpoint'>,
    readonly messageType: string,
    readonly errors: string,
  ) {
    super(
      `Relay ${relay} stopped before event ${event.type} ${event.id} (stream ${event.stream} position ${event.streamPosition}, ` +
        `checkpoint ${event.checkpoint}): its message ${messageType} breaks the contract: ${errors}. Nothing more is published ` +
        `until the mapper or the event is fixed and the relay restarted.`,
    );
  }
}

/**
 * Store → bus. The log is the outbox: the relay publishes from its checkpoint and saves the
 * checkpoint only after the bus acknowledged, so a crash in between republishes (consumers
 * deduplicate by event id) and never loses. It publishes only messages that keep their contract.
 */
export class Relay {
  private subscription?: Subscription;
  private position: string | undefined;
  private savedAt = 0;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;
  private readonly catalogue: ContractCatalogue;
  /** The last failure to publish; the relay retries after it. */
  failure?: Error;
  /**
   * Set when the relay stopped for good at an event whose message breaks its contract: the relay is
   * then not ready, and nothing after that event is published.
   */
  halted?: OutboundContractViolation;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly bus: MessageBus,
    private readonly options: RelayOptions,
  ) {
    this.catalogue = new ContractCatalogue(options.contracts);
  }

  get checkpointName(): string {
    return `relay:${this.options.name}`;
  }

  get checkpoint(): string | undefined {
    return this.position;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.halted = undefined;
    this.position = await loadCheckpoint(this.db.manager, this.checkpointName);
    try {
      await this.catchUp();
    } catch (error) {
      this.failed(error as Error);
      return;
    }
    // Stopped while the checkpoint loaded (a shutdown during a restart after a failure): a subscription
    // begun now would never be stopped, and would keep the process alive.
    if (this.stopped) return;
    this.subscription = this.store.subscribe(
      { after: this.position, filter: this.options.filter, batchSize: this.options.batchSize ?? 200 },
      async (events, checkpoint) => {
        const messages = events.flatMap((event) => this.messagesOf(event));
        if (messages.length) await publishTraced(this.options.name, messages, (traced) => this.bus.publish(traced));
        // Events with nothing to publish need not be read again after a restart, but neither need each a commit.
        if (messages.length || Date.now() - this.savedAt >= PASS_OVER_WRITE_MS) {
          await this.db.transaction((manager) => saveCheckpoint(manager, this.checkpointName, checkpoint));
          this.savedAt = Date.now();
        }
        this.position = checkpoint;
      },
    );
    void this.subscription.failed.then((error) => this.failed(error));
  }

  private failed(error: Error): void {
    if (error instanceof OutboundContractViolation) {
      this.halted = error;
      (this.options.log ?? console).error(error.message);
      return;
    }
    // A bus outage is transient: try again from the saved checkpoint rather than give up.
    this.failure = error;
    if (!this.stopped) this.restartTimer = setTimeout(() => void this.start(), this.options.retryDelayMs ?? 1000);
  }

  /** The catch-up's checkpoint: set once it is done, to where the relay stood. */
  get catchUpCheckpointName(): string | undefined {
    return this.options.catchUp && `${this.checkpointName}:catch-up:${this.options.catchUp.name}`;
  }

  /** Publishes, once, the events of the catch-up's filter up to where the relay stood (`catchUp`). */
  private async catchUp(): Promise<void> {
    const name = this.catchUpCheckpointName;
    if (!this.options.catchUp || !name || (await loadCheckpoint(this.db.manager, name)) !== undefined) return;
    const until = this.position;
    const { checkpoints } = this.store;
    // A relay that never ran reads the log from its start anyway: nothing to catch up.
    for (let after: string | undefined; until !== undefined && !this.stopped; ) {
      const read = await this.store.readAll({ after, filter: this.options.catchUp.filter, batchSize: this.options.batchSize ?? 200 });
      const passed = read.events.filter((event) => checkpoints.compare(event.checkpoint, until) <= 0);
      const messages = passed.flatMap((event) => this.messagesOf(event));
      if (messages.length) await this.bus.publish(messages);
      if (read.isEnd || passed.length < read.events.length || checkpoints.compare(read.checkpoint, until) >= 0) break;
      after = read.checkpoint;
    }
    if (this.stopped) return;
    const reached = until ?? (await this.store.headCheckpoint());
    if (reached !== undefined) await this.db.transaction((manager) => saveCheckpoint(manager, name, reached));
  }

  private messagesOf(event: EventEnvelope): readonly IntegrationMessage[] {
    const mapped = this.options.map(event);
    const messages: readonly IntegrationMessage[] = mapped === undefined ? [] : 'type' in mapped ? [mapped] : mapped;
    for (const message of messages) {
      const check = this.catalogue.check(message);
      if (check.status === 'valid') continue;
      const errors = check.status === 'invalid' ? check.violation.errors : `the service publishes no contract of that type`;
      throw new OutboundContractViolation(this.options.name, event, message.type, errors);
    }
    return messages;
  }

  async lag(): Promise<number> {
    return this.store.checkpoints.distance(this.position, await this.store.headCheckpoint());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
