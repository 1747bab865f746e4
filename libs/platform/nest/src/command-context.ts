import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';

export interface PlatformRequest extends FastifyRequest {
  actor?: Actor;
  commandMetadata?: CommandMetadata;
}

/** The metadata for the command this request sends: id, time, actor, correlation, trace. */
export function commandMetadataOf(_: unknown, context: ExecutionContext): CommandMetadata {
  const request = context.switchToHttp().getRequest<PlatformRequest>();
  if (!request.commandMetadata) throw new Error('CommandContext is only available on command routes (POST, PUT, PATCH, DELETE)');
  return request.commandMetadata;
}

/** A route parameter of the command metadata: the routes that take it are the ones that send a command. */
export const CommandContext = createParamDecorator(commandMetadataOf);

/** What every command route answers: the id it acted on and the checkpoint to read after. */
export interface CommandAccepted {
  id: string;
  /** Pass as `?after=` to a query to read this command's effects. */
  checkpoint?: string;
}
