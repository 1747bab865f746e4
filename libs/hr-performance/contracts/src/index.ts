export * from './catalogue';
export * from './contract';
export * from './staff-events';
export * from './topics';
