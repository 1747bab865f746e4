export * from './checkpoint';
export * from './exclusive';
export * from './leases';
export * from './projection';
export * from './projection-host';
export * from './projection-runner';
export * from './read-model-database';
export * from './read-model-migrations';
