export * from './event-store-contract';
export * from './authorization-matrix';
export * from './platform-test-app';
export * from './kafka-broker';
export * from './read-model-backends';
export * from './json-schema-validator';
export * from './eventually';
export * from './projection-spec';
