import { Actor } from './envelope';

/** What every command carries besides its data: the decider takes time and identity from here. */
export interface CommandMetadata {
  /** Unique per intent: a retry of the same request carries the same id. */
  commandId: string;
  /** ISO-8601 instant at which the command is decided. */
  at: string;
  actor: Actor;
  correlationId: string;
  causationId?: string;
  traceparent?: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}
