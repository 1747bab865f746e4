import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, newId } from '@serviceledger/platform/core';
import { CLOCK, CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { RecordPersonalDataAccess, personalDataAccessLogs } from '@serviceledger/intake/domain';

/** who read whose personal data, when, which of it, and why; recorded before the unmasked read is answered. */
@Injectable()
export class PersonalDataAccesses {
  constructor(
    private readonly commands: Commands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Answers the checkpoint to read the access register after. */
  async record(actor: Actor, access: RecordPersonalDataAccess['data']): Promise<CommandAccepted> {
    const commandId = newId();
    return this.commands.execute(personalDataAccessLogs, {
      type: 'RecordPersonalDataAccess',
      data: access,
      metadata: { commandId, at: this.clock.now().toISOString(), actor, correlationId: commandId },
    });
  }
}
