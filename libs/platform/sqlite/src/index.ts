export * from './sqlite-event-store';
export * from './sqlite-data-key-table';
