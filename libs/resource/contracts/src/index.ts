export * from './partners';
export * from './security-incidents';
export * from './equipment';
export * from './knowledge';
export * from './channels';
