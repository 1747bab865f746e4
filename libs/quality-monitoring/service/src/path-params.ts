import { PatternParam } from '@serviceledger/platform/nest';

/** The `:period` of a route: a month or a quarter (`periodOf` reads it). */
export const PeriodParam = (): ParameterDecorator =>
  PatternParam('period', /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'a month, YYYY-MM, or a quarter, YYYY-Qn');

/** The `:date` of a route: a calendar date. */
export const DateParam = (): ParameterDecorator =>
  PatternParam('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date, YYYY-MM-DD');
