export * from './schedule';
export * from './schedule-table';
export * from './scheduler';
