import { EventEnvelope, EventStore, Subscription } from '@serviceledger/platform/core';
import { EntitySchema, ObjectLiteral } from 'typeorm';
import { advanceCheckpoint, loadCheckpoint } from './checkpoint';
import { ProjectionDefinition, ProjectionTables, Slot } from './projection';
import { ReadModelDatabase } from './read-model-database';

/** The checkpoint row of one slot of a projection. */
export function projectionCheckpointName(projection: string, slot: Slot): string {
  return `projection:${projection}:${slot}`;
}

export interface RunnerEvents {
  /** Called after each committed batch with the new checkpoint. */
  onCommitted?(checkpoint: string): void;
  onFailed?(error: Error): void;
}

/**
 * Feeds one slot of a projection from the log. Each batch and its checkpoint commit in one
 * transaction, so a crash can neither apply an event twice nor skip one. The checkpoint only moves
 * from the value this runner read (see advanceCheckpoint), so a second runner cannot commit the same
 * batch; which replica runs at all is decided by a lease (see Exclusive and ProjectionHost).
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private position: string | undefined;
  private waiters: Array<{ checkpoint: string; resolve: () => void }> = [];
  failure?: Error;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly projection: ProjectionDefinition,
    readonly slot: Slot,
    private readonly schemas: Record<string, EntitySchema<ObjectLiteral>>,
    private readonly hooks: RunnerEvents = {},
  ) {}

  get checkpointName(): string {
    return projectionCheckpointName(this.projection.name, this.slot);
  }

  get checkpoint(): string | undefined {
    return this.position;
  }

  async start(batchSize = 500): Promise<void> {
    this.failure = undefined;
    this.position = await loadCheckpoint(this.db.manager, this.checkpointName);
    this.subscription = this.store.subscribe(
      { after: this.position, filter: this.projection.filter, batchSize },
      (events, checkpoint) => this.applyBatch(events, checkpoint),
    );
    void this.subscription.failed.then((error) => {
      this.failure = error;
      this.hooks.onFailed?.(error);
    });
  }

  /** Stops after the batch in flight has committed. */
  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Resolves when the runner has committed `checkpoint` or beyond; false on timeout. */
  waitFor(checkpoint: string, timeoutMs: number): Promise<boolean> {
    if (this.hasReached(checkpoint)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { checkpoint, resolve: () => finish(true) };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (reached: boolean) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(reached);
      };
      this.waiters.push(waiter);
    });
  }

  hasReached(checkpoint: string): boolean {
    return this.store.checkpoints.compare(this.position, checkpoint) >= 0;
  }

  async lag(): Promise<number> {
    return this.store.checkpoints.distance(this.position, await this.store.headCheckpoint());
  }

  private async applyBatch(events: EventEnvelope[], checkpoint: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const tables: ProjectionTables = {
        manager,
        repository: <T extends ObjectLiteral>(table: string) => {
          const schema = this.schemas[table];
          if (!schema) throw new Error(`Projection ${this.projection.name} has no table ${table}`);
          return manager.getRepository<T>(schema as unknown as EntitySchema<T>);
        },
      };
      if (events.length) await this.projection.apply(events, tables);
      await advanceCheckpoint(manager, this.checkpointName, this.position, checkpoint);
    });
    this.position = checkpoint;
    this.hooks.onCommitted?.(checkpoint);
    for (const waiter of [...this.waiters]) if (this.hasReached(waiter.checkpoint)) waiter.resolve();
  }
}
