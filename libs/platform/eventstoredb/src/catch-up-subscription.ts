import { Position, START } from '@eventstore/db-client';
import {
  EventEnvelope,
  EventFilter,
  ReadAllOptions,
  ReadAllResult,
  Subscription,
  SubscriptionHandler,
} from '@serviceledger/platform/core';
import { formatCheckpoint, isAfter, parseCheckpoint } from './checkpoints';
import { EsdbClient, EsdbSubscription } from './client';
import { RecordedLike, isDelivered, positionOf, serverFilter, toEnvelope } from './mapping';

export interface CatchUpTuning {
  /** Most events per handler call (default 500). */
  batchSize: number;
  /**
   * How often the server reports how far a filtered subscription has scanned, in multiples of its search
   * window of 32 events (default 10: every 320 events considered). Each report moves the checkpoint past
   * events the filter left out, with a handler call that carries no events.
   */
  checkpointInterval: number;
  /**
   * After this long without anything from the server (ms), check whether the log moved on with nothing
   * for this filter, and if so move the checkpoint to where it did (default 1000; 0 turns it off). The
   * server only reports every `checkpointInterval` events, so without this a projection whose filter
   * leaves out the newest events would never reach the head of a quiet log.
   */
  idleCheckpointMs: number;
  /**
   * Delay before re-subscribing after a dropped connection: doubles from `initialDelayMs` up to `maxDelayMs`,
   * and starts over once the server confirms a subscription or sends anything.
   */
  reconnect: { initialDelayMs: number; maxDelayMs: number };
  /** Told about every dropped connection before the next attempt (default: a console warning). */
  onConnectionError(error: Error, attempt: number): void;
}

export const DEFAULT_CATCH_UP_TUNING: CatchUpTuning = {
  batchSize: 500,
  checkpointInterval: 10,
  idleCheckpointMs: 1000,
  reconnect: { initialDelayMs: 100, maxDelayMs: 10_000 },
  onConnectionError(error, attempt) {
    console.warn(`EventStoreDB subscription dropped (attempt ${attempt}), resubscribing from its checkpoint: ${error.message}`);
  },
};

/** What a catch-up subscription needs from the store. */
export interface CatchUpSource {
  client: Pick<EsdbClient, 'subscribeToAll'>;
  /** The store's own readAll: exclusive of `after`, system events and the filter applied. */
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  headCheckpoint(): Promise<string | undefined>;
}

export interface CatchUpOptions {
  after?: string;
  filter?: EventFilter;
}

/**
 * A report from the server that it scanned up to `position` with nothing (more) for the filter. It is put
 * into the subscription's own stream by the `checkpointReached` callback, which the client calls (and
 * awaits) in the middle of its transform, so it lands after every event the server sent before it.
 */
export class CheckpointMarker {
  constructor(readonly position: Position) {}
}

/** An error that ends the subscription: the handler threw (or an event could not be mapped). */
class Fatal {
  constructor(readonly error: Error) {}
}

/**
 * A catch-up subscription to `$all` that survives dropped connections.
 *
 * - It subscribes from the last checkpoint the handler returned from (exclusive: the server sends events
 *   after that position), with the server-side filter of `serverFilter`, and checks each event again here.
 * - It consumes the client's subscription, an object-mode Readable, with `for await`: nothing more is read
 *   while the handler runs, so the server is held back (back-pressure) rather than buffered without bound.
 *   Events already buffered are handed over together, up to `batchSize`.
 * - When the stream fails or ends, it re-subscribes from the last handled checkpoint after a growing delay;
 *   anything received but not yet handled is received again. `failed` resolves only when the handler
 *   throws; connection errors are retried for as long as the subscription runs.
 */
