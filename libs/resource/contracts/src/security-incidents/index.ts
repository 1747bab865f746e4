export * from './security-incident-events';
