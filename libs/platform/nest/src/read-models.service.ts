import { Inject, Injectable } from '@nestjs/common';
import { ObjectLiteral, Repository } from 'typeorm';
import { EventStore } from '@serviceledger/platform/core';
import { FailedEvent, ProjectionHost, describeFailedEvent } from '@serviceledger/platform/read-models';
import { PlatformConfig } from './platform-config';
import { InvalidInputException, ReadModelBehindError } from './problem-details';
import { EVENT_STORE, PLATFORM_CONFIG } from './tokens';

/** What a query asks of read-your-writes: the checkpoint to wait for, and whether a stale answer will do. */
export interface ReadAfter {
  after?: string;
  stale?: 'allow';
}

/** A query's `?after=` cannot be met: the projection is stuck on an event before the checkpoint (503, at once). */
export class ReadModelStuckError extends ReadModelBehindError {
  constructor(projection: string, wanted: string, reached: string | undefined, failed: FailedEvent) {
    super(projection, wanted, reached);
    this.message =
      `The read model ${projection} will not reach checkpoint ${wanted} until an operator acts (it is at ${reached ?? 'the start'}): ` +
      `${describeFailedEvent(failed)}; pass stale=allow to read it as it is`;
  }
}

/** The query side's one door to projections, with read-your-writes. */
@Injectable()
export class ReadModels {
  constructor(
    private readonly host: ProjectionHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  repository<T extends ObjectLiteral>(projection: string, table: string): Repository<T> {
    return this.host.repository<T>(projection, table);
  }

  /**
   * Waits, up to READ_WAIT_MAX_MS, until the projection has applied `read.after` (from a command's
   * response). A checkpoint that is malformed or beyond the store's head is refused at once (400, naming
   * `after`). When the bound passes, throws ReadModelBehindError (503) unless `stale: 'allow'`, in which
   * case it returns false and the caller answers from what is there. A projection stuck on an event
   * before the checkpoint will not get there: that answers at once, with ReadModelStuckError naming it.
   */
  async after(projection: string, read: ReadAfter | undefined): Promise<boolean> {
    const checkpoint = read?.after;
    if (checkpoint === undefined) return true;
    await this.possible(checkpoint);
    if (await this.host.waitFor(projection, checkpoint, this.config.READ_WAIT_MAX_MS)) return true;
    if (read?.stale === 'allow') return false;
    const status = (await this.host.status()).find((s) => s.name === projection);
    if (status?.failedEvent) throw new ReadModelStuckError(projection, checkpoint, status.checkpoint, status.failedEvent);
    throw new ReadModelBehindError(projection, checkpoint, status?.checkpoint);
  }

  private async possible(checkpoint: string): Promise<void> {
    // Not headCheckpoint: on PostgreSQL a command's own checkpoint may lie beyond it while another transaction is open.
    const head = await this.store.newestCheckpoint();
    let order: number | undefined;
    try {
      order = this.store.checkpoints.compare(checkpoint, head);
    } catch {
      order = undefined;
    }
    if (order === undefined) {
      throw new InvalidInputException([{ field: 'after', message: "after must be a checkpoint from a command's response" }]);
    }
    if (order > 0) {
      throw new InvalidInputException([{ field: 'after', message: `after is beyond the event store's newest checkpoint (${head ?? 'none'})` }]);
    }
  }
}
