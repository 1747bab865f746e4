export * from './equipment-events';
