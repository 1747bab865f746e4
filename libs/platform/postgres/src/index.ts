export * from './checkpoints';
export * from './event-store-migrations';
export * from './migrations';
export * from './overlapping-queries';
export * from './postgres-data-key-table';
export * from './postgres-event-store';
export * from './scratch-schema';
export { quoteIdent } from './sql';
