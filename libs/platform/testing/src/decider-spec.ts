import { Actor, Command, Decider, DomainEvent, fold } from '@serviceledger/platform/core';

/**
 * The decider spec kit: given events, when a command, then the events it decides or the rule it refuses.
 * Domain specs import it as `@serviceledger/platform/testing/decider-spec`, which loads platform/core only;
 * the kit's index would load Nest, TypeORM and Kafka into every pure domain spec.
 */
export function deciderSpec<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  const when = (given: E[], command: C): E[] => decider.decide(command, fold(decider, given));
  return {
    when,
    stateAfter: (events: E[]): S => fold(decider, events),
    /** The error the command is refused with; fails the spec when the command is decided instead. */
    refusal(given: E[], command: C): unknown {
      try {
        when(given, command);
      } catch (error) {
        return error;
      }
      throw new Error(`expected ${command.type} to be refused`);
    },
  };
}

/** Matches the `RuleViolation` of the rule with this code. */
export const refused = (code: string) => ({ name: 'RuleViolation', code });

export interface CommandOptions {
  at?: string;
  actor?: Actor;
}

/** A typed command builder with the metadata every command carries. */
export function commandsOf<C extends Command>(defaults: { at: string; actor: Actor }) {
  return <T extends C['type']>(type: T, data: Extract<C, { type: T }>['data'], options: CommandOptions = {}): C =>
    ({
      type,
      data,
      metadata: {
        commandId: `cmd-${type}`,
        at: options.at ?? defaults.at,
        actor: options.actor ?? defaults.actor,
        correlationId: 'cor-1',
      },
    }) as unknown as C;
}

export const actor = (userId: string, roles: string[], departments: string[]): Actor => ({ userId, roles, departments });
