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
    /** The state of the aggregate the events created; fails the spec when they leave none (`null`). */
    aggregateAfter(events: E[]): NonNullable<S> {
      const state = fold(decider, events);
      if (state === null || state === undefined) throw new Error('expected the events to create the aggregate');
      return state;
    },
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

/** A command's data, with the fields the builder fills in by default left optional. */
type DataWithDefaults<C extends Command, T extends C['type'], Defaults extends object> = [keyof Defaults] extends [never]
  ? Extract<C, { type: T }>['data']
  : Omit<Extract<C, { type: T }>['data'], keyof Defaults> & Partial<Defaults>;

/**
 * A typed command builder with the metadata every command carries, and optionally data every command
 * of the aggregate carries (its id), which a command may still give.
 */
export function commandsOf<C extends Command, Defaults extends object = Record<never, never>>(defaults: {
  at: string;
  actor: Actor;
  data?: Defaults;
}) {
  return <T extends C['type']>(type: T, data: DataWithDefaults<C, T, Defaults>, options: CommandOptions = {}): C =>
    ({
      type,
      data: { ...defaults.data, ...(data as object) },
      metadata: {
        commandId: `cmd-${type}`,
        at: options.at ?? defaults.at,
        actor: options.actor ?? defaults.actor,
        correlationId: 'cor-1',
      },
    }) as unknown as C;
}

export const actor = (userId: string, roles: string[], departments: string[]): Actor => ({ userId, roles, departments });
