export * from './rd-investment-plan';
export * from './rd-variance';
export * from './business-demand';
