export * from './dead-letters';
export * from './contract-message';
export * from './in-process-bus';
export * from './inbox';
export * from './inbox-consumer';
export * from './integration-message';
export * from './messaging-log';
export * from './relay';
