import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** Versions count the revisions of one piece of configuration: a million is beyond any one's life. */
export const MAX_VERSION = 1_000_000;

/** Validates a version named in a request: a whole number from 1 to MAX_VERSION. */
export function IsVersionNumber(): PropertyDecorator {
  return applyDecorators(IsInt(), Min(1), Max(MAX_VERSION));
}
