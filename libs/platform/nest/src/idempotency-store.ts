import { Inject, Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Clock } from '@serviceledger/platform/core';
import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { IdempotencyRow, IdempotencyTable } from './idempotency-table';
import { PlatformConfig } from './platform-config';
import { CLOCK, PLATFORM_CONFIG, READ_MODEL_DB } from './tokens';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The responses kept for Idempotency-Key retries, for IDEMPOTENCY_RETENTION_HOURS (24 by default, as
 * payment APIs keep theirs). An expired response is never replayed, and expired rows are deleted at
 * most once an hour per process, as a response is saved: no timer to own, and an idle process holds
 * nothing it would need to sweep.
 */
@Injectable()
export class IdempotencyStore {
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** The response kept for the scope, unless it has expired. */
  async find(scope: string): Promise<IdempotencyRow | null> {
    const stored = await this.db.manager.getRepository(IdempotencyTable).findOneBy({ scope });
    return stored && stored.createdAt > this.cutoff() ? stored : null;
  }

  async save(row: Omit<IdempotencyRow, 'createdAt'>): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction((m) => m.getRepository(IdempotencyTable).upsert({ ...row, createdAt: now }, ['scope']));
    if (now.getTime() - this.lastSweepMs < HOUR_MS) return;
    this.lastSweepMs = now.getTime();
    await this.db.manager.getRepository(IdempotencyTable).delete({ createdAt: LessThan(this.cutoff()) });
  }

  private cutoff(): Date {
    return new Date(this.clock.now().getTime() - this.config.IDEMPOTENCY_RETENTION_HOURS * HOUR_MS);
  }
}
