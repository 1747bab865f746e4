import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Command, Decider, DomainEvent, HandleResult } from '@serviceledger/platform/core';
import { Decisions } from './decisions';

/**
 * The CommandBus message for a command that its decider alone decides: services send this rather
 * than writing a Nest handler per command. Use cases that consult other aggregates first get a
 * handler of their own, which ends in `Decisions.decide` all the same.
 */
export class Decide<C extends Command = Command, E extends DomainEvent = DomainEvent, S = unknown> {
  constructor(
    readonly stream: string,
    readonly decider: Decider<C, E, S>,
    readonly command: C,
  ) {}
}

@CommandHandler(Decide)
export class DecideHandler implements ICommandHandler<Decide, HandleResult<unknown>> {
  constructor(private readonly decisions: Decisions) {}

  execute({ stream, decider, command }: Decide): Promise<HandleResult<unknown>> {
    return this.decisions.decide(stream, decider, command);
  }
}
