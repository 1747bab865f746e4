import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CommandMetadata, EventStore } from '@serviceledger/platform/core';
import { CommandAccepted, Commands, EVENT_STORE, PLATFORM_CONFIG, PlatformConfig, READ_MODEL_DB, ReadModels } from '@serviceledger/platform/nest';
import { ProjectionHost, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { CustomerEvent, customerStream, customers } from '@serviceledger/intake/domain';
import { UNVERIFIED_SENDERS } from '../email/unverified-senders';
import { CUSTOMERS_PROJECTION } from '../projections/customers.projection';
import { DemandRow } from '../projections/demand-rows';
import { DEMANDS_PROJECTION } from '../projections/demands.projection';

/**
 * erases a customer's personal data. `CustomerErased` destroys their data key as it is appended
 * (ADR 0016), so every event reads their fields as erased; the read models rewrite their copies when
 * they pass it, and then the read-model database's log, which still holds the rows as they were, is
 * emptied. When the projections do not get there in time (another process runs them), the erasure
 * stands all the same and SQLite's own checkpoints overwrite the log later.
 *
 * Mail from an address no customer was known by is filed under the unverified senders, each demand its
 * own data subject (personal-data.ts): the erasure names those whose sender is an address the customer
 * has had, so that their contact and text are erased with the customer's.
 */
@Injectable()
export class CustomerErasure {
  constructor(
    private readonly commands: Commands,
    private readonly host: ProjectionHost,
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async erase(customerId: string, reason: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    const unverifiedDemandIds = await this.unverifiedDemandsOf(customerId);
    const accepted = await this.commands.execute(customers, { type: 'EraseCustomer', data: { customerId, reason, unverifiedDemandIds }, metadata });
    if (accepted.checkpoint === undefined) return accepted;
    const passed = await Promise.all(
      [CUSTOMERS_PROJECTION, DEMANDS_PROJECTION].map((name) => this.host.waitFor(name, accepted.checkpoint!, this.config.READ_WAIT_MAX_MS)),
    );
    if (passed.every(Boolean)) await this.db.truncateLog();
    return accepted;
  }

  /** The demands filed under the unverified senders from any address the customer has had. */
  private async unverifiedDemandsOf(customerId: string): Promise<string[]> {
    const history = (await this.store.streamExists(customerStream(customerId))) ? await this.store.readStream(customerStream(customerId)) : [];
    const addresses = new Set<string>();
    for (const event of history as unknown as CustomerEvent[]) {
      const email = event.type === 'CustomerRegistered' ? event.data.email : event.type === 'CustomerUpdated' ? event.data.changes.email : undefined;
      if (email) addresses.add(email);
    }
    if (addresses.size === 0) return [];
    const demands = this.readModels.repository<DemandRow>(DEMANDS_PROJECTION, 'demand');
    const filed = await demands.find({ where: { customerId: UNVERIFIED_SENDERS.customerId, contactEmail: In([...addresses]) }, select: { demandId: true } });
    return filed.map(({ demandId }) => demandId);
  }
}
