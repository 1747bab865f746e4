export * from './documents';
export * from './knowledge';
