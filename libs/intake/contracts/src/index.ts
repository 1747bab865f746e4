export * from './catalogue';
export * from './complaint-events';
export * from './contract';
export * from './customer-events';
export * from './demand-events';
export * from './topics';
export * from './vocabulary';
export * from './channels';
