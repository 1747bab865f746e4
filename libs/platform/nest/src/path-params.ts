import { Param, PipeTransform } from '@nestjs/common';
import { IDENTIFIER_PATTERN, KEY_PATTERN } from './identifier';
import { InvalidInputException } from './problem-details';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter of the wrong form is 400 naming it, like a field of a body. */
class PathParamPipe<T> implements PipeTransform<string, T> {
  constructor(
    private readonly name: string,
    private readonly parse: (value: string) => T | undefined,
    private readonly expected: string,
  ) {}

  transform(value: string): T {
    const parsed = this.parse(value);
    if (parsed === undefined) throw new InvalidInputException([{ field: this.name, message: `${this.name} must be ${this.expected}` }]);
    return parsed;
  }
}

/** A path parameter that must match `pattern`; `expected` completes "<name> must be …". */
export function PatternParam(name: string, pattern: RegExp, expected: string): ParameterDecorator {
  return Param(name, new PathParamPipe(name, (value) => (pattern.test(value) ? value : undefined), expected));
}

/** A path parameter holding a UUID (demands, cases, meetings, problems). */
export function UuidParam(name: string): ParameterDecorator {
  return PatternParam(name, UUID_PATTERN, 'a UUID');
}

/** A path parameter holding an identifier named in configuration (departments, calendars, policies, schemes). */
export function IdentifierParam(name: string): ParameterDecorator {
  return PatternParam(name, IDENTIFIER_PATTERN, 'a lower-case identifier');
}

/** A path parameter holding a key someone chose (a team member's id, a plan's milestone or step). */
export function KeyParam(name: string): ParameterDecorator {
  return PatternParam(name, KEY_PATTERN, 'a key of 1 to 64 characters without spaces');
}

/** A million revisions, rounds, issues or actions outlast any one record. */
export const MAX_PATH_NUMBER = 1_000_000;

/** A path parameter holding a whole number from 1 to MAX_PATH_NUMBER (versions, rounds, issue and action numbers). */
export function WholeNumberParam(name: string): ParameterDecorator {
  const parse = (value: string) => (/^[1-9]\d{0,6}$/.test(value) && Number(value) <= MAX_PATH_NUMBER ? Number(value) : undefined);
  return Param(name, new PathParamPipe(name, parse, `a whole number from 1 to ${MAX_PATH_NUMBER}`));
}
