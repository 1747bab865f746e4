export * from './cloud-events';
export * from './kafka-bus';
export * from './kafka-dead-letters';
