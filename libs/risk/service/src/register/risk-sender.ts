import { ModuleRef } from '@nestjs/core';
import { Aggregate, Command, DomainEvent, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender } from '@serviceledger/platform/scheduler';
import { RISK_ACTOR } from '@serviceledger/risk/domain';

/** Sends a due command to its aggregate, as the service itself, with the scheduler's deterministic id. */
export function riskSender<C extends Command, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>): (moduleRef: ModuleRef) => DueCommandSender {
  return (moduleRef) => {
    const commands = moduleRef.get(Commands, { strict: false });
    return async ({ type, data, commandId, at, cause }) => {
      await commands.execute(aggregate, { type, data, metadata: causedBy(cause, { commandId, at, actor: RISK_ACTOR }) } as unknown as C);
    };
  };
}
