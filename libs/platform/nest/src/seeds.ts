import { Inject, Injectable } from '@nestjs/common';
import { Aggregate, Clock, Command, DomainEvent, seedMetadata } from '@serviceledger/platform/core';
import { Commands } from './commands';
import { CLOCK } from './tokens';

/** Configuration a fresh installation starts with (a calendar, policies, a rule book, a survey). */
export interface Seed<C extends Command = Command, E extends DomainEvent = DomainEvent, S = unknown> {
  aggregate: Aggregate<C, E, S>;
  id: string;
  /** Sown only while this holds: a seed never overwrites what an administrator defined. */
  isEmpty(state: S): boolean;
  /** Sent in order; each command's id derives from its key (unique within the service), so replicas sowing at once append it once. */
  commands: Array<{ key: string; command: Omit<C, 'metadata'> }>;
}

/** The one way a service seeds its configuration at start-up: through the command path, each seed only while empty. */
@Injectable()
export class Seeds {
  constructor(
    private readonly commands: Commands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async sow(service: string, seeds: Seed[]): Promise<void> {
    for (const seed of seeds) {
      if (!seed.isEmpty(await this.commands.state(seed.aggregate, seed.id))) continue;
      for (const { key, command } of seed.commands) {
        await this.commands.execute(seed.aggregate, { ...command, metadata: seedMetadata(service, key, this.clock.now()) } as Command);
      }
    }
  }
}
