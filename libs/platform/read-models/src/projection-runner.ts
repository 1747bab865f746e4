import { EventEnvelope, EventStore, Subscription } from '@serviceledger/platform/core';
import { EntitySchema, ObjectLiteral } from 'typeorm';
import { CheckpointConflictError, advanceCheckpoint, loadCheckpoint } from './checkpoint';
import { ParkedEventRecord, readParkedEvents } from './parked-events';
import { ProjectionDefinition, Slot } from './projection';
import { applyProjectionBatch } from './projection-batch';
import { FailedEvent, ProjectionEventError, clearFailure } from './projection-failure';
import { traceProjected } from './projection-tracing';
import { ReadModelDatabase } from './read-model-database';

/** The checkpoint row of one slot of a projection. */
export function projectionCheckpointName(projection: string, slot: Slot): string {
  return `projection:${projection}:${slot}`;
}

/**
 * How long a checkpoint passed with nothing to apply may wait to be written: the passes of that time share one
 * transaction. Readers in this process wait on the runner itself and see it at once; only another process's
 * `?after=` waits for the row, at most this much longer.
 */
export const PASS_OVER_WRITE_MS = 100;

export interface RunnerEvents {
  /** Called after each commit of the checkpoint: a batch's, or that of events passed over (PASS_OVER_WRITE_MS). */
  onCommitted?(checkpoint: string): void;
  /** The runner stopped on this error (a ProjectionEventError names the event); it retries if given a retry interval. */
  onFailed?(error: Error): void;
  /** The runner committed past the event it had failed on (the projection was fixed, or the event parked). */
  onRecovered?(failed: FailedEvent): void;
  /** The runner left out an event an operator parked for this projection. */
  onSkipped?(event: EventEnvelope, parked: ParkedEventRecord): void;
}

