export * from './clock-events';
export * from './contract';
export * from './topics';
