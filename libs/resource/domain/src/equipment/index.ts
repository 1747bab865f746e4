export * from './asset';
export * from './calendar-dates';
export * from './procurement';
