import { EventEnvelope, EventFilter, EventStore, Subscription } from '@serviceledger/platform/core';
import { ReadModelDatabase, loadCheckpoint, saveCheckpoint } from '@serviceledger/platform/read-models';
import { IntegrationMessage, MessageBus } from './integration-message';

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
  batchSize?: number;
  /** Wait before resuming after a failed publish (default 1 s). */
  retryDelayMs?: number;
}

/**
 * Store → bus. The log is the outbox: the relay publishes from its checkpoint and saves the
 * checkpoint only after the bus acknowledged, so a crash in between republishes (consumers
 * deduplicate by event id) and never loses.
 */
export class Relay {
  private subscription?: Subscription;
  private position: string | undefined;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;
  failure?: Error;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly bus: MessageBus,
    private readonly options: RelayOptions,
  ) {}

  get checkpointName(): string {
    return `relay:${this.options.name}`;
  }

  get checkpoint(): string | undefined {
    return this.position;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.position = await loadCheckpoint(this.db.manager, this.checkpointName);
    this.subscription = this.store.subscribe(
      { after: this.position, filter: this.options.filter, batchSize: this.options.batchSize ?? 200 },
      async (events, checkpoint) => {
        const messages = events.flatMap((event) => this.options.map(event) ?? []);
        if (messages.length) await this.bus.publish(messages);
        await this.db.transaction((manager) => saveCheckpoint(manager, this.checkpointName, checkpoint));
        this.position = checkpoint;
      },
    );
    void this.subscription.failed.then((error) => {
      // A bus outage is transient: try again from the saved checkpoint rather than give up.
      this.failure = error;
      if (!this.stopped) this.restartTimer = setTimeout(() => void this.start(), this.options.retryDelayMs ?? 1000);
    });
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
