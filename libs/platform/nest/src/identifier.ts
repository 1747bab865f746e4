import { Matches } from 'class-validator';

/** The form of what people name in configuration (departments, categories, rules, checklists, schemes). */
export const IDENTIFIER_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Validates a request property as an identifier: lower-case letters, digits and dashes, 64 at most. */
export function IsIdentifier(options: { each?: boolean } = {}): PropertyDecorator {
  const what = options.each ? 'lower-case identifiers' : 'a lower-case identifier';
  return Matches(IDENTIFIER_PATTERN, { each: options.each, message: `$property must be ${what}` });
}

/**
 * The form of a key someone else chose: a person's id (a token's subject), a milestone or step of a plan.
 * Up to 64 characters without spaces or control characters, so "x y" is refused at the edge.
 */
export const KEY_PATTERN = /^[^\s\p{C}]{1,64}$/u;

/** Validates a request property as a key: 1 to 64 characters, no spaces or control characters. */
export function IsKey(options: { each?: boolean } = {}): PropertyDecorator {
  const what = options.each ? 'keys' : 'a key';
  return Matches(KEY_PATTERN, { each: options.each, message: `$property must be ${what} of 1 to 64 characters without spaces` });
}
