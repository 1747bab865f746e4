import { ValidateBy } from 'class-validator';
import { isLocalDate } from '@serviceledger/hr-performance/domain';

/** Validates a request property as a calendar date, `YYYY-MM-DD` (a hire date, a due date): `2026-02-30` is refused. */
export function IsLocalDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isLocalDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isLocalDate(value),
      defaultMessage: (args) => `${args?.property} must be a date, YYYY-MM-DD`,
    },
  });
}
