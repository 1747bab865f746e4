export * from './data-keys';
export * from './field-cipher';
export * from './in-memory-data-key-table';
export * from './personal-data-event-store';
export * from './personal-data-policy';
