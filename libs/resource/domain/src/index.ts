export * from './equipment';
export * from './rd-investment';
export * from './documents';
export * from './knowledge';
export * from './partners';
export * from './security-incidents';
