export * from './partner-events';
