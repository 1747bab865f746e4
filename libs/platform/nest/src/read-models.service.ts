import { Inject, Injectable } from '@nestjs/common';
import { ObjectLiteral, Repository } from 'typeorm';
import { EventStore } from '@serviceledger/platform/core';
import { ProjectionHost } from '@serviceledger/platform/read-models';
import { PlatformConfig } from './platform-config';
import { InvalidInputException, ReadModelBehindError } from './problem-details';
import { EVENT_STORE, PLATFORM_CONFIG } from './tokens';

/** What a query asks of read-your-writes: the checkpoint to wait for, and whether a stale answer will do. */
export interface ReadAfter {
  after?: string;
  stale?: 'allow';
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
   * case it returns false and the caller answers from what is there.
   */
  async after(projection: string, read: ReadAfter | undefined): Promise<boolean> {
    const checkpoint = read?.after;
    if (checkpoint === undefined) return true;
    await this.possible(checkpoint);
    if (await this.host.waitFor(projection, checkpoint, this.config.READ_WAIT_MAX_MS)) return true;
    if (read?.stale === 'allow') return false;
    const reached = (await this.host.status()).find((s) => s.name === projection)?.checkpoint;
    throw new ReadModelBehindError(projection, checkpoint, reached);
  }

  private async possible(checkpoint: string): Promise<void> {
    const head = await this.store.headCheckpoint();
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
