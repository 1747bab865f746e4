export * from './checkpoint';
export * from './projection';
export * from './projection-host';
export * from './projection-runner';
export * from './read-model-database';
