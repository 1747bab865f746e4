import { Matches } from 'class-validator';

/** The form of what people name in configuration (departments, categories, rules, checklists, schemes). */
export const IDENTIFIER_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Validates a request property as an identifier: lower-case letters, digits and dashes, 64 at most. */
export function IsIdentifier(options: { each?: boolean } = {}): PropertyDecorator {
  const what = options.each ? 'lower-case identifiers' : 'a lower-case identifier';
  return Matches(IDENTIFIER_PATTERN, { each: options.each, message: `$property must be ${what}` });
}
