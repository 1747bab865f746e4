import { ValidateBy } from 'class-validator';
import { isCalendarDate } from '@serviceledger/resource/domain';

/** Validates a request property as a calendar date, `YYYY-MM-DD` (an acquisition, a spend, a validity): `2026-02-30` is a 400. */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: (args) => `${args?.property} must be a date (YYYY-MM-DD)`,
    },
  });
}
