export * from './identification-round';
export * from './risk';
export * from './risk-cadence';
export * from './risk-policy';
