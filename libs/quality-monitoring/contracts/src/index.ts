export * from './clock-events';
export * from './contract';
export * from './topics';
export * from './period-events';
export * from './finding-events';
export * from './channels';
