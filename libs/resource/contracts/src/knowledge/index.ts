export * from './knowledge-events';
