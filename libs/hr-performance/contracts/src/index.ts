export * from './catalogue';
export * from './contract';
export * from './staff-events';
export * from './topics';
export * from './appraisal-events';
export * from './promotion-events';
export * from './channels';
