export * from './business-calendar';
export * from './calendar-registry';
export * from './clock';
export * from './ics-import';
export * from './policy';
