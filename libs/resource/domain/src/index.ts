export * from './documents';
export * from './knowledge';
export * from './security-incidents';
