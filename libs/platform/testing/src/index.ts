export * from './event-store-contract';
export * from './authorization-matrix';
