import type { ValidationError } from 'class-validator';

/** What a value must be: when that fails, its range or length says nothing more ("abc" is no port, not one over 65535). */
const KIND_CONSTRAINTS = new Set(['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject']);

/** The messages of what the value failed; of a value of the wrong kind, only that. */
export function failedConstraints(error: ValidationError): string[] {
  const failed = Object.entries(error.constraints ?? {});
  const ofKind = failed.filter(([constraint]) => KIND_CONSTRAINTS.has(constraint));
  return (ofKind.length > 0 ? ofKind : failed).map(([, message]) => message);
}
