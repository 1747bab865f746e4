import { Inject, Injectable } from '@nestjs/common';
import { CommandMetadata } from '@serviceledger/platform/core';
import { CommandAccepted, Commands, PLATFORM_CONFIG, PlatformConfig, READ_MODEL_DB } from '@serviceledger/platform/nest';
import { ProjectionHost, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { customers } from '@serviceledger/intake/domain';
import { CUSTOMERS_PROJECTION } from '../projections/customers.projection';
import { DEMANDS_PROJECTION } from '../projections/demands.projection';

/**
 * erases a customer's personal data. `CustomerErased` destroys their data key as it is appended
 * (ADR 0016), so every event reads their fields as erased; the read models rewrite their copies when
 * they pass it, and then the read-model database's log, which still holds the rows as they were, is
 * emptied. When the projections do not get there in time (another process runs them), the erasure
 * stands all the same and SQLite's own checkpoints overwrite the log later.
 */
@Injectable()
export class CustomerErasure {
  constructor(
    private readonly commands: Commands,
    private readonly host: ProjectionHost,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async erase(customerId: string, reason: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    const accepted = await this.commands.execute(customers, { type: 'EraseCustomer', data: { customerId, reason }, metadata });
    if (accepted.checkpoint === undefined) return accepted;
    const passed = await Promise.all(
      [CUSTOMERS_PROJECTION, DEMANDS_PROJECTION].map((name) => this.host.waitFor(name, accepted.checkpoint!, this.config.READ_WAIT_MAX_MS)),
    );
    if (passed.every(Boolean)) await this.db.truncateLog();
    return accepted;
  }
}
