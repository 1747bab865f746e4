export * from './knowledge';
export * from './security-incidents';
