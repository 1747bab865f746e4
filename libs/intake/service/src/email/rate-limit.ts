const MINUTE_MS = 60_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A rate per key (a client address, a sender): a bucket of `perMinute` messages, refilled evenly over a
 * minute, so a burst of that size passes and a flood is held to the rate. A key with a full bucket is
 * forgotten, so invented keys cost nothing after a minute.
 */
export class RateLimit {
  private readonly buckets = new Map<string, Bucket>();
  private sweptAt: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweptAt = now();
  }

  /** Whether the key may send one more message now. */
  allows(key: string): boolean {
    return this.tokens(key, this.now()) >= 1;
  }

  /** Counts one message of the key's; call it once `allows` said yes. */
  take(key: string): void {
    const at = this.now();
    this.buckets.set(key, { tokens: this.tokens(key, at) - 1, at });
    this.sweep(at);
  }

  private tokens(key: string, at: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.perMinute;
    return Math.min(this.perMinute, bucket.tokens + ((at - bucket.at) * this.perMinute) / MINUTE_MS);
  }

  private sweep(at: number): void {
    if (at - this.sweptAt < MINUTE_MS) return;
    this.sweptAt = at;
    for (const key of [...this.buckets.keys()]) {
      if (this.tokens(key, at) >= this.perMinute) this.buckets.delete(key);
    }
  }
}
