import { CommandMetadata } from './command';
import { Actor } from './envelope';
import { commandIdFrom } from './ids';

/**
 * The metadata of a command that follows from another in the same use case: its id derives from the first
 * command's and the step, so a retry repeats nothing; correlation, actor and trace carry over.
 */
export function followOn(metadata: CommandMetadata, step: string): CommandMetadata {
  return { ...metadata, commandId: commandIdFrom(metadata.commandId, step), causationId: metadata.commandId };
}

/** What a command caused by a consumed message needs of it (an IntegrationMessage has it). */
export interface CausingMessage {
  id: string;
  extensions?: { correlationid?: string; traceparent?: string };
}

/**
 * The metadata of a command a consumed message (or a due time it scheduled) causes: the message is its
 * cause, its correlation and trace carry over, so one trace follows a demand across services.
 */
export function causedBy(message: CausingMessage, command: { commandId: string; at: string; actor: Actor }): CommandMetadata {
  const traceparent = message.extensions?.traceparent;
  return {
    ...command,
    correlationId: message.extensions?.correlationid ?? message.id,
    causationId: message.id,
    ...(traceparent ? { traceparent } : {}),
  };
}
