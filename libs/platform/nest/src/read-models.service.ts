import { Inject, Injectable } from '@nestjs/common';
import { ObjectLiteral, Repository } from 'typeorm';
import { ProjectionHost } from '@serviceledger/platform/read-models';
import { PlatformConfig } from './platform-config';
import { PLATFORM_CONFIG } from './tokens';

/** The query side's one door to projections, with read-your-writes. */
@Injectable()
export class ReadModels {
  constructor(
    private readonly host: ProjectionHost,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  repository<T extends ObjectLiteral>(projection: string, table: string): Repository<T> {
    return this.host.repository<T>(projection, table);
  }

  /**
   * Waits, up to READ_WAIT_MAX_MS, until the projection has applied `checkpoint` (from a command's
   * response). Returns false when the bound passed; the caller still answers, from what is there.
   */
  async after(projection: string, checkpoint: string | undefined): Promise<boolean> {
    if (!checkpoint) return true;
    return this.host.waitFor(projection, checkpoint, this.config.READ_WAIT_MAX_MS);
  }
}