/**
 * Feeds one slot of a projection from the log. Each batch and its checkpoint commit in one
 * transaction, so a crash can neither apply an event twice nor skip one. The checkpoint only moves
 * from the value this runner read (see advanceCheckpoint), so a second runner cannot commit the same
 * batch; which replica runs at all is decided by a lease (see Exclusive and ProjectionHost).
 *
 * When a batch fails, the runner applies it again one event at a time, so that it stops just before
 * the event it cannot apply and can name it (ProjectionEventError). Events parked for the projection
 * (see parked-events.ts) are left out; the parked set is read each time the runner starts or retries.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private position: string | undefined;
  /** The checkpoint row: behind `position` while passed-over events wait to be written (PASS_OVER_WRITE_MS). */
  private written: string | undefined;
  private writeTimer?: NodeJS.Timeout;
  /** Batches and the deferred write of passed-over events run one at a time. */
  private serial: Promise<unknown> = Promise.resolve();
  private waiters: Array<{ checkpoint: string; resolve: () => void; give: () => void }> = [];
  private parked = new Map<string, ParkedEventRecord>();
  private batchSize = 500;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  failure?: Error;
  /** The event this runner is stuck on, until it commits past it. */
  failedEvent?: FailedEvent;

  /** `retryMs`: after a failure, start again from the checkpoint this often; without it, stay stopped. */
  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly projection: ProjectionDefinition,
    readonly slot: Slot,
    private readonly schemas: Record<string, EntitySchema<ObjectLiteral>>,
    private readonly hooks: RunnerEvents = {},
    private readonly retryMs?: number,
  ) {}

  get checkpointName(): string {
    return projectionCheckpointName(this.projection.name, this.slot);
  }

  get checkpoint(): string | undefined {
    return this.position;
  }

  async start(batchSize = 500): Promise<void> {
    this.stopped = false;
    this.batchSize = batchSize;
    await this.subscribe();
  }

  /** Stops after the batch in flight has committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** After a failure, starts again at once rather than at the next retry (an operator parked the event). */
  async retry(): Promise<void> {
    if (!this.failure || this.stopped) return;
    clearTimeout(this.retryTimer);
    await this.subscribe().catch((error: Error) => this.failed(error));
  }

  /**
   * Resolves when the runner has committed `checkpoint` or beyond; false on timeout, and at once while
   * it is stopped on an event before that checkpoint (a retry in progress is waited for).
   */
  waitFor(checkpoint: string, timeoutMs: number): Promise<boolean> {
    if (this.hasReached(checkpoint)) return Promise.resolve(true);
    if (this.failure && this.failedEvent) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = { checkpoint, resolve: () => finish(true), give: () => finish(false) };
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

  private async subscribe(): Promise<void> {
    this.failure = undefined;
    const [position, parked] = await Promise.all([
      loadCheckpoint(this.db.manager, this.checkpointName),
      readParkedEvents(this.store, this.projection.name),
    ]);
    if (this.stopped) return;
    this.position = this.written = position;
    this.parked = new Map(parked.map((p) => [p.eventId, p]));
    const subscription = this.store.subscribe(
      { after: this.position, filter: this.projection.filter, batchSize: this.batchSize },
      (events, checkpoint) => this.exclusive(() => this.applyBatch(events, checkpoint)),
    );
    this.subscription = subscription;
    void subscription.failed.then((error) => this.failed(error));
  }

  private failed(error: Error): void {
    this.failure = error;
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    if (error instanceof ProjectionEventError) {
      const since = this.failedEvent?.eventId === error.failed.eventId ? this.failedEvent.failedAt : error.failed.failedAt;
      this.failedEvent = { ...error.failed, failedAt: since };
    }
    if (this.failedEvent) for (const waiter of [...this.waiters]) waiter.give();
    this.hooks.onFailed?.(error);
    // A conflict means another replica runs the projection: the host steps down instead.
    if (this.retryMs === undefined || this.stopped || error instanceof CheckpointConflictError) return;
    this.retryTimer = setTimeout(() => void this.retry(), this.retryMs);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  private async applyBatch(events: EventEnvelope[], checkpoint: string): Promise<void> {
    if (events.length === 0 && !this.failedEvent) return this.passOver(checkpoint);
    const applicable = events.filter((event) => !this.isParked(event));
    try {
      await this.commit(applicable, checkpoint);
    } catch (error) {
      if (error instanceof CheckpointConflictError || applicable.length === 0) throw error;
      for (const event of applicable) {
        try {
          await this.commit([event], event.checkpoint);
        } catch (cause) {
          throw cause instanceof CheckpointConflictError ? cause : ProjectionEventError.of(this.projection.name, this.slot, event, cause);
        }
      }
      await this.commit([], checkpoint);
    }
  }

  private isParked(event: EventEnvelope): boolean {
    const parked = this.parked.get(event.id);
    if (parked) this.hooks.onSkipped?.(event, parked);
    return parked !== undefined;
  }

  private async commit(events: EventEnvelope[], checkpoint: string): Promise<void> {
    const startedAt = Date.now();
    await this.db.transaction(async (manager) => {
      if (events.length) await applyProjectionBatch(this.projection, manager, this.schemas, events);
      await advanceCheckpoint(manager, this.checkpointName, this.written, checkpoint);
      // Past the event it was stuck on: no replica may read the failure beside the new checkpoint.
      if (this.failedEvent && this.store.checkpoints.compare(checkpoint, this.failedEvent.checkpoint) >= 0) {
        await clearFailure(manager, this.projection.name, { slot: this.slot });
      }
    });
    this.written = checkpoint;
    traceProjected(this.projection.name, events, startedAt);
    this.reached(checkpoint);
    this.hooks.onCommitted?.(checkpoint);
  }

  /** Events with nothing for this projection: reached at once, written with the next batch or within PASS_OVER_WRITE_MS. */
  private passOver(checkpoint: string): void {
    this.reached(checkpoint);
    this.writeTimer ??= setTimeout(() => {
      this.writeTimer = undefined;
      this.exclusive(() => this.writePassedOver()).catch((error: Error) => this.abandon(error));
    }, PASS_OVER_WRITE_MS).unref();
  }

  private async writePassedOver(): Promise<void> {
    const to = this.position;
    if (this.stopped || to === undefined || to === this.written) return;
    await this.db.transaction((manager) => advanceCheckpoint(manager, this.checkpointName, this.written, to));
    this.written = to;
    this.hooks.onCommitted?.(to);
  }

  /** A deferred write failed (another runner moved the checkpoint, or the database): stop as a batch's failure would. */
  private abandon(error: Error): void {
    void this.subscription?.stop();
    this.subscription = undefined;
    this.failed(error);
  }

  private reached(checkpoint: string): void {
    this.position = checkpoint;
    const failed = this.failedEvent;
    if (failed && this.hasReached(failed.checkpoint)) {
      this.failedEvent = undefined;
      this.hooks.onRecovered?.(failed);
    }
    for (const waiter of [...this.waiters]) if (this.hasReached(waiter.checkpoint)) waiter.resolve();
  }
}
