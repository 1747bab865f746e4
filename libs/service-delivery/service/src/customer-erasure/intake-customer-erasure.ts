import { Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Clock, assertContract, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { CLOCK, Commands, PLATFORM_CONFIG, PlatformConfig, READ_MODEL_DB, ReadModels } from '@serviceledger/platform/nest';
import { ProjectionHost, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { CUSTOMER_ERASED_V1, INTAKE_CONTRACTS, INTAKE_CUSTOMER_TOPIC, isIntakeEvent } from '@serviceledger/intake/contracts';
import { customerErasures } from '@serviceledger/service-delivery/domain';
import { SERVICE_DELIVERY_ACTOR } from '../configuration';
import { CaseRow } from '../projections/case-rows';
import { CASES_PROJECTION } from '../projections/cases.projection';
import { MEETINGS_PROJECTION } from '../projections/meetings.projection';

export const INTAKE_CUSTOMER_ERASURE_CONSUMER = 'service-delivery.intake-customer-erasure';

/**
 * R-3.1 (五(三)1 嚴格控制客戶信息的訪問權限,防止客戶信息泄露), ADR 0016: a customer erased in intake (`customer.erased`)
 * is erased here. Recording the erasure destroys service-delivery's own data key of the customer (in a
 * store it shares with intake, the key intake destroyed already: nothing changes), so the acceptance
 * signatories in its log read as erased; the cases projection rewrites its copies. The command id derives
 * from the message id, so a redelivery appends nothing; a second erasure of the customer appends nothing
 * either. The erasure names the customer's cases as the cases read model has them, for the meetings read
 * model, which knows a meeting's case but not the case's customer.
 *
 * Once the projections have passed the erasure, the read-model database's log, which still holds the rows
 * as they were, is emptied, as intake's erasure route does. Not within the handling: the inbox's
 * transaction holds that database, which the projection needs to get there.
 */
export function intakeCustomerErasure(moduleRef: ModuleRef): ConsumerOptions {
  const commands = moduleRef.get(Commands, { strict: false });
  const clock = moduleRef.get<Clock>(CLOCK, { strict: false });
  const config = moduleRef.get<PlatformConfig>(PLATFORM_CONFIG, { strict: false });
  const host = moduleRef.get(ProjectionHost, { strict: false });
  const db = moduleRef.get<ReadModelDatabase>(READ_MODEL_DB, { strict: false });
  const readModels = moduleRef.get(ReadModels, { strict: false });
  const logger = new Logger(INTAKE_CUSTOMER_ERASURE_CONSUMER);

  async function emptyLogOnceProjected(checkpoint: string): Promise<void> {
    try {
      const passed = await Promise.all([CASES_PROJECTION, MEETINGS_PROJECTION].map((name) => host.waitFor(name, checkpoint, config.READ_WAIT_MAX_MS)));
      if (passed.every(Boolean)) await db.truncateLog();
    } catch (error) {
      // The erasure stands: SQLite's own checkpoints overwrite the log later.
      logger.warn(`The read-model log was not emptied after an erasure: ${error}`);
    }
  }

  return {
    name: INTAKE_CUSTOMER_ERASURE_CONSUMER,
    topics: [INTAKE_CUSTOMER_TOPIC],
    contracts: INTAKE_CONTRACTS,
    async handle(message: IntegrationMessage) {
      if (!isIntakeEvent(message, CUSTOMER_ERASED_V1)) return;
      assertContract(CUSTOMER_ERASED_V1, message.data);
      const at = clock.now().toISOString();
      const { customerId, erasedAt } = message.data;
      const cases = await readModels.repository<CaseRow>(CASES_PROJECTION, 'case').find({ where: { customerId }, select: { caseId: true } });
      const { checkpoint } = await commands.execute(customerErasures, {
        type: 'EraseCustomerData',
        data: { customerId, erasedAt, caseIds: cases.map(({ caseId }) => caseId) },
        metadata: causedBy(message, { commandId: commandIdFrom(message.id, 'erase-customer'), at, actor: SERVICE_DELIVERY_ACTOR }),
      });
      if (checkpoint !== undefined) void emptyLogOnceProjected(checkpoint);
    },
  };
}
