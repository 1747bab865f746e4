import { Lease, Leases } from './leases';

/** Work that exactly one replica may run at a time. */
export interface ExclusiveWork {
  /** This replica now holds the lease: start the work (resolve once started). */
  lead(): Promise<void>;
  /** The lease is being given up, or was lost: stop the work (resolve once stopped). */
  abdicate(): Promise<void>;
  /** Another replica holds the lease; called on every retry (e.g. to follow its progress). */
  follow?(): Promise<void>;
}

export interface ExclusiveOptions {
  /** How often a waiting replica tries to take over (default 1000 ms). */
  retryMs?: number;
  onError?(error: unknown): void;
}

/**
 * A replica whose lease was lost waits this many retries before it tries again, so that a replica
 * whose connection held takes over rather than the one whose connection just failed.
 */
const RETRIES_SKIPPED_AFTER_LOSS = 5;

/**
 * Runs `work` on the one replica that holds the lease `name`; the others wait, retrying, and one
 * of them takes over when the holder stops or its lease is lost. Every transition is serialised.
 */
export class Exclusive {
  private lease?: Lease;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private serial: Promise<void> = Promise.resolve();

  constructor(
    private readonly leases: Leases,
    readonly name: string,
    private readonly work: ExclusiveWork,
    private readonly options: ExclusiveOptions = {},
  ) {}

  get leading(): boolean {
    return this.lease !== undefined;
  }

  /** Makes the first attempt: resolves once this replica leads, or follows. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.run(() => this.attempt());
    this.scheduleRetry();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.run(() => this.giveUp());
  }

  /** Gives the lease up (e.g. another replica was found writing) and goes back to waiting. */
  async stepDown(): Promise<void> {
    await this.run(() => this.giveUp());
    this.scheduleRetry();
  }

  private run(step: () => Promise<void>): Promise<void> {
    const next = this.serial.then(step);
    this.serial = next.catch(() => undefined);
    return next;
  }

  private async attempt(): Promise<void> {
    if (this.stopped || this.lease) return;
    try {
      const lease = await this.leases.tryAcquire(this.name);
      if (!lease) {
        await this.work.follow?.();
        return;
      }
      this.lease = lease;
      void lease.lost.then(() => {
        if (this.lease !== lease) return;
        void this.run(() => this.giveUp()).then(() => this.scheduleRetry(this.retryMs * RETRIES_SKIPPED_AFTER_LOSS));
      });
      await this.work.lead();
    } catch (error) {
      this.options.onError?.(error);
      await this.giveUp();
    }
  }

  private async giveUp(): Promise<void> {
    const lease = this.lease;
    if (!lease) return;
    this.lease = undefined;
    try {
      await this.work.abdicate();
    } finally {
      await lease.release().catch(() => undefined);
    }
  }

  private get retryMs(): number {
    return this.options.retryMs ?? 1000;
  }

  private scheduleRetry(delayMs = this.retryMs): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.run(() => this.attempt()).finally(() => this.scheduleRetry());
    }, delayMs);
    this.timer.unref?.();
  }
}