export class CatchUpSubscription implements Subscription {
  readonly failed: Promise<Error>;
  private position: Position | undefined;
  private stopping = false;
  private failure: Error | undefined;
  private current: EsdbSubscription | undefined;
  private wake: (() => void) | undefined;
  private lane: Promise<void> = Promise.resolve();
  private lastActivity = Date.now();
  private idleTimer: NodeJS.Timeout | undefined;
  private idleRun: Promise<void> = Promise.resolve();
  private idleBusy = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: CatchUpOptions,
    private readonly handler: SubscriptionHandler,
    private readonly tuning: CatchUpTuning = DEFAULT_CATCH_UP_TUNING,
  ) {
    if (!(tuning.batchSize >= 1) || !(tuning.checkpointInterval >= 1)) {
      throw new RangeError('batchSize and checkpointInterval must be at least 1');
    }
    this.loop = this.run();
    this.failed = this.loop.then(() => this.failure ?? new Promise<Error>(() => undefined));
  }

  /** The last checkpoint the handler returned from (or the one it started after). */
  get checkpoint(): string | undefined {
    return this.position && formatCheckpoint(this.position);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const current = this.current;
    if (current && !current.destroyed) current.destroy();
    await this.loop;
  }

  private async run(): Promise<void> {
    try {
      this.position = this.options.after === undefined ? undefined : parseCheckpoint(this.options.after);
    } catch (error) {
      this.failure = toError(error);
      return;
    }
    let attempt = 0;
    while (!this.stopping) {
      let subscription: EsdbSubscription | undefined;
      let dropped: Error | undefined;
      try {
        subscription = this.source.client.subscribeToAll({
          fromPosition: this.position ?? START,
          resolveLinkTos: false,
          filter: serverFilter(this.options.filter, {
            checkpointInterval: this.tuning.checkpointInterval,
            checkpointReached: (from, position) => pushMarker(from as unknown as EsdbSubscription, position),
          }),
        });
        // An error the client emits after we stopped listening (a late transport error) must not crash the process.
        subscription.on('error', () => undefined);
        // Connected again: the next drop starts over from the shortest delay, even if no event came.
        subscription.on('confirmation', () => (attempt = 0));
        this.current = subscription;
        if (this.stopping) break;
        this.startIdleTimer();
        for await (const first of subscription) {
          attempt = 0;
          this.lastActivity = Date.now();
          const items = [first];
          while (items.length < this.tuning.batchSize && subscription.readableLength > 0) {
            const next = subscription.read();
            if (next === null) break;
            items.push(next);
          }
          await this.serialized(() => this.deliver(items));
          if (this.stopping) break;
        }
        if (!this.stopping) dropped = new Error('EventStoreDB ended the subscription');
      } catch (error) {
        if (error instanceof Fatal) this.fail(error.error);
        else if (!this.stopping) dropped = toError(error);
      } finally {
        this.stopIdleTimer();
        this.current = undefined;
        if (subscription) await close(subscription);
      }
      if (dropped && !this.stopping) {
        attempt += 1;
        this.tuning.onConnectionError(dropped, attempt);
        const { initialDelayMs, maxDelayMs } = this.tuning.reconnect;
        await this.sleep(Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt - 1, 30)));
      }
    }
    this.stopIdleTimer();
    await this.idleRun;
    await this.lane;
  }

  /** Hands one batch to the handler; whatever is not after the last checkpoint was handled already. */
  private async deliver(items: unknown[]): Promise<void> {
    if (this.stopping) return;
    try {
      const events: EventEnvelope[] = [];
      let reached: Position | undefined;
      for (const item of items) {
        const record = item instanceof CheckpointMarker ? undefined : (item as { event?: RecordedLike }).event;
        const position = item instanceof CheckpointMarker ? item.position : record && positionOf(record);
        if (!position || !isAfter(position, reached ?? this.position)) continue;
        reached = position;
        if (record && isDelivered(record, this.options.filter)) events.push(toEnvelope(record, position));
      }
      if (!reached) return;
      await this.handler(events, formatCheckpoint(reached));
      this.position = reached;
    } catch (error) {
      throw new Fatal(toError(error));
    }
  }

  /** One handler call at a time, in order, whoever asks (the stream or the idle check). */
  private serialized(task: () => Promise<void>): Promise<void> {
    const run = this.lane.then(task);
    this.lane = run.catch(() => undefined);
    return run;
  }

  private startIdleTimer(): void {
    const every = this.tuning.idleCheckpointMs;
    if (every <= 0) return;
    this.lastActivity = Date.now();
    this.idleTimer = setInterval(() => {
      if (this.idleBusy || this.stopping || Date.now() - this.lastActivity < every) return;
      this.idleBusy = true;
      this.idleRun = this.advanceWhileIdle().finally(() => (this.idleBusy = false));
    }, every);
    this.idleTimer.unref?.();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = undefined;
  }

  /**
   * The log moved on, but nothing came for this filter: read from the checkpoint ourselves and, if the
   * read finds nothing for the filter, move the checkpoint to where the read got. That is safe: every
   * event up to there was read and left out, and a later event has a later position (the log is written
   * in order, and nothing becomes visible behind what is already visible).
   */
  private async advanceWhileIdle(): Promise<void> {
    try {
      const from = this.position;
      const head = await this.source.headCheckpoint();
      if (head === undefined || !isAfter(parseCheckpoint(head), from)) return;
      const scan = await this.source.readAll({
        after: from && formatCheckpoint(from),
        filter: this.options.filter,
        batchSize: this.tuning.batchSize,
      });
      if (scan.events.length > 0 || scan.checkpoint === undefined) return;
      const reached = parseCheckpoint(scan.checkpoint);
      await this.serialized(async () => {
        if (this.stopping || !isAfter(reached, this.position)) return;
        try {
          await this.handler([], formatCheckpoint(reached));
        } catch (error) {
          throw new Fatal(toError(error));
        }
        this.position = reached;
      });
    } catch (error) {
      // A failed read is retried at the next idle tick; only the handler can end the subscription.
      if (error instanceof Fatal) this.fail(error.error);
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.stopping = true;
    this.wake?.();
    const current = this.current;
    if (current && !current.destroyed) current.destroy();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = undefined;
    });
  }
}

function pushMarker(subscription: EsdbSubscription, position: Position): void {
  try {
    if (!subscription.destroyed) subscription.push(new CheckpointMarker(position));
  } catch {
    // The subscription is being torn down; the checkpoint will be reported again after re-subscribing.
  }
}

/** Cancels the server call and frees the stream, without waiting long for a connection that is gone. */
async function close(subscription: EsdbSubscription): Promise<void> {
  if (!subscription.destroyed) subscription.destroy();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    subscription.unsubscribe().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000))),
  ]);
  clearTimeout(timer);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
